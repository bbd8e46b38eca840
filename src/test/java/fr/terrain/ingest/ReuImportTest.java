package fr.terrain.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.terrain.RealData;
import fr.terrain.geo.GeoJsonGeometry;
import fr.terrain.geo.Lambert93;
import fr.terrain.store.Store;
import fr.terrain.store.TestStores;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;

/**
 * INSEE's REU addresses with their bureaux (the real Finistère sample): stations with their elector addresses and a
 * contour drawn from them. Figures checked independently with python3 (csv module) on the file: 31 bureaux (17 of
 * 29039, 13 of 29046, 1 of 29116), Σ nb_adresses 15,187 (8,877 + 6,251 + 59), bureau 29039_1 447, 29046_9 727;
 * rows kept to draw (housenumber, score ≥ 0.6) 11,910, dropped 425 (407 street, 3 locality, 15 housenumber below
 * 0.6); kept positions 11,840, of which 12 shared by two bureaux with as many addresses each: 11,828 draw.
 */
class ReuImportTest {
    static final String SAMPLE = "reu-adresses-bv-sample/reu_adresses_bv_sample_finistere.csv";

    @TempDir
    Path dir;

    @Test
    void theRealSampleGivesEachBureauItsAddressesAndAnApproximateContour() {
        TestStores.onBoth(dir.resolve("base"), store -> {
            ImportReport report = new Importer(store, Progress.NONE, false).reu(RealData.file(SAMPLE), null);
            assertThat(report.rowsRead()).isEqualTo(12_335);
            assertThat(report.rowsStored()).isEqualTo(31);
            assertThat(report.notes()).anyMatch(n -> n.startsWith("31 bureaux, 3 commune(s), 15 187 adresses d'électeurs"))
                    .contains("11 828 positions distinctes dessinent les contours ; 12 position(s) partagée(s) à égalité"
                            + " entre bureaux n'en dessinent aucun")
                    .anyMatch(n -> n.startsWith("découpage 2022 : "));
            Map<String, long[]> byCommune = new TreeMap<>();
            store.jdbi().useHandle(h -> h.createQuery("SELECT arrondissement, COUNT(*), SUM(elector_addresses),"
                            + " COUNT(contour), COUNT(contour_origin) FROM station WHERE vintage = 2022 GROUP BY arrondissement")
                    .map((rs, ctx) -> Map.entry(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3), rs.getLong(4),
                            rs.getLong(5)})).forEach(e -> byCommune.put(e.getKey(), e.getValue())));
            assertThat(byCommune).containsOnlyKeys("29039", "29046", "29116");
            assertThat(byCommune.get("29039")).containsExactly(17, 8_877, 17, 17);
            assertThat(byCommune.get("29046")).containsExactly(13, 6_251, 13, 13);
            assertThat(byCommune.get("29116")).containsExactly(1, 59, 1, 1);
            assertThat(addresses(store, "29039-1")).isEqualTo(447);
            assertThat(addresses(store, "29046-9")).isEqualTo(727);
        });
    }

    /**
     * The contours of one commune tile without overlapping, are valid, and hold every position that drew them: a kept
     * row (house number, score ≥ 0.6) lies in its own bureau's contour unless another bureau shares its position.
     */
    @Test
    void contoursOfACommuneDoNotOverlapAndHoldTheirOwnAddresses() throws IOException {
        try (Store store = TestStores.h2(dir.resolve("base"))) {
            new Importer(store, Progress.NONE, false).reu(RealData.file(SAMPLE), 2023);
            Map<String, Geometry> contours = new TreeMap<>();
            store.jdbi().useHandle(h -> h.createQuery("SELECT code, contour FROM station WHERE vintage = 2023")
                    .map((rs, ctx) -> Map.entry(rs.getString(1), GeoJsonGeometry.parse(rs.getString(2))))
                    .forEach(e -> contours.put(e.getKey(), e.getValue())));
            assertThat(contours).hasSize(31).allSatisfy((code, c) -> assertThat(c.isValid()).as(code).isTrue());
            List<String> codes = new ArrayList<>(contours.keySet());
            double overlap = 0;
            for (int i = 0; i < codes.size(); i++) {
                for (int j = i + 1; j < codes.size(); j++) {
                    overlap += Lambert93.project(contours.get(codes.get(i)))
                            .intersection(Lambert93.project(contours.get(codes.get(j)))).getArea();
                }
            }
            // 7-decimal rounding moves shared edges by up to a centimetre: slivers of a few square metres at most
            assertThat(overlap).as("m² of pairwise overlaps").isLessThan(5);
            List<String[]> kept = Files.readAllLines(RealData.file(SAMPLE), StandardCharsets.UTF_8).stream().skip(1)
                    .map(l -> l.split(";")).filter(f -> f[4].equals("housenumber") && Double.parseDouble(f[5]) >= 0.6)
                    .toList();
            Map<String, Set<String>> bureauxAt = new HashMap<>();
            kept.forEach(f -> bureauxAt.computeIfAbsent(f[2] + ";" + f[3], k -> new HashSet<>()).add(f[0]));
            long checked = 0;
            for (String[] f : kept) {
                if (bureauxAt.get(f[2] + ";" + f[3]).size() > 1) {
                    continue;
                }
                var point = GeoJsonGeometry.WGS84.createPoint(new Coordinate(Double.parseDouble(f[2]),
                        Double.parseDouble(f[3])));
                assertThat(contours.get(f[0].replace('_', '-')).covers(point)).as("%s at %s %s", f[0], f[2], f[3])
                        .isTrue();
                checked++;
            }
            assertThat(checked).isGreaterThan(11_000);
        }
    }

    @Test
    void aSecondImportChangesNothingAndABadLineStoresNothing() throws IOException {
        List<String> lines = Files.readAllLines(RealData.file(SAMPLE), StandardCharsets.UTF_8);
        Path copy = dir.resolve("adresses-copie.csv");
        Files.write(copy, lines, StandardCharsets.UTF_8);
        List<String> damaged = new ArrayList<>(lines);
        damaged.set(6_000 - 1, damaged.get(6_000 - 1).replaceFirst(";-3\\.", ";-3,,")); // line 6000: longitude spoilt
        Path bad = dir.resolve("adresses-abimees.csv");
        Files.write(bad, damaged, StandardCharsets.UTF_8);
        TestStores.onBoth(dir.resolve("base"), store -> {
            Importer importer = new Importer(store, Progress.NONE, false);
            importer.reu(RealData.file(SAMPLE), 2022);
            String once = TestStores.dump(store);
            assertThat(importer.reu(RealData.file(SAMPLE), 2022).skipped()).isTrue();
            assertThat(TestStores.dump(store)).isEqualTo(once);
            importer.reu(copy, 2022); // the same rows under another name: the same stations
            assertThat(stations(store)).isEqualTo(stations(once));
            String before = TestStores.dump(store);
            assertThatThrownBy(() -> importer.reu(bad, 2022)).isInstanceOf(InputError.class)
                    .hasMessageStartingWith("adresses-abimees.csv:6000:3: [longitude] attendu un nombre");
            assertThat(TestStores.dump(store)).isEqualTo(before);
        });
    }

    @Test
    void bureauIdsAreCommuneAndNumberCorsicaUnderItsFormerCodeAndOtherSpellingsAreRefusedWithTheirLine()
            throws IOException {
        String header = "code_commune_ref;id_brut_bv_reu;latitude;longitude;geo_score;geo_type;nb_adresses;adresse\n";
        Path ok = write("ok.csv", header + "29039;29039_0001;47.87;-3.91;0.96;housenumber;2;1 rue A\n"
                + "29039;29039_0002;47.88;-3.92;0.96;housenumber;1;2 rue B\n"
                + "2A004;2a004_1;41.92;8.73;0.9;housenumber;3;3 cours C\n");
        try (Store store = TestStores.h2(dir.resolve("base"))) {
            new Importer(store, Progress.NONE, false).reu(ok, 2022);
            List<String> codes = store.jdbi().withHandle(h -> h.createQuery("SELECT code FROM station ORDER BY code")
                    .mapTo(String.class).list());
            assertThat(codes).containsExactly("20004-1", "29039-1", "29039-2");
        }
        assertRefused(header + "29039;29039_1;47.87;-3.91;0.96;housenumber;2;x\n29039;29039_BV12;47.87;-3.91;0.96;housenumber;2;x\n",
                "reu.csv:3:2: [id_brut_bv_reu] bureau « BV12 » de la commune 29039 : Terrain numérote les bureaux de 1 à 99999");
        assertRefused(header + "29039;29039_1;47.87;-3.91;0.96;housenumber;2;x\n29039;29039_01;47.87;-3.91;0.96;housenumber;2;x\n",
                "reu.csv:3:2: [id_brut_bv_reu] bureau « 29039_01 » et bureau « 29039_1 » (ligne 2) donnent le même code 29039-1");
        assertRefused(header + "29039;BV1;47.87;-3.91;0.96;housenumber;2;x\n",
                "reu.csv:2:2: [id_brut_bv_reu] attendu un bureau <code commune>_<numéro> comme 29039_1");
        assertRefused(header + "00001;00001_1;47.87;-3.91;0.96;housenumber;2;x\n",
                "reu.csv:2:2: [id_brut_bv_reu] code de commune « 00001 » inexistant");
    }

    /**
     * {@code --communes}: a campaign's communes out of INSEE's national table. Only their rows are kept (29039 has 6,849
     * rows, 17 bureaux and 8,877 addresses in the sample: SOURCE.md and awk on the file), the others are counted, and
     * their stations are those the whole file gives them (each commune is drawn from its own positions alone).
     */
    @Test
    void onlyTheRowsOfTheChosenCommunesAreKeptAndDrawnAsInTheWholeFile() {
        TestStores.onBoth(dir.resolve("base"), store -> {
            Importer importer = new Importer(store, Progress.NONE, false);
            ImportReport report = importer.reu(RealData.file(SAMPLE), 2022, Set.of("29039"));
            assertThat(report.rowsRead()).isEqualTo(12_335);
            assertThat(report.rowsStored()).isEqualTo(17);
            assertThat(report.notes()).contains("6 849 ligne(s) des communes demandées (29039) ; 5 486 ligne(s)"
                    + " d'autres communes passées sans être lues (--communes)")
                    .anyMatch(n -> n.startsWith("17 bureaux, 1 commune(s), 8 877 adresses d'électeurs"));
            String chosen = stations(store);
            assertThat(chosen).doesNotContain("29046-").doesNotContain("29116-").contains("29039-17");
            // another commune later: the first one's stations stay
            importer.reu(RealData.file(SAMPLE), 2022, Set.of("29046", "29116"));
            long stored = store.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM station").mapTo(Long.class)
                    .one());
            assertThat(stored).isEqualTo(31);
            String both = stations(store);
            importer.reu(RealData.file(SAMPLE), 2022); // the whole file: the same 31 stations, contours and counts
            assertThat(stations(store)).isEqualTo(both);
            assertThat(lines(both, "29039-")).isEqualTo(lines(chosen, "29039-"));
        });
    }

    /**
     * The national table as those who processed it read it (a notebook on INSEE's table-adresses-reu.csv of 2023, ADR
     * 0028): comma-separated, with columns the sample lacks (nb_bv_commune among them) and in another order. The sample
     * rewritten so, with a raw address text holding a comma (quoted, as CSV writes it), gives the same stations.
     */
    @Test
    void theSampleInTheNationalLayoutCommaSeparatedGivesTheSameStations() throws IOException {
        List<String> sample = Files.readAllLines(RealData.file(SAMPLE), StandardCharsets.UTF_8);
        assertThat(sample.get(0)).isEqualTo("id_brut_bv_reu;code_commune_ref;longitude;latitude;geo_type;geo_score;"
                + "nb_adresses");
        Map<String, Set<String>> bureauxOf = new HashMap<>();
        sample.stream().skip(1).map(l -> l.split(";", -1)).forEach(f ->
                bureauxOf.computeIfAbsent(f[1], c -> new HashSet<>()).add(f[0]));
        StringBuilder national = new StringBuilder("code_commune_ref,reconstitution_code_commune,id_brut_bv_reu,"
                + "geo_adresse,geo_type,geo_score,longitude,latitude,nb_bv_commune,nb_adresses\r\n");
        for (String line : sample.subList(1, sample.size())) {
            String[] f = line.split(";", -1);
            national.append(String.join(",", f[1], f[1], f[0], "\"1 rue de l'Essai, " + f[1] + " Commune\"", f[4], f[5],
                    f[2], f[3], String.valueOf(bureauxOf.get(f[1]).size()), f[6])).append("\r\n");
        }
        Path file = write("table-adresses-reu.csv", national.toString());
        String fromSample;
        try (Store store = TestStores.h2(dir.resolve("sample"))) {
            new Importer(store, Progress.NONE, false).reu(RealData.file(SAMPLE), 2022);
            fromSample = stations(store);
        }
        try (Store store = TestStores.h2(dir.resolve("national"))) {
            ImportReport report = new Importer(store, Progress.NONE, false).reu(file, 2022);
            assertThat(report.rowsRead()).isEqualTo(12_335);
            assertThat(stations(store)).isEqualTo(fromSample).contains("29039-17");
        }
    }

    /**
     * Rows of other communes are read no further than their bureau's id: a damaged row there does not stop the
     * campaign's import (it refuses the whole file). A commune asked for that the file does not hold refuses the import
     * and changes nothing: the campaign would go on without its stations.
     */
    @Test
    void rowsOfOtherCommunesAreNotCheckedAndACommuneTheFileLacksIsRefused() throws IOException {
        String header = "id_brut_bv_reu;code_commune_ref;longitude;latitude;geo_type;geo_score;nb_adresses\n";
        Path file = write("reu.csv", header + "29039_1;29039;-3.91;47.87;housenumber;0.96;2\n"
                + "29046_1;29046;-4.33;48.09;housenumber;0.96;x\n2a004_1;2A004;8.73;41.92;housenumber;0.9;3\n");
        try (Store store = TestStores.h2(dir.resolve("base"))) {
            Importer importer = new Importer(store, Progress.NONE, false);
            assertThatThrownBy(() -> importer.reu(file, 2022)).isInstanceOf(InputError.class)
                    .hasMessageStartingWith("reu.csv:3:7: [nb_adresses] attendu un nombre entier");
            ImportReport report = importer.reu(file, 2022, ReuAddressReader.communes(List.of("29039", " 2a004")));
            assertThat(origins(store)).containsExactly("20004-1 reu-adresses 3", "29039-1 reu-adresses 2");
            assertThat(report.notes()).contains("2 ligne(s) des communes demandées (29039, 2A004) ; 1 ligne(s) d'autres"
                    + " communes passées sans être lues (--communes)");
            String before = TestStores.dump(store);
            assertThatThrownBy(() -> importer.reu(file, 2023, Set.of("29039", "29093", "29116")))
                    .isInstanceOf(InputError.class).hasMessage("reu.csv: commune(s) 29093, 29116 demandée(s) par"
                            + " --communes absente(s) du fichier (3 lignes lues) : rien n'a été importé ; vérifiez le code"
                            + " INSEE (pas le code postal) ou retirez-la de la liste");
            assertThat(TestStores.dump(store)).isEqualTo(before);
        }
        assertThatThrownBy(() -> ReuAddressReader.communes(List.of("29039", "2903")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("code de commune « 2903 »");
        assertThatThrownBy(() -> ReuAddressReader.communes(List.of("75056")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("commune 75056 : les bureaux de Paris");
    }

    /** A bureau id too short to name a commune is an error with its line under --communes too (it was a bare NPE). */
    @Test
    void aBureauIdTooShortForACommuneIsAnErrorWithItsLineWhenCommunesAreChosen() throws IOException {
        String header = "id_brut_bv_reu;code_commune_ref;longitude;latitude;geo_type;geo_score;nb_adresses\n";
        Path file = write("reu.csv", header + "29039_1;29039;-3.91;47.87;housenumber;0.96;2\n"
                + "29_1;29039;-3.91;47.87;housenumber;0.96;2\n");
        try (Store store = TestStores.h2(dir.resolve("base"))) {
            String before = TestStores.dump(store);
            assertThatThrownBy(() -> new Importer(store, Progress.NONE, false).reu(file, 2022, Set.of("29039")))
                    .isInstanceOf(InputError.class).hasMessageStartingWith("reu.csv:3:1:");
            assertThat(TestStores.dump(store)).isEqualTo(before);
        }
    }

    /** A table without the REU's columns is refused on its header line, which the message quotes; nothing stored. */
    @Test
    void aTableWithoutTheReuColumnsIsRefusedWithItsHeader() throws IOException {
        assertRefused("id_bv;longitude;latitude\n29039_1;-3.91;47.87\n", "reu.csv:1: pas une table d'adresses du REU :"
                + " colonnes id_brut_bv_reu, longitude, latitude, nb_adresses attendues ; en-tête : id_bv, longitude,"
                + " latitude");
    }

    /** The lines of a dump's station section that start with {@code prefix}. */
    private static List<String> lines(String stations, String prefix) {
        return stations.lines().filter(l -> l.contains(prefix)).toList();
    }

    /**
     * A published contour outranks a drawn one: a stations file over a REU station replaces its contour and clears the
     * mark; a REU import over a published station leaves it as it is, and says so.
     */
    @Test
    void aPublishedContourReplacesADrawnOneAndIsNeverReplacedByOne() throws IOException {
        String header = "id_brut_bv_reu;longitude;latitude;geo_type;geo_score;nb_adresses\n";
        Path reu = write("reu.csv", header + "29039_1;-3.91;47.87;housenumber;0.96;2\n29039_2;-3.92;47.88;housenumber;0.96;1\n");
        Path published = write("bureaux.geojson", "{\"type\":\"FeatureCollection\",\"features\":["
                + StationReimportTest.station("29039-1", "[[-3.95,47.85],[-3.90,47.85],[-3.90,47.90],[-3.95,47.85]]") + "]}");
        TestStores.onBoth(dir.resolve("base"), store -> {
            Importer importer = new Importer(store, Progress.NONE, false);
            importer.reu(reu, 2022);
            importer.stations(published, 2022);
            assertThat(origins(store)).containsExactly("29039-1 null 2", "29039-2 reu-adresses 1");
            ImportReport again = importer.reu(write("reu-2.csv", header + "29039_1;-3.91;47.87;housenumber;0.96;5\n"
                    + "29039_2;-3.92;47.88;housenumber;0.96;1\n"), 2022);
            assertThat(again.notes()).contains("1 bureau(x) déjà donnés par un fichier publié dans le découpage 2022,"
                    + " gardés tels quels : 29039-1");
            assertThat(origins(store)).containsExactly("29039-1 null 2", "29039-2 reu-adresses 1");
        });
    }

    /**
     * A position outside the part of France its commune lies in (longitude and latitude swapped, a damaged value) is
     * refused with its line: drawn, it would stretch its bureau's cell and its commune's envelope over thousands of
     * kilometres. A commune code must be five digits or Corsica's 2A/2B.
     */
    @Test
    void aPositionOutsideItsCommunesTerritoryAndAMalformedCommuneAreRefusedWithTheirLine() throws IOException {
        String header = "id_brut_bv_reu;longitude;latitude;geo_type;geo_score;nb_adresses\n";
        assertRefused(header + "29039_1;-3.91;47.87;housenumber;0.96;2\n29039_2;47.88;-3.92;housenumber;0.96;1\n",
                "reu.csv:3:2: [longitude] position 47.88, -3.92 hors de la France métropolitaine (commune 29039) :"
                        + " longitude et latitude inversées ?");
        assertRefused(header + "97411_1;-3.91;47.87;housenumber;0.96;2\n",
                "reu.csv:2:2: [longitude] position -3.91, 47.87 hors de La Réunion (commune 97411)");
        assertRefused(header + "9A123_1;-3.91;47.87;housenumber;0.96;2\n",
                "reu.csv:2:1: [id_brut_bv_reu] attendu un bureau <code commune>_<numéro> comme 29039_1, trouvé « 9A123_1 »");
        Path ok = write("outre-mer.csv", header + "97411_1;55.45;-20.88;housenumber;0.96;2\n"
                + "97101_1;-61.53;16.24;street;0.7;1\n2B033_1;9.45;42.70;housenumber;0.9;1\n"
                + "98818_1;166.45;-22.27;housenumber;0.9;1\n");
        try (Store store = TestStores.h2(dir.resolve("base"))) {
            assertThat(new Importer(store, Progress.NONE, false).reu(ok, 2022).rowsStored()).isEqualTo(4);
        }
    }

    /**
     * A row whose longitude lost its minus sign (Concarneau's -3.917548 read as 3.917548: Burgundy, still in France, so
     * not refused) is counted in its bureau but draws nothing: the contours are those of the file without that row.
     * Before, its Voronoi cell stretched 600 km east (29039-1 over 60 km² instead of under 1) and the fuzz test found
     * two bureaux overlapping over 9 km² with a few rows and one such position.
     */
    @Test
    void aPositionFarFromItsCommuneCountsButDrawsNothing() throws IOException {
        List<String> lines = Files.readAllLines(RealData.file(SAMPLE), StandardCharsets.UTF_8);
        String[] row = lines.get(3).split(";", -1); // 29039_1;29039;-3.917548;47.870255;housenumber;0.96;1
        assertThat(row[0]).isEqualTo("29039_1");
        assertThat(row[2]).startsWith("-3.9");
        List<String> flipped = new ArrayList<>(lines);
        row[2] = row[2].substring(1);
        flipped.set(3, String.join(";", row));
        List<String> without = new ArrayList<>(lines);
        without.remove(3);
        List<String> notes = new ArrayList<>();
        var astray = ReuStations.read(write("signe.csv", String.join("\n", flipped) + "\n"), 2022, notes).stations();
        var absent = ReuStations.read(write("sans.csv", String.join("\n", without) + "\n"), 2022, new ArrayList<>())
                .stations();
        assertThat(astray).hasSameSizeAs(absent);
        for (int i = 0; i < astray.size(); i++) {
            var a = astray.get(i);
            var b = absent.get(i);
            assertThat(a.station().code()).isEqualTo(b.station().code());
            assertThat(a.station().contour()).as("contour of %s", a.station().code()).isEqualTo(b.station().contour());
            // the row's one address still counts in its bureau
            assertThat(a.electorAddresses()).isEqualTo(b.electorAddresses() + (a.station().code().toString().equals("29039-1")
                    ? Long.parseLong(row[6]) : 0));
        }
        assertThat(notes).anySatisfy(n -> assertThat(n).startsWith("1 position(s) (1 adresses) à plus de 50 km du centre"));
    }

    /**
     * A polling place a published file gave without a contour does not stop the REU from drawing one, whichever file
     * comes first; a REU re-import that no longer gives a bureau with a published polling place takes back its drawn
     * contour and keeps the place (it used to stay, marked drawn, over the new contours of its neighbours).
     */
    @Test
    void aPublishedPlaceWithoutContourGetsTheDrawnOneAndLosesItWhenTheBureauIsGone() {
        String header = "id_brut_bv_reu;longitude;latitude;geo_type;geo_score;nb_adresses\n";
        Path reu = write("reu.csv", header + "29039_1;-3.91;47.87;housenumber;0.96;2\n29039_2;-3.92;47.88;housenumber;0.96;1\n");
        Path places = write("lieux.geojson", "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\","
                + "\"geometry\":{\"type\":\"Point\",\"coordinates\":[-3.915,47.875]},\"properties\":{\"id_bv\":\"29039-2\"}}]}");
        TestStores.onBoth(dir.resolve("base"), store -> {
            Importer importer = new Importer(store, Progress.NONE, false);
            importer.stations(places, 2022);
            importer.reu(reu, 2022);
            assertThat(drawn(store)).containsExactly("29039-1 reu-adresses 2 contour", "29039-2 reu-adresses 1 contour place");
            importer.reu(write("reu-2.csv", header + "29039_1;-3.91;47.87;housenumber;0.96;3\n"), 2022);
            assertThat(drawn(store)).containsExactly("29039-1 reu-adresses 3 contour", "29039-2 null 0 place");
        });
    }

    private static List<String> drawn(Store store) {
        return store.jdbi().withHandle(h -> h.createQuery("SELECT code, contour_origin, elector_addresses, contour, lon"
                + " FROM station ORDER BY code").map((rs, ctx) -> rs.getString(1) + " " + rs.getString(2) + " "
                + rs.getLong(3) + (rs.getString(4) == null ? "" : " contour") + (rs.getString(5) == null ? "" : " place"))
                .list());
    }

    /** A bureau whose addresses are all geocoded to the street keeps its count and gets no contour; 0,96 is 0.96. */
    @Test
    void aBureauWithNoAddressThatDrawsIsStoredWithItsCountAndNoContour() {
        Path file = write("reu.csv", "id_brut_bv_reu;longitude;latitude;geo_type;geo_score;nb_adresses\n"
                + "29039_1;-3,91;47,87;housenumber;0,96;2\n29039_2;-3,92;47,88;street;0,96;4\n"
                + "29039_2;-3,93;47,89;housenumber;0,40;1\n");
        TestStores.onBoth(dir.resolve("base"), store -> {
            ImportReport report = new Importer(store, Progress.NONE, false).reu(file, 2022);
            assertThat(report.notes()).contains("1 bureau(x) sans contour : aucune de leurs adresses ne le dessine",
                    "1 ligne(s) (4 adresses) ne dessinent aucun contour : géocodé à la rue ; comptées dans leur bureau",
                    "1 ligne(s) (1 adresses) ne dessinent aucun contour : score < 0.6 ; comptées dans leur bureau");
            assertThat(origins(store)).containsExactly("29039-1 reu-adresses 2", "29039-2 reu-adresses 5");
            long withContour = store.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(contour) FROM station")
                    .mapTo(Long.class).one());
            assertThat(withContour).isEqualTo(1);
        });
    }

    /**
     * Paris, Lyon and Marseille number their bureaux per arrondissement (Paris's own stations are {@code 12-1}): read
     * as communes, their REU rows became stations {@code 75112-1} drawn over Paris's published contours. Left out.
     */
    @Test
    void rowsOfParisLyonAndMarseilleAreLeftOutWithANote() {
        Path file = write("reu.csv", "id_brut_bv_reu;longitude;latitude;geo_type;geo_score;nb_adresses\n"
                + "29039_1;-3.91;47.87;housenumber;0.96;2\n75112_1;2.39;48.84;housenumber;0.96;3\n"
                + "75056_4;2.35;48.86;housenumber;0.96;1\n69381_1;4.83;45.76;housenumber;0.96;1\n"
                + "13201_2;5.37;43.30;housenumber;0.96;1\n");
        try (Store store = TestStores.h2(dir.resolve("base"))) {
            ImportReport report = new Importer(store, Progress.NONE, false).reu(file, 2022);
            assertThat(origins(store)).containsExactly("29039-1 reu-adresses 2");
            assertThat(report.notes()).anyMatch(n -> n.startsWith("4 ligne(s) de Paris, Lyon ou Marseille laissées de"
                    + " côté"));
        }
        assertThat(ReuAddressReader.cityWithArrondissements("75120_3")).isTrue();
        assertThat(ReuAddressReader.cityWithArrondissements("75121_3")).isFalse(); // no 21st arrondissement
        assertThat(ReuAddressReader.cityWithArrondissements("69389_1")).isTrue();
        assertThat(ReuAddressReader.cityWithArrondissements("13216_1")).isTrue();
        assertThat(ReuAddressReader.cityWithArrondissements("13217_1")).isFalse();
        assertThat(ReuAddressReader.cityWithArrondissements("75001_1")).isFalse(); // not a commune code of Paris
    }

    private static List<String> origins(Store store) {
        return store.jdbi().withHandle(h -> h.createQuery("SELECT code, contour_origin, elector_addresses FROM station"
                + " ORDER BY code").map((rs, ctx) -> rs.getString(1) + " " + rs.getString(2) + " " + rs.getLong(3)).list());
    }

    private Path write(String name, String content) {
        try {
            return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void assertRefused(String content, String message) throws IOException {
        Path file = write("reu.csv", content);
        try (Store store = TestStores.h2(dir.resolve("refus"))) {
            String before = TestStores.dump(store);
            assertThatThrownBy(() -> new Importer(store, Progress.NONE, false).reu(file, 2022))
                    .isInstanceOf(InputError.class).hasMessageStartingWith(message);
            assertThat(TestStores.dump(store)).isEqualTo(before);
        }
    }

    private static long addresses(Store store, String code) {
        return store.jdbi().withHandle(h -> h.createQuery("SELECT elector_addresses FROM station WHERE code = :c")
                .bind("c", code).mapTo(Long.class).one());
    }

    private static String stations(Store store) {
        return stations(TestStores.dump(store));
    }

    /** The dump's section of the station table. */
    private static String stations(String dump) {
        int from = dump.indexOf("## station (");
        return dump.substring(from, dump.indexOf("\n## ", from));
    }
}
