package fr.terrain.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Whatever the spelling, one person gives one normalised identifier. */
class IdentifiersProperties {
    @Provide
    Arbitrary<String> names() {
        return Arbitraries.strings().withChars("abcdeéèêëàâäîïôöùûüçœæ ABCDEÉÈÀÇŒ'-").ofMinLength(1).ofMaxLength(30)
                .filter(s -> !Identifiers.text(s).isEmpty());
    }

    @Property
    void normalisingTwiceChangesNothing(@ForAll("names") String s) {
        assertThat(Identifiers.text(Identifiers.text(s))).isEqualTo(Identifiers.text(s));
    }

    @Property
    void caseAndSpacingDoNotMatter(@ForAll("names") String s) {
        String n = Identifiers.text(s);
        assertThat(Identifiers.text(s.toUpperCase(Locale.ROOT))).isEqualTo(n);
        assertThat(Identifiers.text(s.toLowerCase(Locale.ROOT))).isEqualTo(n);
        assertThat(Identifiers.text("  " + s.replace(" ", "   ") + " ")).isEqualTo(n);
    }

    @Property
    void normalisedTextIsPlainUpperCaseAsciiLettersAndSingleSpaces(@ForAll("names") String s) {
        assertThat(Identifiers.text(s)).matches("[A-Z0-9]+( [A-Z0-9]+)*");
    }

    @Property
    void accentsDoNotMatter(@ForAll("names") String s) {
        String plain = s.replace('é', 'e').replace('è', 'e').replace('ê', 'e').replace('ë', 'e').replace('à', 'a')
                .replace('â', 'a').replace('ä', 'a').replace('î', 'i').replace('ï', 'i').replace('ô', 'o').replace('ö', 'o')
                .replace('ù', 'u').replace('û', 'u').replace('ü', 'u').replace('ç', 'c').replace("œ", "oe").replace("æ", "ae")
                .replace('É', 'E').replace('È', 'E').replace('À', 'A').replace('Ç', 'C').replace("Œ", "OE");
        assertThat(Identifiers.text(plain)).isEqualTo(Identifiers.text(s));
    }

    @Property
    void everyWritingOfAFrenchMobileGivesOneE164Number(@ForAll @IntRange(min = 0, max = 99_999_999) int rest,
            @ForAll @IntRange(min = 6, max = 7) int prefix, @ForAll @IntRange(min = 0, max = 3) int style) {
        String digits = "0" + prefix + String.format("%08d", rest);
        String spaced = digits.replaceAll("(\\d\\d)(?=\\d)", "$1 ");
        String written = switch (style) {
            case 0 -> digits;
            case 1 -> spaced;
            case 2 -> spaced.replace(' ', '.');
            default -> "+33 (0)" + spaced.substring(1);
        };
        assertThat(Identifiers.phone(written)).isEqualTo("+33" + digits.substring(1)).matches("\\+33[67]\\d{8}");
    }

    @Provide
    Arbitrary<String> accentedAddresses() {
        Arbitrary<String> local = Arbitraries.strings().withChars("abcdeéèêëàâäîïôöùûüçœæABCDEÉÈÀÇŒÜ.-_+0123456789")
                .ofMinLength(1).ofMaxLength(20);
        Arbitrary<String> domain = Arbitraries.of("exemple.fr", "Exemple.FR", "exemple-é.fr", "xn--exemple--i1a.fr",
                "XN--EXEMPLE--I1A.FR", "école.paris", "xn--strae-oqa.de");
        return net.jqwik.api.Combinators.combine(local, domain).as((l, d) -> l + "@" + d);
    }

    /** What the suppression list hashes must not depend on how many times, or in which form, an address was normalised. */
    @Property
    void normalisingAnAccentedAddressTwiceOrDecomposedChangesNothing(@ForAll("accentedAddresses") String email) {
        String once = Identifiers.email(email);
        assertThat(Identifiers.email(once)).isEqualTo(once);
        assertThat(Identifiers.email(java.text.Normalizer.normalize(email, java.text.Normalizer.Form.NFD))).isEqualTo(once);
        assertThat(Identifiers.email(email.toUpperCase(Locale.ROOT))).isEqualTo(once);
        assertThat(once).isEqualTo(once.toLowerCase(Locale.ROOT));
    }

    @Property
    void emailsIgnoreCaseAndSurroundingSpace(@ForAll("names") String local) {
        String l = Identifiers.text(local).replace(' ', '.').toLowerCase(Locale.ROOT);
        String email = l + "@Example.fr";
        assertThat(Identifiers.email("  " + email.toUpperCase(Locale.ROOT) + "\t")).isEqualTo(l + "@example.fr");
    }
}
