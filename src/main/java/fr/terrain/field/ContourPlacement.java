package fr.terrain.field;

import fr.terrain.election.CommuneCodes;
import fr.terrain.election.PollingStation;
import fr.terrain.election.StationCode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.locationtech.jts.algorithm.locate.IndexedPointInAreaLocator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.index.strtree.STRtree;

/**
 * Places the voters the electoral list does not (no bureau, or a bureau the stations' vintage lacks) in the station
 * whose contour holds their matched BAN address, among their own commune's (or arrondissement's) stations. Approximate
 * as the contours are (INSEE's REU contours are drawn from addresses): the list's own bureau always wins where it names
 * a station of the vintage. See docs/adr/0029.
 */
public final class ContourPlacement {
    /**
     * @param matches the voters, those placed carrying their placed station
     * @param placed the ids of the voters placed by contour
     */
    public record Placed(List<Match> matches, Set<Long> placed) {}

    private record Zone(StationCode code, IndexedPointInAreaLocator locator) {}

    private final Set<StationCode> codes = new HashSet<>();
    private final Set<Integer> areas = new HashSet<>();
    private final STRtree tree = new STRtree();

    /** @param stations one vintage's stations; those without contour place nobody */
    public ContourPlacement(List<PollingStation> stations) {
        for (PollingStation s : stations) {
            codes.add(s.code());
            if (s.contour() != null) {
                areas.add(s.code().area());
                tree.insert(s.contour().getEnvelopeInternal(),
                        new Zone(s.code(), new IndexedPointInAreaLocator(s.contour())));
            }
        }
        tree.build();
    }

    /**
     * Whether a voter of {@code area} (null: unknown) whom the list puts in {@code listed} (null: no station) is placed
     * by contour: the vintage has no station {@code listed} but has contours in the area.
     */
    public boolean places(Integer area, StationCode listed) {
        return area != null && areas.contains(area) && (listed == null || !codes.contains(listed));
    }

    /** The area a voter's station lies in: the list's station's, else its commune's; null when unknown. */
    public static Integer area(StationCode listed, String commune) {
        if (listed != null) {
            return listed.area();
        }
        if (commune == null) {
            return null;
        }
        try {
            return CommuneCodes.areaOf(commune.toUpperCase(java.util.Locale.ROOT)).orElse(null);
        } catch (IllegalArgumentException e) {
            return null; // not a commune's code: no area to look in
        }
    }

    /** The matches with the voters that {@link #places} and whose address lies in a contour of their area placed. */
    public Placed place(List<Match> matches) {
        List<Match> out = new ArrayList<>(matches.size());
        Set<Long> placed = new HashSet<>();
        for (Match m : matches) {
            VoterAddress v = m.voter();
            Integer area = area(v.station(), v.communeCode());
            Optional<StationCode> station = m.matched() && places(area, v.station())
                    ? stationAt(area, new Coordinate(m.address().lon(), m.address().lat())) : Optional.empty();
            if (station.isPresent()) {
                placed.add(v.voterId());
                out.add(new Match(new VoterAddress(v.voterId(), v.importId(), station.get(), v.number(), v.streetType(),
                        v.streetName(), v.complement(), v.postcode(), v.communeCode()), m.address(), m.quality()));
            } else {
                out.add(m);
            }
        }
        return new Placed(out, placed);
    }

    /** The station of {@code area} whose contour holds the point (on a shared edge, the lowest code). */
    @SuppressWarnings("unchecked")
    private Optional<StationCode> stationAt(int area, Coordinate point) {
        List<Zone> found = tree.query(new Envelope(point));
        return found.stream().filter(z -> z.code().area() == area && z.locator().locate(point) != Location.EXTERIOR)
                .map(Zone::code).min(Comparator.naturalOrder());
    }
}
