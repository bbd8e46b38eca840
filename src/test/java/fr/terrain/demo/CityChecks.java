package fr.terrain.demo;

import static org.assertj.core.api.Assertions.assertThat;

import fr.terrain.election.PollingStation;
import fr.terrain.election.StationCode;
import fr.terrain.territory.Arrondissement;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.Period;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.locationtech.jts.geom.Geometry;

/**
 * The invariants every generated city must satisfy, whatever its scale: checked on the files as
 * written, with independent arithmetic and geometry rather than the generator's own numbers.
 */
final class CityChecks {
    private CityChecks() {}

    /** A bureau's totals as repeated on each of its rows. */
    record Totals(int registered, int voters, int blank, int invalid, int expressed, long votes, int lists) {
        double turnout() {
            return (double) voters / registered;
        }
    }

    static final String RESULTS_HEADER = "id_bvote;scrutin;annee;tour;date;num_circ;num_quartier;num_arrond;"
            + "num_bureau;nb_procu;nb_inscr;nb_emarg;nb_votant;nb_blanc;nb_nul;nb_exprim;tete_de_liste;nb_voix";

    /**
     * Every row's totals repeat its bureau's; list votes add up to the expressed votes, expressed
     * plus blank plus void to the voters, and no bureau has more voters than registered.
     */
    static Map<StationCode, Totals> resultsAddUp(Path file, int year, String date) {
        assertThat(DemoFiles.firstLine(file)).isEqualTo(RESULTS_HEADER);
        Map<StationCode, Totals> totals = new TreeMap<>();
        Map<StationCode, Set<String>> lists = new HashMap<>();
        DemoFiles.forEachRow(file, ";", row -> {
            StationCode code = StationCode.parse(row.get("id_bvote"));
            assertThat(code.area()).isEqualTo(row.integer("num_arrond"));
            assertThat(code.number()).isEqualTo(row.integer("num_bureau"));
            assertThat(row.get("scrutin")).isEqualTo("Municipales");
            assertThat(row.integer("annee")).isEqualTo(year);
            assertThat(row.integer("tour")).isEqualTo(1);
            assertThat(row.get("date")).isEqualTo(date);
            assertThat(row.get("tete_de_liste")).matches("(Mme|M\\.) [A-Z][A-Z -]+ \\p{Lu}[\\p{L}-]+");
            assertThat(lists.computeIfAbsent(code, c -> new HashSet<>()).add(row.get("tete_de_liste")))
                    .as("list %s once in bureau %s", row.get("tete_de_liste"), code).isTrue();
            Totals t = new Totals(row.integer("nb_inscr"), row.integer("nb_votant"), row.integer("nb_blanc"),
                    row.integer("nb_nul"), row.integer("nb_exprim"), row.integer("nb_voix"), 1);
            assertThat(row.integer("nb_voix")).isNotNegative();
            assertThat(row.integer("nb_emarg")).isEqualTo(t.voters());
            Totals seen = totals.get(code);
            if (seen == null) {
                totals.put(code, t);
            } else {
                assertThat(new int[] {t.registered(), t.voters(), t.blank(), t.invalid(), t.expressed()})
                        .as("totals of %s on line %d", code, row.line())
                        .containsExactly(seen.registered(), seen.voters(), seen.blank(), seen.invalid(), seen.expressed());
                totals.put(code, new Totals(seen.registered(), seen.voters(), seen.blank(), seen.invalid(),
                        seen.expressed(), seen.votes() + t.votes(), seen.lists() + 1));
            }
        });
        totals.forEach((code, t) -> {
            assertThat(t.votes()).as("Σ voix of %s", code).isEqualTo(t.expressed());
            assertThat(t.expressed() + t.blank() + t.invalid()).as("exprimés + blancs + nuls of %s", code)
                    .isEqualTo(t.voters());
            assertThat(t.voters()).as("votants of %s", code).isLessThanOrEqualTo(t.registered());
            assertThat(t.lists()).as("lists in %s", code).isBetween(3, 15);
        });
        return totals;
    }

    /**
     * Bureaux are numbered from 1 in each arrondissement; contours are valid, inside their
     * arrondissement, do not overlap their neighbours, and together cover the arrondissement.
     */
    static void stationsTileArrondissements(Path dir) {
        Map<StationCode, PollingStation> stations = DemoFiles.stations(dir);
        Map<Integer, Arrondissement> arrondissements = DemoFiles.arrondissements(dir);
        assertThat(arrondissements.keySet()).containsExactlyElementsOf(rangeClosed(1, 20));
        Map<Integer, Integer> perArrondissement = new TreeMap<>();
        stations.keySet().forEach(c -> perArrondissement.merge(c.area(), 1, Integer::sum));
        perArrondissement.forEach((a, n) -> assertThat(stations.keySet().stream().filter(c -> c.area() == a)
                .map(StationCode::number)).as("bureaux of %d", a).containsExactlyElementsOf(rangeClosed(1, n)));
        DemoFiles.StationIndex index = new DemoFiles.StationIndex(stations);
        Map<Integer, Double> covered = new TreeMap<>();
        for (PollingStation s : stations.values()) {
            Geometry contour = s.contour();
            assertThat(contour.isValid()).as("contour of %s is valid", s.code()).isTrue();
            double area = contour.getArea();
            Geometry arrondissement = arrondissements.get(s.arrondissement()).contour();
            assertThat(contour.difference(arrondissement).getArea()).as("%s outside its arrondissement", s.code())
                    .isLessThan(roundingSliver(contour));
            for (PollingStation other : index.near(contour)) {
                if (other.code().compareTo(s.code()) > 0) {
                    double overlap = contour.intersection(other.contour()).getArea();
                    assertThat(overlap).as("overlap of %s and %s", s.code(), other.code())
                            .isLessThan(Math.min(roundingSliver(contour), roundingSliver(other.contour())));
                }
            }
            covered.merge(s.arrondissement(), area, Double::sum);
        }
        covered.forEach((a, area) -> assertThat(area).as("area of the bureaux of %d", a)
                .isCloseTo(arrondissements.get(a).contour().getArea(), org.assertj.core.data.Percentage.withPercentage(0.01)));
        for (Arrondissement a : arrondissements.values()) {
            assertThat(a.inseeCode()).isEqualTo(String.format("990%02d", a.number()));
            var e = a.contour().getEnvelopeInternal();
            assertThat(e.getMinX()).isGreaterThanOrEqualTo(2.25);
            assertThat(e.getMaxX()).isLessThanOrEqualTo(2.42);
            assertThat(e.getMinY()).isGreaterThanOrEqualTo(48.81);
            assertThat(e.getMaxY()).isLessThanOrEqualTo(48.90);
            for (Arrondissement b : arrondissements.values()) {
                if (b.number() > a.number()) {
                    assertThat(a.contour().intersection(b.contour()).getArea()).as("overlap of %d and %d",
                            a.number(), b.number()).isLessThan(1e-9);
                }
            }
        }
    }

    /**
     * Every BAN address has a unique id of the documented shape and lies inside exactly one bureau
     * of its arrondissement; returns, for each address as a voter list writes it, its bureau.
     */
    static Map<String, StationCode> addressesLieInBureaux(Path dir) {
        DemoFiles.StationIndex index = new DemoFiles.StationIndex(DemoFiles.stations(dir));
        Map<String, StationCode> bureauOfAddress = new HashMap<>();
        Set<String> ids = new HashSet<>();
        List<String> header = DemoFiles.forEachRow(dir.resolve(CityGenerator.ADDRESSES_FILE), ";", row -> {
            String id = row.get("id");
            assertThat(ids.add(id)).as("unique id %s", id).isTrue();
            String rep = row.get("rep");
            String number = String.format("%05d", row.integer("numero"));
            assertThat(id).isEqualTo(row.get("id_fantoir") + "_" + number + (rep.isEmpty() ? "" : "_" + rep));
            assertThat(row.get("code_insee")).matches("990(0[1-9]|1[0-9]|20)");
            List<StationCode> holding = index.holding(Double.parseDouble(row.get("lon")),
                    Double.parseDouble(row.get("lat")));
            assertThat(holding).as("bureaux holding %s", id).hasSize(1);
            StationCode station = holding.get(0);
            assertThat(String.format("990%02d", station.area())).isEqualTo(row.get("code_insee"));
            String asListed = row.get("code_insee") + "|" + fr.terrain.field.AddressText.streetKey(null,
                    row.get("nom_afnor")) + "|" + row.get("numero") + rep;
            assertThat(bureauOfAddress.put(asListed, station)).as("one address written %s", asListed).isNull();
        });
        assertThat(header).hasSize(23);
        return bureauOfAddress;
    }

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd/MM/uuuu");

    /**
     * The list has the arrêté's columns in order; each voter is an adult of 18–100 on election day,
     * registered in an existing bureau, living at one of that bureau's addresses; each bureau has
     * as many voters as registered ({@code nb_inscr}) in the 2026 results.
     */
    static void votersLiveInTheirBureaux(Path dir, Map<String, StationCode> bureauOfAddress,
            Map<StationCode, Totals> results2026) {
        Map<StationCode, Integer> voters = new HashMap<>();
        long[] unmatched = {0};
        int[] ages = new int[101];
        LocalDate electionDay = LocalDate.of(2026, 3, 15);
        List<String> header = DemoFiles.forEachRow(dir.resolve(CityGenerator.VOTERS_FILE), ";", row -> {
            assertThat(row.get("CodeCommune")).matches("990\\d\\d");
            StationCode bureau = new StationCode(Integer.parseInt(row.get("CodeCommune").substring(3)),
                    row.integer("NoBureauDeVote"));
            assertThat(results2026).as("bureau %s of line %d", bureau, row.line()).containsKey(bureau);
            voters.merge(bureau, 1, Integer::sum);
            // the list spells addresses with noise (ListSpelling): compared in normalised form, a few
            // records (typos, missing numbers) find no address, the others are in the voter's bureau
            var number = fr.terrain.field.AddressText.HouseNumber.parse(row.get("NumeroVoie"));
            String home = row.get("CodeCommune") + "|" + fr.terrain.field.AddressText.streetKey(row.get("TypeVoie"),
                    row.get("LibelleVoie")) + "|" + (number == null ? "" : number.number()
                    + (number.suffix() == null ? "" : number.suffix()));
            StationCode found = bureauOfAddress.get(home);
            if (found == null) {
                unmatched[0]++;
            } else {
                assertThat(found).as("bureau of the address %s (line %d)", home, row.line()).isEqualTo(bureau);
            }
            int age = Period.between(LocalDate.parse(row.get("DateDeNaissance"), DATE), electionDay).getYears();
            assertThat(age).as("age on line %d", row.line()).isBetween(18, 100);
            ages[age]++;
            assertThat(row.get("Sexe")).isIn("M", "F");
            assertThat(row.get("NomdeNaissance")).isNotBlank();
            assertThat(row.get("Prenoms")).isNotBlank();
            assertThat(row.get("DateCreationListe")).isEqualTo("01/03/2026");
        });
        assertThat(String.join(";", header)).isEqualTo("TypeListe;InfoListe;DateCreationListe;CodeDepartement;"
                + "CodeCommune;NomCommune;NoElecteurGeneral;Sexe;NomdeNaissance;NomDusage;Prenoms;DateDeNaissance;"
                + "NomComNaissance;DeptNaissance;PaysNaissance;Nationalite;NomBureauDeVote;NoBureauDeVote;CodeCanton;"
                + "CodeCirconscription;ComplementDeLocalisation1;ComplementDeLocalisation2;NumeroVoie;TypeVoie;"
                + "LibelleVoie;LieuDit;CodePostal;VilleLocalite;Pays");
        results2026.forEach((bureau, t) -> assertThat(voters.getOrDefault(bureau, 0))
                .as("voters on the list of %s", bureau).isEqualTo(t.registered()));
        long listed = voters.values().stream().mapToLong(Integer::longValue).sum();
        assertThat((double) unmatched[0] / listed).as("voters whose address is misspelt beyond matching")
                .isBetween(0.001, 0.05);
        // an electorate's pyramid: a median adult in mid-life, some young voters, few very old ones
        long all = java.util.Arrays.stream(ages).sum();
        assertThat(share(ages, 18, 24, all)).isBetween(0.05, 0.20);
        assertThat(share(ages, 18, 47, all)).isBetween(0.35, 0.65);
        assertThat(share(ages, 85, 100, all)).isBetween(0.005, 0.08);
    }

    private static double share(int[] counts, int from, int to, long all) {
        long n = 0;
        for (int i = from; i <= to; i++) {
            n += counts[i];
        }
        return (double) n / all;
    }

    /**
     * Neighbouring bureaux vote alike: a bureau's turnout correlates with its neighbours' mean,
     * which independent draws per bureau would not give.
     */
    static double neighbourCorrelationOfTurnout(Path dir, Map<StationCode, Totals> results) {
        Map<StationCode, PollingStation> stations = DemoFiles.stations(dir);
        DemoFiles.StationIndex index = new DemoFiles.StationIndex(stations);
        double[] own = new double[stations.size()];
        double[] around = new double[stations.size()];
        int i = 0;
        for (PollingStation s : stations.values()) {
            Geometry grown = s.contour().buffer(1e-6);
            double sum = 0;
            int n = 0;
            for (PollingStation o : index.near(grown)) {
                if (!o.code().equals(s.code()) && grown.intersects(o.contour())) {
                    sum += results.get(o.code()).turnout();
                    n++;
                }
            }
            own[i] = results.get(s.code()).turnout();
            around[i] = n == 0 ? own[i] : sum / n;
            i++;
        }
        return correlation(own, around);
    }

    static double correlation(double[] a, double[] b) {
        double ma = java.util.Arrays.stream(a).average().orElseThrow();
        double mb = java.util.Arrays.stream(b).average().orElseThrow();
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int i = 0; i < a.length; i++) {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }
        return sab / Math.sqrt(saa * sbb);
    }

    /**
     * The most area that rounding coordinates to 7 decimals (about 1 cm) can move across a
     * shape's boundary: its perimeter times one rounding step.
     */
    static double roundingSliver(Geometry shape) {
        return shape.getLength() * 1e-7;
    }

    static List<Integer> rangeClosed(int from, int to) {
        return java.util.stream.IntStream.rangeClosed(from, to).boxed().toList();
    }
}
