package fr.terrain.field;

import static org.assertj.core.api.Assertions.assertThat;

import fr.terrain.field.AddressText.HouseNumber;
import java.util.List;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** Voters' addresses as lists write them, matched to the BAN's form. */
class AddressMatchingTest {

    static Address ban(String id, int number, String suffix, String street) {
        return new Address(id, null, number, suffix, street, "75011", "75111", "Paris 11e Arrondissement", 2.38, 48.85);
    }

    static VoterAddress listed(String number, String type, String name) {
        return new VoterAddress(1, 1, null, number, type, name, null, "75011", "75056");
    }

    @Test
    void abbreviationsAccentsAndArticlesMeetTheFullForm() {
        String key = AddressText.streetKey(null, "Rue du Faubourg Saint-Antoine");
        assertThat(key).isEqualTo("RUE FAUBOURG SAINT ANTOINE");
        assertThat(AddressText.streetKey("R", "FBG ST ANTOINE")).isEqualTo(key);
        assertThat(AddressText.streetKey("", "r. du fg st-antoine")).isEqualTo(key);
        assertThat(AddressText.streetKey("BD", "DE LA VILLETTE")).isEqualTo(AddressText.streetKey(null, "Boulevard de la Villette"));
        assertThat(AddressText.streetKey("AV", "LEDRU ROLLIN")).isEqualTo(AddressText.streetKey(null, "Avenue Ledru-Rollin"));
        assertThat(AddressText.streetKey("PL", "COMBATTANTS AFRIQUE DU NORD"))
                .isEqualTo(AddressText.streetKey(null, "Place des Combattants en Afrique du Nord"));
        assertThat(AddressText.streetKey("IMP", "DE L ECLUSE")).isEqualTo(AddressText.streetKey("Impasse", "de l'Écluse"));
        assertThat(AddressText.streetKey(null, "Voie N/11")).isEqualTo("VOIE N 11");
    }

    /**
     * A street name the BAN has once is that street only where the list says the voter lives: a Concarneau voter
     * whose street reads as Paris's rue de Charonne (a misspelling, or a correction typed on the unmatched-addresses
     * page) stays unmatched instead of becoming a door in Paris, 500 km from the rest of the turf.
     */
    @Test
    void theOnlyStreetOfItsNameIsThatStreetOnlyInTheListsDepartement() {
        AddressMatcher matcher = AddressMatcher.of(List.of(ban("75111_1815_00003", 3, null, "Rue de Charonne")));
        VoterAddress concarneau = new VoterAddress(1, 1, null, "3", "RUE", "DE CHARONNE", null, "29900", "29039");
        assertThat(matcher.match(concarneau).quality()).isEqualTo(Match.Quality.UNKNOWN_STREET);
        assertThat(matcher.match(new AddressCorrection("3", "Rue de Charonne").apply(concarneau)).quality())
                .isEqualTo(Match.Quality.UNKNOWN_STREET);
        // Paris: the city's code, the arrondissement's postcode, or a postcode mistyped in the same département
        assertThat(matcher.match(listed("3", "RUE", "DE CHARONNE")).quality()).isEqualTo(Match.Quality.EXACT);
        assertThat(matcher.match(new VoterAddress(1, 1, null, "3", "RUE", "DE CHARONNE", null, "75021", "75056"))
                .quality()).isEqualTo(Match.Quality.EXACT);
        // a list naming neither commune nor postcode: the only street of that name
        assertThat(matcher.match(new VoterAddress(1, 1, null, "3", "RUE", "DE CHARONNE", null, null, null)).quality())
                .isEqualTo(Match.Quality.EXACT);
    }

    @Test
    void houseNumbersWithRepetitionIndexesAndRanges() {
        assertThat(HouseNumber.parse("12")).isEqualTo(new HouseNumber(12, null, 12));
        assertThat(HouseNumber.parse("12 BIS")).isEqualTo(new HouseNumber(12, "b", 12));
        assertThat(HouseNumber.parse("12bis")).isEqualTo(new HouseNumber(12, "b", 12));
        assertThat(HouseNumber.parse("12B")).isEqualTo(new HouseNumber(12, "b", 12));
        assertThat(HouseNumber.parse("12 ter")).isEqualTo(new HouseNumber(12, "t", 12));
        assertThat(HouseNumber.parse("7 quater")).isEqualTo(new HouseNumber(7, "q", 7));
        assertThat(HouseNumber.parse("0012 A")).isEqualTo(new HouseNumber(12, "a", 12));
        assertThat(HouseNumber.parse("12-14")).isEqualTo(new HouseNumber(12, null, 14));
        assertThat(HouseNumber.parse("12/14")).isEqualTo(new HouseNumber(12, null, 14));
        assertThat(HouseNumber.parse("12 à 14")).isEqualTo(new HouseNumber(12, null, 14));
        assertThat(HouseNumber.parse("12 bis-14")).isEqualTo(new HouseNumber(12, "b", 14));
        assertThat(HouseNumber.parse("")).isNull();
        assertThat(HouseNumber.parse("S/N")).isNull();
    }

    @Test
    void matchingFallsBackFromBisAndRangesAndNamesWhyItFails() {
        AddressMatcher m = AddressMatcher.of(List.of(ban("a12", 12, null, "Rue de la Roquette"),
                ban("a12b", 12, "b", "Rue de la Roquette"), ban("a16", 16, null, "Rue de la Roquette")));
        assertThat(m.match(listed("12 BIS", "R", "DE LA ROQUETTE"))).extracting(x -> x.address().banId(), Match::quality)
                .containsExactly("a12b", Match.Quality.EXACT);
        assertThat(m.match(listed("16 TER", "RUE", "ROQUETTE"))).extracting(x -> x.address().banId(), Match::quality)
                .containsExactly("a16", Match.Quality.WITHOUT_SUFFIX);
        assertThat(m.match(listed("14-16", "RUE", "DE LA ROQUETTE"))).extracting(x -> x.address().banId(), Match::quality)
                .containsExactly("a16", Match.Quality.RANGE);
        assertThat(m.match(listed("13", "RUE", "DE LA ROQUETTE")).quality()).isEqualTo(Match.Quality.UNKNOWN_NUMBER);
        assertThat(m.match(listed("12", "RUE", "DE LA ROQETTE")).quality()).isEqualTo(Match.Quality.UNKNOWN_STREET);
        assertThat(m.match(listed("12", "", "")).quality()).isEqualTo(Match.Quality.NO_ADDRESS);
    }

    @Property
    void normalisingTwiceChangesNothing(@ForAll("labels") String type, @ForAll("labels") String name) {
        String key = AddressText.streetKey(type, name);
        assertThat(AddressText.streetKey(null, key)).isEqualTo(key);
        assertThat(AddressText.streetKey(key, null)).isEqualTo(key);
        assertThat(AddressText.fold(key)).isEqualTo(key);
    }

    @Provide
    Arbitrary<String> labels() {
        Arbitrary<String> words = Arbitraries.oneOf(Arbitraries.of("R", "RUE", "de", "la", "l'", "BD", "St", "Éloi", "d'Orves",
                "FBG", "Saint-Antoine", "AV", "des", "ND", "Œuvre", "12", "-", "/", "P", "C", "du", "EN"),
                Arbitraries.strings().withCharRange('A', 'z').ofMaxLength(6));
        return words.list().ofMaxSize(6).map(l -> String.join(" ", l));
    }

    /** A BAN street and number, and how a list might write them. */
    record Spelled(String type, String name, int number, String suffix, String listType, String listName,
            String listNumber) {}

    private static final List<String[]> TYPES = List.of(new String[] {"Rue", "R", "RUE", "r."},
            new String[] {"Avenue", "AV", "AVE", "avenue"}, new String[] {"Boulevard", "BD", "BLD", "Bd"},
            new String[] {"Place", "PL", "PLACE", "pl."}, new String[] {"Faubourg", "FG", "FBG", "fbg"},
            new String[] {"Impasse", "IMP", "IMPASSE", "imp"}, new String[] {"Passage", "PAS", "PASS", "passage"});

    @Provide
    Arbitrary<Spelled> spellings() {
        Arbitrary<String[]> type = Arbitraries.of(TYPES);
        Arbitrary<String> name = Arbitraries.of("de la Roquette", "Saint-Bernard", "du Général Blaise", "des Taillandiers",
                "Ledru-Rollin", "de l'Église", "Émile Lepeu", "Trousseau", "du Docteur Goujon", "Sainte-Marguerite");
        return Combinators.combine(type, name, Arbitraries.integers().between(1, 300),
                Arbitraries.of("", "b", "t", "q"), Arbitraries.integers().between(1, 3), Arbitraries.integers().between(0, 3),
                Arbitraries.of(true, false)).as((t, n, number, suffix, typeForm, suffixForm, upper) -> {
                    String listName = abbreviated(n);
                    listName = upper ? AddressText.fold(listName) : listName.toLowerCase(Locale.ROOT);
                    String word = switch (suffix) {
                        case "b" -> "BIS";
                        case "t" -> "TER";
                        case "q" -> "QUATER";
                        default -> "";
                    };
                    String listNumber = number + (suffix.isEmpty() ? "" : switch (suffixForm) {
                        case 0 -> " " + word;
                        case 1 -> word.toLowerCase(Locale.ROOT);
                        case 2 -> suffix.toUpperCase(Locale.ROOT);
                        default -> " " + suffix;
                    });
                    return new Spelled(t[0], n, number, suffix.isEmpty() ? null : suffix, t[typeForm], listName, listNumber);
                });
    }

    private static String abbreviated(String name) {
        return name.replace("Saint-", "ST ").replace("Sainte-", "STE ").replace("Général", "GAL").replace("Docteur", "DR");
    }

    @Property
    void anAbbreviatedListAddressMatchesTheFullBanForm(@ForAll("spellings") Spelled s) {
        Address target = ban("x", s.number(), s.suffix(), s.type() + " " + s.name());
        AddressMatcher m = AddressMatcher.of(List.of(target, ban("y", s.number() + 1, null, s.type() + " " + s.name()),
                ban("z", s.number(), null, "Rue des Immeubles Industriels")));
        Match match = m.match(listed(s.listNumber(), s.listType(), s.listName()));
        assertThat(match.quality()).as(s.toString()).isEqualTo(Match.Quality.EXACT);
        assertThat(match.address()).isEqualTo(target);
    }
}
