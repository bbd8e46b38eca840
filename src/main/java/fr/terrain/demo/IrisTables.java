package fr.terrain.demo;

import fr.terrain.ingest.Progress;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.index.strtree.STRtree;

/**
 * INSEE-style tables by IRIS for the demo city: Filosofi 2018 disposable incomes ({@code ;}, CRLF,
 * empty cells for withheld figures) and census 2016 population by age and social category
 * ({@code ,}, non-integer weighted estimates). Incomes follow the income surface through a
 * log-normal distribution, so medians, deciles, poverty rate and Gini agree with one another;
 * population follows the bureaux' registered voters.
 */
final class IrisTables {
    static final String FILOSOFI_FILE = "demo_filosofi_2018_iris.csv";
    static final String CENSUS_FILE = "demo_rp2016_iris_population.csv";
    static final String FILOSOFI_HEADER = "IRIS;DISP_TP6018;DISP_Q118;DISP_MED18;DISP_Q318;DISP_EQ18;DISP_D118;"
            + "DISP_D218;DISP_D318;DISP_D418;DISP_D618;DISP_D718;DISP_D818;DISP_D918;DISP_RD18;DISP_S80S2018;"
            + "DISP_GI18;DISP_PACT18;DISP_PTSA18;DISP_PCHO18;DISP_PBEN18;DISP_PPEN18;DISP_PPAT18;DISP_PPSOC18;"
            + "DISP_PPFAM18;DISP_PPMINI18;DISP_PPLOGT18;DISP_PIMPOT18;DISP_NOTE18";
    static final String CENSUS_HEADER = "IRIS,LIBCOM,TYP_IRIS,P16_POP0014,P16_POP1529,P16_POP3044,P16_POP4559,"
            + "P16_POP6074,P16_POP75P,C16_POP15P_CS1,C16_POP15P_CS2,C16_POP15P_CS3,C16_POP15P_CS4,C16_POP15P_CS5,"
            + "C16_POP15P_CS6,C16_POP15P_CS7,C16_POP15P_CS8";
    /** 60 % of the national median disposable income of 2018 (€ per consumption unit). */
    private static final double POVERTY_LINE = 13_000;
    private static final double[] DECILE_Z = {-1.2816, -0.8416, -0.5244, -0.2533, 0.2533, 0.5244, 0.8416, 1.2816};
    /** Inhabitants per registered voter: children and foreigners outside the Union are not on the list. */
    private static final double INHABITANTS_PER_VOTER = 1.55;

    private IrisTables() {}

    /** @return rows written */
    static long writeFilosofi(Path file, CityPlan plan, Progress progress) {
        try (TextFile out = new TextFile(file, "\r\n", progress, plan.iris.size() * 160L)) {
            out.line(FILOSOFI_HEADER);
            CsvLine line = new CsvLine(';');
            for (CityPlan.IrisZone z : plan.iris) {
                SplittableRandom r = RandomStreams.of(plan.seed, "filosofi", z.code().hashCode());
                // INSEE publishes nothing for IRIS with too few households
                if (z.type().equals("D") || (z.type().equals("A") && r.nextDouble() < 0.5)) {
                    continue;
                }
                double x = z.income();
                double median = (14_000 + 36_000 * StrictMath.pow(x, 1.2)) * StrictMath.exp(0.05 * RandomStreams.gaussian(r));
                double sigma = 0.45 + 0.35 * x;
                boolean fewHouseholds = z.type().equals("A");
                line.clear().add(z.code());
                if (r.nextDouble() < 0.15) {
                    line.add(null);
                } else {
                    line.add(100 * phi((StrictMath.log(POVERTY_LINE) - StrictMath.log(median)) / sigma), 1);
                }
                double q1 = median * StrictMath.exp(-0.6745 * sigma);
                double q3 = median * StrictMath.exp(0.6745 * sigma);
                line.add(tens(q1)).add(tens(median)).add(tens(q3)).add((q3 - q1) / median, 2);
                for (double z1 : DECILE_Z) {
                    if (fewHouseholds) {
                        line.add(null);
                    } else {
                        line.add(tens(median * StrictMath.exp(z1 * sigma)));
                    }
                }
                if (fewHouseholds) {
                    line.add(null).add(null);
                } else {
                    line.add(StrictMath.exp(2 * 1.2816 * sigma), 1)
                            .add((1 - phi(0.8416 - sigma)) / phi(-0.8416 - sigma), 1);
                }
                line.add(2 * phi(sigma / Math.sqrt(2)) - 1, 3);
                double pensions = clamp(10 + 30 * (z.age() - 0.3) + 2 * RandomStreams.gaussian(r), 4, 40);
                double property = 6 + 30 * x * x + r.nextDouble();
                double benefits = clamp(12 - 13 * x + RandomStreams.gaussian(r), 1, 20);
                double taxes = -(14 + 22 * x + r.nextDouble());
                double activity = 100 - pensions - property - benefits - taxes;
                double wages = activity * (0.80 + 0.05 * r.nextDouble());
                double unemployment = activity * (0.05 - 0.03 * x);
                line.add(activity, 1).add(wages, 1).add(unemployment, 1).add(activity - wages - unemployment, 1)
                        .add(pensions, 1).add(property, 1).add(benefits, 1).add(benefits * 0.35, 1)
                        .add(benefits * 0.40, 1).add(benefits * 0.25, 1).add(taxes, 1).add(0);
                out.line(line.text());
            }
            return out.lines() - 1;
        }
    }

    /** @return rows written */
    static long writeCensus(Path file, CityPlan plan, Progress progress) {
        STRtree stations = new STRtree();
        for (CityPlan.Station s : plan.stations) {
            stations.insert(s.contourKm().getEnvelopeInternal(), s);
        }
        try (TextFile out = new TextFile(file, "\n", progress, plan.iris.size() * 320L)) {
            out.line(CENSUS_HEADER);
            CsvLine line = new CsvLine(',');
            for (CityPlan.IrisZone z : plan.iris) {
                SplittableRandom r = RandomStreams.of(plan.seed, "census", z.code().hashCode());
                double population = 0;
                for (Object o : stations.query(z.contourKm().getEnvelopeInternal())) {
                    CityPlan.Station s = (CityPlan.Station) o;
                    Geometry overlap = s.contourKm().intersection(z.contourKm());
                    population += overlap.getArea() / s.contourKm().getArea() * s.registered2026()
                            * INHABITANTS_PER_VOTER;
                }
                population *= switch (z.type()) {
                    case "A" -> 0.25;
                    case "D" -> 0.02;
                    default -> 1.0;
                } * StrictMath.exp(0.05 * RandomStreams.gaussian(r));
                double tilt = z.age() - 0.5;
                double[] ageBands = {0.14, 0.20, 0.25, 0.19, 0.14, 0.08};
                double[] slopes = {-1.0, -1.2, -0.6, 0.2, 1.0, 1.4};
                double[] ages = shares(r, ageBands, slopes, tilt, population);
                double adults = population - ages[0];
                double x = z.income();
                double[] social = shares(r, new double[] {0.0005, 0.03, 0.10 + 0.30 * x, 0.14, 0.13 - 0.07 * x,
                    0.07 - 0.05 * x, 0.13 + 0.12 * tilt, 0.20 - 0.05 * x}, new double[8], 0, adults);
                line.clear().add(z.code()).add(plan.districts.get(z.arrondissement() - 1).communeName()).add(z.type());
                for (double v : ages) {
                    line.addFull(v);
                }
                for (double v : social) {
                    line.addFull(v);
                }
                out.line(line.text());
            }
            return out.lines() - 1;
        }
    }

    /** Splits a total by base shares tilted by {@code exp(slope·tilt)} and a little noise. */
    private static double[] shares(SplittableRandom r, double[] base, double[] slopes, double tilt, double total) {
        double[] w = new double[base.length];
        double sum = 0;
        for (int i = 0; i < base.length; i++) {
            w[i] = base[i] * StrictMath.exp(slopes[i] * tilt + 0.08 * RandomStreams.gaussian(r));
            sum += w[i];
        }
        for (int i = 0; i < w.length; i++) {
            w[i] = total * w[i] / sum;
        }
        return w;
    }

    private static long tens(double euros) {
        return 10 * Math.round(euros / 10);
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    /** The standard normal distribution function (Abramowitz and Stegun 26.2.17, error below 1e-7). */
    static double phi(double z) {
        double t = 1 / (1 + 0.2316419 * Math.abs(z));
        double poly = t * (0.319381530 + t * (-0.356563782 + t * (1.781477937 + t * (-1.821255978
                + t * 1.330274429))));
        double upper = StrictMath.exp(-z * z / 2) / Math.sqrt(2 * Math.PI) * poly;
        return z >= 0 ? 1 - upper : upper;
    }
}
