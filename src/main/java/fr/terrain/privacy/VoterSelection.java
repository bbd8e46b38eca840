package fr.terrain.privacy;

import fr.terrain.election.SectorCodes;
import fr.terrain.election.StationCode;
import fr.terrain.field.Voter;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A lawful selection of electors on an electoral list: by age, sex, polling station and
 * geography (arrondissement), nothing else (Code électoral L.37; CNIL, « L'utilisation de listes
 * d'électeurs pour la communication politique »). Filtering, sorting or exporting by surname,
 * first names, birthplace or nationality would select people by presumed origin or religion: a
 * request naming any of them is refused with {@link #RULE}, and any other unknown parameter too,
 * so no way around the rule exists in the API or the CLI.
 *
 * @param asOf the day ages are counted on: today, or a round of the list's election ({@link #checkDay})
 * @param page 1 for the first page of a list
 * @param pageSize persons per page; {@link Integer#MAX_VALUE} for an export of the whole selection
 */
public record VoterSelection(String contest, SortedSet<StationCode> stations, SortedSet<Integer> arrondissements,
        Integer ageMin, Integer ageMax, Voter.Sex sex, LocalDate asOf, Sort sort, int page, int pageSize) {

    public static final String RULE = "les sélections sur la liste électorale se limitent à l'âge, au sexe, au bureau de"
            + " vote et à la géographie ; trier, filtrer ou exporter par nom, prénoms, lieu de naissance ou nationalité"
            + " est interdit (Code électoral L.37 ; CNIL, « L'utilisation de listes d'électeurs pour la communication"
            + " politique »)";

    public static final int DEFAULT_PAGE_SIZE = 50;
    public static final int MAX_PAGE_SIZE = 500;

    /** Names a caller might use for a forbidden criterion, as parameters, sort keys or fields (normalised). */
    public static final Set<String> FORBIDDEN = Set.of("surname", "last_name", "lastname", "family_name", "name", "nom",
            "nom_naissance", "nomdenaissance", "birth_name", "birthname", "usage_name", "nom_usage", "nomdusage",
            "first_name", "first_names", "firstname", "firstnames", "given_name", "prenom", "prenoms", "birthplace",
            "birth_place", "place_of_birth", "lieu_naissance", "birth_commune", "commune_naissance", "birth_department",
            "departement_naissance", "birth_country", "pays_naissance", "country_of_birth", "nationality", "nationalite",
            "citizenship", "origin", "origine");

    /** The parameters a selection understands (page ones only matter for a list). */
    public static final List<String> PARAMETERS = List.of("contest", "station", "arrondissement", "age_min", "age_max",
            "sex", "as_of", "sort", "page", "page_size", "view");

    /** Keys under which a caller might ask for an order, or for fields: checked against the rule too. */
    private static final Set<String> ORDER_OR_FIELDS = Set.of("sort", "order", "order_by", "orderby", "sort_by", "sortby",
            "fields", "columns", "export", "group_by", "groupby");

    /** The only orders a list may have. */
    public enum Sort {
        STATION, AGE, SEX;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public VoterSelection {
        if (contest == null || contest.isBlank()) {
            throw new Refused("précisez l'élection (contest=paris-2026)");
        }
        stations = new TreeSet<>(stations);
        arrondissements = new TreeSet<>(arrondissements);
        if (ageMin != null && (ageMin < 0 || ageMin > 130) || ageMax != null && (ageMax < 0 || ageMax > 130)) {
            throw new Refused("âge hors de 0 à 130 ans");
        }
        if (ageMin != null && ageMax != null && ageMin > ageMax) {
            throw new Refused("âge minimal (" + ageMin + ") supérieur à l'âge maximal (" + ageMax + ")");
        }
        if (page < 1 || pageSize < 1) {
            throw new Refused("page et taille de page commencent à 1");
        }
    }

    /** The same selection restricted to these arrondissements (an organizer's sectors). */
    public VoterSelection within(SortedSet<Integer> sectors) {
        return new VoterSelection(contest, stations, sectors, ageMin, ageMax, sex, asOf, sort, page, pageSize);
    }

    /** Every arrondissement the selection names, directly or through its stations. */
    public SortedSet<Integer> namedArrondissements() {
        SortedSet<Integer> all = new TreeSet<>(arrondissements);
        stations.forEach(s -> all.add(s.arrondissement()));
        return all;
    }

    /** Born on or before this day: at least {@code ageMin} on {@link #asOf}. */
    public Optional<LocalDate> bornOnOrBefore() {
        return ageMin == null ? Optional.empty() : Optional.of(asOf.minusYears(ageMin));
    }

    /** Born after this day: at most {@code ageMax} on {@link #asOf}. */
    public Optional<LocalDate> bornAfter() {
        return ageMax == null ? Optional.empty() : Optional.of(asOf.minusYears(ageMax + 1L));
    }

    public long offset() {
        return pageSize == Integer.MAX_VALUE ? 0 : (long) (page - 1) * pageSize;
    }

    /**
     * A selection from request parameters (names in snake_case; a CLI's {@code --age-min} arrives
     * as {@code age_min}); refused with {@link #RULE} when any parameter, sort key or field is a
     * forbidden criterion, and refused when unknown.
     */
    public static VoterSelection parse(Map<String, List<String>> params, LocalDate today) {
        for (var e : params.entrySet()) {
            String key = normalise(e.getKey());
            if (FORBIDDEN.contains(key)) {
                throw new Refused("critère « " + e.getKey() + " » refusé : " + RULE);
            }
            if (ORDER_OR_FIELDS.contains(key)) {
                for (String v : values(e.getValue())) {
                    if (FORBIDDEN.contains(normalise(v))) {
                        throw new Refused(e.getKey() + "=" + v + " refusé : " + RULE);
                    }
                }
                if (!key.equals("sort")) {
                    throw new Refused("paramètre « " + e.getKey() + " » inconnu : l'ordre se choisit par sort="
                            + String.join("|", sorts()) + " ; les champs d'une liste sont fixes");
                }
            } else if (key.equals("election") && !PARAMETERS.contains(key)) { // what the command line calls it
                throw new Refused("paramètre « " + e.getKey() + " » inconnu : la liste électorale se choisit par"
                        + " contest=ID (paris-2026)");
            } else if (!PARAMETERS.contains(key)) {
                throw new Refused("paramètre « " + e.getKey() + " » inconnu ; paramètres permis : "
                        + String.join(", ", PARAMETERS) + " (" + RULE + ")");
            }
        }
        SortedSet<StationCode> stations = new TreeSet<>();
        for (String s : all(params, "station")) {
            try {
                stations.add(StationCode.parse(s));
            } catch (IllegalArgumentException e) {
                throw new Refused("station=" + s + " : " + e.getMessage());
            }
        }
        SortedSet<Integer> arrondissements = new TreeSet<>();
        for (String a : all(params, "arrondissement")) {
            try {
                arrondissements.add(SectorCodes.read(a));
            } catch (IllegalArgumentException e) {
                throw new Refused("arrondissement=" + a + " : " + e.getMessage());
            }
        }
        String sexText = one(params, "sex");
        Voter.Sex sex = null;
        if (sexText != null) {
            try {
                sex = Voter.Sex.valueOf(sexText.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new Refused("sex=" + sexText + " : M ou F attendu");
            }
        }
        LocalDate asOf = today;
        String asOfText = one(params, "as_of");
        if (asOfText != null) {
            try {
                asOf = LocalDate.parse(asOfText.strip());
            } catch (DateTimeParseException e) {
                throw new Refused("as_of=" + asOfText + " : date AAAA-MM-JJ attendue");
            }
        }
        Sort sort = Sort.STATION;
        String sortText = one(params, "sort");
        if (sortText != null) {
            sort = java.util.Arrays.stream(Sort.values()).filter(s -> s.id().equals(normalise(sortText))).findFirst()
                    .orElseThrow(() -> new Refused("sort=" + sortText + " inconnu ; tris permis : "
                            + String.join(", ", sorts())));
        }
        String pageText = one(params, "page");
        String sizeText = one(params, "page_size");
        int page = pageText == null ? 1 : integer("page", pageText);
        int size = sizeText == null ? DEFAULT_PAGE_SIZE : integer("page_size", sizeText);
        if (size > MAX_PAGE_SIZE) {
            throw new Refused("page_size=" + size + " : " + MAX_PAGE_SIZE + " au plus");
        }
        String ageMin = one(params, "age_min");
        String ageMax = one(params, "age_max");
        return new VoterSelection(one(params, "contest"), stations, arrondissements,
                ageMin == null ? null : integer("age_min", ageMin), ageMax == null ? null : integer("age_max", ageMax),
                sex, asOf, sort, page, size);
    }

    /**
     * Refuses a day to count ages on other than today or a round of the list's election: asked day after day, ages
     * would give each person's birthday (a list sorted by age, or a count of one), so the birth date no selection gives
     * (found by a crawl: an organizer found a birth date in 11 requests).
     *
     * @param rounds the days of the rounds of the list's election
     */
    public void checkDay(LocalDate today, java.util.Collection<LocalDate> rounds) {
        if (!asOf.equals(today) && !rounds.contains(asOf)) {
            throw new Refused("as_of=" + asOf + " : l'âge se compte aujourd'hui (" + today + ")" + (rounds.isEmpty() ? ""
                    : " ou au jour d'un tour de " + contest + " (" + String.join(", ", rounds.stream().sorted()
                            .map(LocalDate::toString).toList()) + ")") + " ; un autre jour permettrait, de proche en"
                    + " proche, de retrouver les dates de naissance");
        }
    }

    /** The same selection as one unpaged export (the CLI's {@code --all}). */
    public VoterSelection unpaged() {
        return new VoterSelection(contest, stations, arrondissements, ageMin, ageMax, sex, asOf, sort, 1,
                Integer.MAX_VALUE);
    }

    private static List<String> sorts() {
        return java.util.Arrays.stream(Sort.values()).map(Sort::id).toList();
    }

    static String normalise(String key) {
        String k = java.text.Normalizer.normalize(key.strip(), java.text.Normalizer.Form.NFD).replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
        while (k.startsWith("_")) {
            k = k.substring(1);
        }
        return k.startsWith("+") ? k.substring(1) : k;
    }

    private static List<String> values(List<String> raw) {
        return raw.stream().flatMap(v -> java.util.Arrays.stream(v.split(","))).map(String::strip)
                .map(v -> v.startsWith("-") || v.startsWith("+") ? v.substring(1) : v).filter(v -> !v.isEmpty())
                .toList();
    }

    private static List<String> all(Map<String, List<String>> params, String key) {
        return params.entrySet().stream().filter(e -> normalise(e.getKey()).equals(key))
                .flatMap(e -> values(e.getValue()).stream()).toList();
    }

    private static String one(Map<String, List<String>> params, String key) {
        List<String> v = params.entrySet().stream().filter(e -> normalise(e.getKey()).equals(key))
                .flatMap(e -> e.getValue().stream()).filter(s -> !s.isBlank()).toList();
        if (v.size() > 1) {
            throw new Refused(key + " donné " + v.size() + " fois");
        }
        return v.isEmpty() ? null : v.get(0);
    }

    private static int integer(String key, String text) {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new Refused(key + "=" + text + " : nombre entier attendu");
        }
    }

    /** A selection the law or the syntax does not allow (HTTP 400, exit code 1). */
    public static final class Refused extends IllegalArgumentException {
        public Refused(String message) {
            super(message);
        }
    }
}
