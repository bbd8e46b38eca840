package fr.terrain.field;

import fr.terrain.RealData;
import fr.terrain.election.PollingStation;
import fr.terrain.election.StationCode;
import fr.terrain.geo.GeoJsonGeometry;
import fr.terrain.ingest.BanAddressReader;
import fr.terrain.ingest.CsvTable;
import fr.terrain.ingest.GeoReaders;
import fr.terrain.ingest.TextInput;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.index.strtree.STRtree;

/** The real BAN sample of the Faubourg Saint-Antoine, each address placed in its 2020 station by point-in-polygon. */
final class RealAddresses {
    private RealAddresses() {}

    static List<Address> faubourg() {
        List<Address> out = new ArrayList<>();
        try (CsvTable t = CsvTable.open(TextInput.detect(RealData.file(RealData.BAN_FAUBOURG)))) {
            BanAddressReader.read(t, out::add);
        }
        return out;
    }

    static List<PollingStation> stations2020() {
        return GeoReaders.stations(RealData.file(RealData.STATIONS_2020), null).values();
    }

    /** Station of each address (those outside every contour are left out). */
    static Map<Address, StationCode> byStation(List<Address> addresses, List<PollingStation> stations) {
        STRtree index = new STRtree();
        for (PollingStation s : stations) {
            index.insert(s.contour().getEnvelopeInternal(), new Object[] {s.code(), PreparedGeometryFactory.prepare(s.contour())});
        }
        index.build();
        Map<Address, StationCode> out = new HashMap<>();
        for (Address a : addresses) {
            Point p = GeoJsonGeometry.WGS84.createPoint(new Coordinate(a.lon(), a.lat()));
            for (Object o : index.query(p.getEnvelopeInternal())) {
                Object[] entry = (Object[]) o;
                if (((PreparedGeometry) entry[1]).covers(p)) {
                    out.put(a, (StationCode) entry[0]);
                    break;
                }
            }
        }
        return out;
    }
}
