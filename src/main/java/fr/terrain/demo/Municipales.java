package fr.terrain.demo;

import fr.terrain.ingest.Progress;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Municipal results of the demo city in the Ville de Paris long layout: one row per bureau × list,
 * the bureau's totals repeated on each row. Lists are per sector (arrondissements 1–4 share
 * theirs); turnout and each list's share follow the income and age surfaces, with a per-sector
 * and a per-bureau random part, so the map shows the east–west contrasts of a real city.
 */
final class Municipales {
    static final String HEADER = "id_bvote;scrutin;annee;tour;date;num_circ;num_quartier;num_arrond;num_bureau;"
            + "nb_procu;nb_inscr;nb_emarg;nb_votant;nb_blanc;nb_nul;nb_exprim;tete_de_liste;nb_voix";

    /**
     * A political family; in a sector its list's appeal is {@code base + income·(x−½) + age·(a−½)}
     * plus noise, shares being the softmax of the appeals.
     *
     * @param presence the chance it runs a list in a given sector
     */
    record Family(String key, double base, double income, double age, double presence) {}

    /** One first round. @param turnout the logit of turnout in an average bureau */
    record Contest(int year, LocalDate date, double turnout, List<Family> families) {
        String fileName() {
            return "demo_municipales_" + year + "_t1_bv_long.csv";
        }
    }

    /** A first round held in an epidemic: low turnout, as in 2020. */
    static final Contest Y2020 = new Contest(2020, LocalDate.of(2020, 3, 15), -0.32, List.of(
            new Family("gauche", 1.2, -2.0, 0.4, 1),
            new Family("droite", 0.8, 2.8, 1.2, 1),
            new Family("centre", 0.6, 2.5, 0.3, 1),
            new Family("ecologistes", 0.4, -0.5, -2.5, 1),
            new Family("gauche-radicale", -0.4, -3.2, -1.8, 1),
            new Family("dissidents", -0.6, 1.2, -0.6, 0.9),
            new Family("extreme-droite", -1.6, -1.5, 1.5, 1),
            new Family("extreme-gauche", -2.6, -2.0, 0, 0.8),
            new Family("animalistes", -2.5, 0, -1.0, 0.5),
            new Family("citoyens", -2.8, 0.5, 0, 0.4),
            new Family("divers", -3.0, 0, 0, 0.3)));

    /** Six years on: the left united, a normal turnout. */
    static final Contest Y2026 = new Contest(2026, LocalDate.of(2026, 3, 15), 0.2, List.of(
            new Family("gauche-unie", 1.3, -1.5, -0.5, 1),
            new Family("droite", 0.9, 2.8, 1.2, 1),
            new Family("centre", 0.5, 2.2, 0.2, 1),
            new Family("gauche-radicale", 0.1, -3.4, -2.0, 1),
            new Family("extreme-droite", -1.1, -1.2, 1.6, 1),
            new Family("ecologistes-independants", -1.2, 0.5, -2.0, 0.6),
            new Family("extreme-gauche", -2.5, -2.0, 0, 0.8),
            new Family("animalistes", -2.4, 0, -1.0, 0.5),
            new Family("divers", -2.9, 0, 0, 0.4)));

    private record SectorList(String head, Family family, double effect) {}

    private Municipales() {}

    /** @return the number of rows written */
    static long write(Path file, CityPlan plan, Contest contest, Progress progress) {
        TreeMap<Integer, List<SectorList>> lists = lists(plan, contest);
        long rows = 0;
        for (CityPlan.Station s : plan.stations) {
            rows += lists.get(plan.districts.get(s.code().area() - 1).sector()).size();
        }
        try (TextFile out = new TextFile(file, "\n", progress, rows * 85)) {
            out.line(HEADER);
            CsvLine line = new CsvLine(';');
            for (CityPlan.Station s : plan.stations) {
                SplittableRandom r = RandomStreams.of(plan.seed, "vote-" + contest.year(), s.index());
                int registered = contest.year() < 2026 ? s.registered2020() : s.registered2026();
                double x = s.income() - 0.5;
                double a = s.age() - 0.5;
                double p = RandomStreams.logistic(contest.turnout() + 1.4 * x + 1.0 * a
                        + 0.2 * RandomStreams.gaussian(r));
                int voters = (int) Math.min(registered, Math.round(registered * p));
                int blank = (int) Math.round(voters * RandomStreams.uniform(r, 0.008, 0.018));
                int invalid = (int) Math.round(voters * RandomStreams.uniform(r, 0.004, 0.012));
                int expressed = voters - blank - invalid;
                int proxies = (int) Math.round(voters * (0.015 + 0.05 * s.income())
                        * RandomStreams.uniform(r, 0.6, 1.4));
                List<SectorList> sector = lists.get(plan.districts.get(s.code().area() - 1).sector());
                double[] weights = new double[sector.size()];
                for (int i = 0; i < weights.length; i++) {
                    Family f = sector.get(i).family();
                    weights[i] = StrictMath.exp(f.base() + f.income() * x + f.age() * a + sector.get(i).effect()
                            + 0.12 * RandomStreams.gaussian(r));
                }
                int[] votes = RandomStreams.apportion(expressed, weights);
                for (int i = 0; i < votes.length; i++) {
                    out.line(line.clear().add(s.code().toString()).add("Municipales").add(contest.year()).add(1)
                            .add(contest.date().toString()).add(s.circonscription()).add(s.quartier())
                            .add(s.code().area()).add(s.code().number()).add(proxies).add(registered).add(voters)
                            .add(voters).add(blank).add(invalid).add(expressed).add(sector.get(i).head())
                            .add(votes[i]).text());
                }
            }
            return out.lines() - 1;
        }
    }

    /** The lists of each sector, in ballot-panel order, heads of list all different. */
    static TreeMap<Integer, List<SectorList>> lists(CityPlan plan, Contest contest) {
        TreeMap<Integer, List<SectorList>> out = new TreeMap<>();
        Set<String> heads = new HashSet<>();
        for (CityPlan.District d : plan.districts) {
            if (out.containsKey(d.sector())) {
                continue;
            }
            SplittableRandom r = RandomStreams.of(plan.seed, "lists-" + contest.year(), d.sector());
            List<SectorList> lists = new ArrayList<>();
            for (Family f : contest.families()) {
                double effect = 0.25 * RandomStreams.gaussian(r);
                if (r.nextDouble() < f.presence()) {
                    String head;
                    do {
                        head = Names.headOfList(r);
                    } while (!heads.add(head));
                    lists.add(new SectorList(head, f, effect));
                }
            }
            RandomStreams.shuffle(r, lists);
            out.put(d.sector(), lists);
        }
        return out;
    }
}
