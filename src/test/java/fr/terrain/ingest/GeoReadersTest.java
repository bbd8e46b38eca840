package fr.terrain.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.terrain.RealData;
import fr.terrain.election.PollingStation;
import fr.terrain.election.StationCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Station, arrondissement and IRIS contours of every vintage, against the counts in SOURCE.md. */
class GeoReadersTest {
    @TempDir
    Path tmp;

    @Test
    void everyVintageOfStationsIsReadWhateverItsPropertyNames() {
        assertThat(GeoReaders.stations(RealData.file(RealData.STATIONS_2020), null).values()).hasSize(897);
        assertThat(GeoReaders.stations(RealData.file(RealData.STATIONS_2024), null).values()).hasSize(902);
        assertThat(GeoReaders.stations(RealData.file(RealData.POINTS_2024), null).values()).hasSize(902)
                .allSatisfy(s -> assertThat(s.location()).isNotNull());
        GeoFile<PollingStation> s2012 = GeoReaders.stations(RealData.file(RealData.STATIONS_2012), null);
        assertThat(s2012.values()).hasSize(867);
        assertThat(s2012.vintage()).isEqualTo("2012");
        // ID 750060019 is bureau 19 of the 6th (SOURCE.md)
        assertThat(s2012.values()).anySatisfy(s -> assertThat(s.code()).isEqualTo(new StationCode(6, 19)));
    }

    /**
     * {@code terrain import stations} on the derived 2026 file: 903 contours, vintage 2026 from the name. Paris Centre
     * is numbered across arr. 1–4 there (0101–0110, 0211–0220, 0321–0335, 0436–0449): 0211 reads 2-11, the old
     * arrondissement and the number, as the city's 2024 contours spell the same renumbered bureau (2-11) and as the
     * 2020 files keep the old arrondissement (2-1…2-10): every one of them lies in sector 1, Paris Centre.
     */
    @Test
    void the2026ContoursKeepTheOldArrondissementOfParisCentreStations() {
        GeoFile<PollingStation> f = GeoReaders.stations(RealData.file(RealData.DERIVED_2026), null);
        assertThat(f.values()).hasSize(903);
        assertThat(f.vintage()).isEqualTo("2026");
        var codes = f.values().stream().map(PollingStation::code).toList();
        assertThat(codes).contains(new StationCode(1, 1), new StationCode(2, 11), new StationCode(3, 35),
                new StationCode(4, 49)).doesNotContain(new StationCode(2, 1), new StationCode(1, 11));
        assertThat(codes.stream().filter(c -> c.arrondissement() <= 4)).hasSize(49).allSatisfy(c -> assertThat(
                fr.terrain.election.law.SectorTable.of("paris", 2026).sectorOf(c.arrondissement()).orElseThrow().name())
                .isEqualTo("1"));
        // the 2024 contours code the same bureau alike
        assertThat(GeoReaders.stations(RealData.file(RealData.STATIONS_2024), null).values())
                .extracting(PollingStation::code).contains(new StationCode(2, 11)).doesNotContain(new StationCode(2, 1));
    }

    @Test
    void the2019ContoursCarryRegisteredVoters() {
        GeoFile<PollingStation> f = GeoReaders.stations(RealData.file(RealData.STATIONS_2019), null);
        assertThat(f.values()).hasSize(896);
        // general list (Σ 1,232,484) + EU citizens on the municipal list (Σ 13,367), SOURCE.md
        assertThat(f.values().stream().mapToInt(PollingStation::registeredVoters).sum()).isEqualTo(1_232_484 + 13_367);
    }

    @Test
    void propertyNamesTellTheLayout() {
        assertThat(GeoReaders.recognise(GeoJsonFeatures.propertyNames(RealData.file(RealData.STATIONS_2024), 3)))
                .isEqualTo(GeoReaders.Layout.STATIONS);
        assertThat(GeoReaders.recognise(GeoJsonFeatures.propertyNames(RealData.file(RealData.ARRONDISSEMENTS), 3)))
                .isEqualTo(GeoReaders.Layout.ARRONDISSEMENTS);
        assertThat(GeoReaders.recognise(GeoJsonFeatures.propertyNames(RealData.file(RealData.IRIS_CONTOURS_2013), 3)))
                .isEqualTo(GeoReaders.Layout.IRIS_CONTOURS);
        assertThat(GeoReaders.recognise(GeoJsonFeatures.propertyNames(
                RealData.file("paris-municipales-2026-t1/paris_2026_t1_bv_derived.geojson"), 3)))
                .isEqualTo(GeoReaders.Layout.DERIVED_STATION_TABLE);
        assertThat(GeoReaders.recognise(Set.of("foo", "bar"))).isNull();
    }

    @Test
    void theTwoIrisContourVariantsShareTheirCodes() {
        var v2013 = GeoReaders.irisContours(RealData.file(RealData.IRIS_CONTOURS_2013), null);
        var graphseg = GeoReaders.irisContours(RealData.file("paris-iris-contours/contours_iris_paris_987_graphseg.geojson"), "2014");
        assertThat(v2013.values()).hasSize(992);
        assertThat(graphseg.values()).hasSize(987);
        var codes2013 = v2013.values().stream().map(i -> i.code()).toList();
        assertThat(codes2013).containsAll(graphseg.values().stream().map(i -> i.code()).toList());
    }

    @Test
    void aSelfIntersectingContourIsRepairedWithAWarningAndAnUnknownIdIsLocated() throws IOException {
        Path f = tmp.resolve("bureaux_2030.geojson");
        Files.writeString(f, """
                {"type": "FeatureCollection", "features": [
                  {"type": "Feature", "properties": {"id_bv": "3-1"},
                   "geometry": {"type": "Polygon", "coordinates": [[[2.35,48.86],[2.36,48.87],[2.36,48.86],[2.35,48.87],[2.35,48.86]]]}},
                  {"type": "Feature", "properties": {"id_bv": "3-2"},
                   "geometry": {"type": "Polygon", "coordinates": [[[2.35,48.86],[2.36,48.86],[2.36,48.87],[2.35,48.86]]]}}
                ]}
                """);
        GeoFile<PollingStation> read = GeoReaders.stations(f, null);
        assertThat(read.vintage()).isEqualTo("2030");
        assertThat(read.values()).hasSize(2).allSatisfy(s -> assertThat(s.contour().isValid()).isTrue());
        assertThat(read.warnings()).singleElement().satisfies(w -> assertThat(w.line()).isEqualTo(2));

        Path bad = tmp.resolve("bureaux_2031.geojson");
        Files.writeString(bad, """
                {"type": "FeatureCollection", "features": [
                  {"type": "Feature", "properties": {"id_bv": "3-1"}, "geometry": {"type": "Point", "coordinates": [2.35, 48.86]}},
                  {"type": "Feature", "properties": {"nom": "sans code"}, "geometry": {"type": "Point", "coordinates": [2.35, 48.86]}}
                ]}
                """);
        assertThatThrownBy(() -> GeoReaders.stations(bad, null)).isInstanceOfSatisfying(InputError.class, e -> {
            assertThat(e.problems()).singleElement().satisfies(p -> {
                assertThat(p.line()).isEqualTo(3);
                assertThat(p.message()).contains("feature n° 2");
            });
        });
    }

    /** [latitude, longitude] instead of GeoJSON's [longitude, latitude]: every station off Somalia, imported silently. */
    @Test
    void swappedLongitudesAndLatitudesAreRefusedAndOverseasPlacesAreNot() throws IOException {
        Path swapped = tmp.resolve("bureaux_2032.geojson");
        Files.writeString(swapped, """
                {"type": "FeatureCollection", "features": [
                  {"type": "Feature", "properties": {"id_bv": "20-1"}, "geometry": {"type": "Point", "coordinates": [2.3969, 48.8631]}},
                  {"type": "Feature", "properties": {"id_bv": "20-2"},
                   "geometry": {"type": "Polygon", "coordinates": [[[48.86,2.39],[48.87,2.39],[48.87,2.40],[48.86,2.39]]]}}
                ]}
                """);
        assertThatThrownBy(() -> GeoReaders.stations(swapped, null)).isInstanceOfSatisfying(InputError.class,
                e -> assertThat(e.problems()).singleElement().satisfies(p -> {
                    assertThat(p.line()).as("where the feature starts").isEqualTo(3);
                    assertThat(p.message()).contains("feature n° 2", "longitude et latitude inversées ?",
                            "[48.8650, 2.3950] est hors de France, [2.3950, 48.8650] serait en France métropolitaine"); // its box's centre
                }));
        // Saint-Denis de La Réunion and Cayenne, as written: outside metropolitan France, and right
        Path overseas = tmp.resolve("bureaux_2033.geojson");
        Files.writeString(overseas, """
                {"type": "FeatureCollection", "features": [
                  {"type": "Feature", "properties": {"id_bv": "1-1"}, "geometry": {"type": "Point", "coordinates": [55.4504, -20.8821]}},
                  {"type": "Feature", "properties": {"id_bv": "1-2"}, "geometry": {"type": "Point", "coordinates": [-52.3135, 4.9224]}}
                ]}
                """);
        assertThat(GeoReaders.stations(overseas, null).values()).hasSize(2);
        // an empty geometry has no place to check (its envelope's centre is null: the fuzzer's NullPointerException)
        Path empty = tmp.resolve("bureaux_2034.geojson");
        Files.writeString(empty, """
                {"type": "FeatureCollection", "features": [
                  {"type": "Feature", "properties": {"id_bv": "1-1"}, "geometry": {"type": "MultiPolygon", "coordinates": []}},
                  {"type": "Feature", "properties": {"id_bv": "1-2"}, "geometry": {"type": "Point", "coordinates": [2.35, 48.86]}}
                ]}
                """);
        try {
            GeoReaders.stations(empty, null);
        } catch (InputError located) {
            assertThat(located.problems()).allSatisfy(p -> assertThat(p.line()).isPositive());
        }
    }

    @Test
    void truncatedJsonIsALocatedError() throws IOException {
        String text = Files.readString(RealData.file(RealData.ARRONDISSEMENTS));
        Path cut = tmp.resolve("arrondissements.geojson");
        Files.writeString(cut, text.substring(0, text.length() / 2));
        assertThatThrownBy(() -> GeoReaders.arrondissements(cut)).isInstanceOfSatisfying(InputError.class,
                e -> assertThat(e.problems().get(0).line()).isPositive());
    }
}
