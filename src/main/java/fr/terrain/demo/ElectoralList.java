package fr.terrain.demo;

import fr.terrain.ingest.Progress;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * An electoral list in the columns of the arrêté of 12 November 2013, written bureau by bureau:
 * one bureau's voters at a time are drawn, sorted by name as lists are, and written, so a list of
 * 49 million voters needs no more memory than one bureau.
 */
final class ElectoralList implements AutoCloseable {
    static final String HEADER = "TypeListe;InfoListe;DateCreationListe;CodeDepartement;CodeCommune;NomCommune;"
            + "NoElecteurGeneral;Sexe;NomdeNaissance;NomDusage;Prenoms;DateDeNaissance;NomComNaissance;DeptNaissance;"
            + "PaysNaissance;Nationalite;NomBureauDeVote;NoBureauDeVote;CodeCanton;CodeCirconscription;"
            + "ComplementDeLocalisation1;ComplementDeLocalisation2;NumeroVoie;TypeVoie;LibelleVoie;LieuDit;CodePostal;"
            + "VilleLocalite;Pays";
    /** Bytes per line, for the progress bar's estimate. */
    static final int LINE_BYTES = 210;
    private static final int MIN_AGE = 18;
    private static final int MAX_AGE = 100;
    private static final String[] PLACES = {"ECOLE ELEMENTAIRE", "ECOLE MATERNELLE", "GYMNASE", "COLLEGE",
        "MAIRIE ANNEXE", "SALLE DES FETES"};

    /** Where a bureau is: its commune (or arrondissement) and number. */
    record Bureau(String communeCode, String communeName, int number, String name, String circonscription,
            String postcode, String city) {}

    /**
     * An address a voter can live at, in the list's spelling: {@code 23 BIS}, {@code RUE},
     * {@code DES LILAS}, and the lieu-dit where there is one.
     */
    record Home(String number, String streetType, String streetName, String lieuDit) {}

    private record Person(String listType, boolean woman, String birthName, String usageName, String firstNames,
            LocalDate birthDate, String birthPlace, String birthDepartment, String birthCountry, String nationality,
            Home home, String complement) {}

    private final TextFile out;
    private final String listDate;
    private final LocalDate electionDay;
    private final CsvLine line = new CsvLine(';');
    private String commune;
    private long voterNumber;

    /** @param electionDay voters are 18 or more on that day; the list is dated two weeks before */
    ElectoralList(Path file, Progress progress, long expectedVoters, LocalDate electionDay) {
        this.out = new TextFile(file, "\n", progress, expectedVoters * LINE_BYTES);
        this.electionDay = electionDay;
        this.listDate = date(electionDay.minusDays(14));
        out.line(HEADER);
    }

    /** A bureau's name as lists print it: a school or a hall, named after one of its streets. */
    static String placeName(SplittableRandom r, String streetName) {
        return PLACES[r.nextInt(PLACES.length)] + " " + streetName;
    }

    /**
     * Draws the voters of one bureau and writes them in alphabetical order.
     *
     * @param age the bureau's age surface (0–1): higher means older voters
     */
    void bureau(Bureau b, List<Home> homes, int voters, double age, SplittableRandom r) {
        if (!b.communeCode().equals(commune)) {
            commune = b.communeCode();
            voterNumber = 0;
        }
        double[] cumulativeHomes = new double[homes.size()];
        double sum = 0;
        for (int i = 0; i < homes.size(); i++) {
            sum += StrictMath.exp(0.8 * RandomStreams.gaussian(r)); // buildings differ in size
            cumulativeHomes[i] = sum;
        }
        double[] cumulativeAges = ages(age);
        List<Person> people = new ArrayList<>(voters);
        for (int i = 0; i < voters; i++) {
            people.add(person(r, homes.get(draw(r, cumulativeHomes)), MIN_AGE + draw(r, cumulativeAges)));
        }
        people.sort(Comparator.comparing(Person::birthName).thenComparing(Person::firstNames)
                .thenComparing(Person::birthDate));
        String bureauNumber = Integer.toString(b.number());
        for (Person p : people) {
            out.line(line.clear().add(p.listType()).add("liste électorale").add(listDate).add("99")
                    .add(b.communeCode()).add(b.communeName()).add(++voterNumber).add(p.woman() ? "F" : "M")
                    .add(p.birthName()).add(p.usageName()).add(p.firstNames()).add(date(p.birthDate()))
                    .add(p.birthPlace()).add(p.birthDepartment()).add(p.birthCountry()).add(p.nationality())
                    .add(b.name()).add(bureauNumber).add("").add(b.circonscription()).add(p.complement()).add("")
                    .add(p.home().number()).add(p.home().streetType()).add(p.home().streetName()).add(p.home().lieuDit())
                    .add(b.postcode()).add(b.city()).add("").text());
        }
    }

    private Person person(SplittableRandom r, Home home, int age) {
        boolean woman = r.nextDouble() < 0.53;
        // born in the year of life that makes them `age` on election day, any day of it
        LocalDate earliest = electionDay.minusYears(age + 1).plusDays(1);
        int span = (int) ChronoUnit.DAYS.between(earliest, electionDay.minusYears(age)) + 1;
        LocalDate birth = earliest.plusDays(r.nextInt(span));
        String birthName = RandomStreams.pick(r, Names.SURNAMES);
        String usageName = null;
        if (woman ? age >= 25 && r.nextDouble() < 0.4 : r.nextDouble() < 0.01) {
            usageName = RandomStreams.pick(r, Names.SURNAMES);
        }
        StringBuilder firstNames = new StringBuilder(Names.firstName(r, woman, birth.getYear()));
        int more = r.nextDouble() < 0.6 ? (r.nextDouble() < 0.3 ? 2 : 1) : 0;
        for (int i = 0; i < more; i++) {
            String next = Names.firstName(r, woman, birth.getYear());
            if (firstNames.indexOf(next) < 0) {
                firstNames.append(' ').append(next);
            }
        }
        String listType = "LP";
        String nationality = null;
        String place;
        String department;
        String country = null;
        double u = r.nextDouble();
        if (u < 0.012) { // a citizen of the Union, on the complementary list for municipal elections
            String[] european = RandomStreams.pick(r, Names.EUROPEANS);
            listType = "LCM";
            nationality = european[0];
            place = european[1];
            department = "99";
            country = european[2];
        } else if (u < 0.30) {
            place = "VILLE SYNTHETIQUE";
            department = "99";
        } else if (u < 0.85) {
            String[] french = RandomStreams.pick(r, Names.FRENCH_BIRTHPLACES);
            place = french[0];
            department = french[1];
        } else {
            String[] foreign = RandomStreams.pick(r, Names.FOREIGN_BIRTHPLACES);
            place = foreign[0];
            department = "99";
            country = foreign[1];
        }
        String complement = null;
        double c = r.nextDouble();
        if (c < 0.15) {
            complement = "APT " + (1 + r.nextInt(60));
        } else if (c < 0.25) {
            complement = "BAT " + (char) ('A' + r.nextInt(4)) + " ESC " + (1 + r.nextInt(3));
        } else if (c < 0.32) {
            complement = "ETG " + r.nextInt(8);
        }
        return new Person(listType, woman, birthName, usageName, firstNames.toString(), birth, place, department,
                country, nationality, home, complement);
    }

    /**
     * Cumulative weights of ages 18–100: a big-city age pyramid (many young adults, few over 85),
     * tilted towards older voters where the age surface is high.
     */
    private static double[] ages(double ageSurface) {
        double[] out = new double[MAX_AGE - MIN_AGE + 1];
        double sum = 0;
        for (int a = MIN_AGE; a <= MAX_AGE; a++) {
            double w = a < 25 ? 0.9 : a < 35 ? 1.35 : a < 45 ? 1.2 : a < 55 ? 1.05 : a < 65 ? 0.95
                    : a < 75 ? 0.85 : a < 85 ? 0.55 : a < 95 ? 0.25 : 0.04;
            sum += w * StrictMath.exp(1.2 * (ageSurface - 0.5) * (a - 50) / 30.0);
            out[a - MIN_AGE] = sum;
        }
        return out;
    }

    /** An index drawn with probabilities proportional to the increments of the cumulative weights. */
    private static int draw(SplittableRandom r, double[] cumulative) {
        double u = r.nextDouble() * cumulative[cumulative.length - 1];
        int lo = 0;
        int hi = cumulative.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cumulative[mid] <= u) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** JJ/MM/AAAA. */
    private static String date(LocalDate d) {
        char[] c = {(char) ('0' + d.getDayOfMonth() / 10), (char) ('0' + d.getDayOfMonth() % 10), '/',
            (char) ('0' + d.getMonthValue() / 10), (char) ('0' + d.getMonthValue() % 10), '/',
            (char) ('0' + d.getYear() / 1000), (char) ('0' + d.getYear() / 100 % 10),
            (char) ('0' + d.getYear() / 10 % 10), (char) ('0' + d.getYear() % 10)};
        return new String(c);
    }

    long voters() {
        return out.lines() - 1;
    }

    @Override
    public void close() {
        out.close();
    }
}
