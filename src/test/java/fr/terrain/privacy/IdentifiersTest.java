package fr.terrain.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class IdentifiersTest {
    @Test
    void namesAndAddressesLoseAccentsCasePunctuationAndExtraSpaces() {
        assertThat(Identifiers.text("  Hélène  d'Arcy-Œuvray ")).isEqualTo("HELENE D ARCY OEUVRAY");
        assertThat(Identifiers.name("d'Arcy", "Hélène Marie")).isEqualTo("D ARCY HELENE");
        assertThat(Identifiers.address("12 bis r. de la Paix", "75002")).isEqualTo("12 BIS RUE DE LA PAIX 75002");
        assertThat(Identifiers.address("12 BIS RUE DE LA PAIX", "75002")).isEqualTo("12 BIS RUE DE LA PAIX 75002");
    }

    @Test
    void emailsAreTrimmedAndLowerCased() {
        assertThat(Identifiers.email("  Marie.Dupont@Example.FR ")).isEqualTo("marie.dupont@example.fr");
        assertThatThrownBy(() -> Identifiers.email("marie.dupont")).hasMessageContaining("invalide");
    }

    /**
     * RFC 6531 addresses follow the same rule as the others: the whole address lower-cased, so an objection written
     * « Élodie.Müller@Exemple.FR » is the identifier of « élodie.müller@exemple.fr »; a domain's A-labels are
     * written in letters, composed accents and decomposed ones are one spelling.
     */
    @Test
    void accentedAddressesAreLowerCasedWholeAndTheirDomainHasOneSpelling() {
        assertThat(Identifiers.email("Élodie.Müller@Exemple.FR")).isEqualTo("élodie.müller@exemple.fr");
        assertThat(Identifiers.email("FRANÇOIS@exemple.fr")).isEqualTo("françois@exemple.fr");
        assertThat(Identifiers.email("E\u0301lodie.mu\u0308ller@exemple.fr")).isEqualTo("élodie.müller@exemple.fr");
        assertThat(Identifiers.email("ana@XN--EXEMPLE--I1A.fr")).isEqualTo("ana@exemple-é.fr");
        assertThat(Identifiers.email("ana@Exemple-É.fr")).isEqualTo("ana@exemple-é.fr");
        // a label IDNA2003 cannot decode faithfully (straße, written the IDNA2008 way) stays as written
        assertThat(Identifiers.email("ana@xn--strae-oqa.de")).isEqualTo("ana@xn--strae-oqa.de");
        assertThat(Identifiers.emailOf("Élodie.Müller@Exemple.FR")).isEqualTo(Identifiers.emailOf("élodie.müller@exemple.fr"));
        // a no-break space around it is trimmed; inside, or a zero-width space pasted along, it is no address
        assertThat(Identifiers.email("\u00a0ana@exemple.fr\u00a0")).isEqualTo("ana@exemple.fr");
        assertThatThrownBy(() -> Identifiers.email("ana\u200b@exemple.fr")).hasMessageContaining("invalide");
        assertThatThrownBy(() -> Identifiers.email("ana @exemple.fr")).hasMessageContaining("invalide");
    }

    @Test
    void aMailboxHasADotInItsDomainAndNothingThatSplitsAHeader() {
        assertThat(Identifiers.mailbox("Élodie.Müller@Exemple.FR")).isEqualTo("élodie.müller@exemple.fr");
        for (String wrong : new String[] {"ana@localhost", "ana,bo@exemple.fr", "<ana@exemple.fr>", "\"ana\"@exemple.fr",
            "ana@exemple.fr;", "pas-une-adresse"}) {
            assertThatThrownBy(() -> Identifiers.mailbox(wrong)).as(wrong).hasMessageContaining("invalide");
        }
    }

    @Test
    void frenchPhonesBecomeE164() {
        for (String written : new String[] {"06 12 34 56 78", "06.12.34.56.78", "0612345678", "+33 6 12 34 56 78",
            "+33 (0)6 12 34 56 78", "0033612345678", "+330612345678"}) {
            assertThat(Identifiers.phone(written)).as(written).isEqualTo("+33612345678");
        }
        assertThat(Identifiers.phone("+32 470 12 34 56")).isEqualTo("+32470123456");
        assertThatThrownBy(() -> Identifiers.phone("612345678")).hasMessageContaining("invalide");
        assertThatThrownBy(() -> Identifiers.phone("+33 6 12 34")).hasMessageContaining("invalide");
    }

    @Test
    void aListedPersonIsKnownByBirthAndUsageNames() {
        var ids = Identifiers.ofListedPerson("MARTIN", "DUPONT", "Marie Claire", LocalDate.of(1970, 4, 3), "12", "RUE",
                "DE PICPUS", "75012");
        assertThat(ids).extracting(Identifier::normalised).containsExactlyInAnyOrder("MARTIN MARIE|1970-04-03",
                "MARTIN MARIE|12 RUE DE PICPUS 75012", "DUPONT MARIE|1970-04-03", "DUPONT MARIE|12 RUE DE PICPUS 75012");
    }

    @Test
    void theKeyedHashDependsOnTheKeyAndTheKind() {
        byte[] k1 = new byte[32];
        byte[] k2 = new byte[32];
        k2[0] = 1;
        Identifier id = Identifiers.emailOf("a@b.fr");
        assertThat(new IdentifierHasher(k1).hash(id)).hasSize(64).isEqualTo(new IdentifierHasher(k1).hash(id))
                .isNotEqualTo(new IdentifierHasher(k2).hash(id))
                .isNotEqualTo(new IdentifierHasher(k1).hash(new Identifier(Identifier.Kind.PHONE, "a@b.fr")));
        assertThatThrownBy(() -> new IdentifierHasher(new byte[8])).hasMessageContaining("courte");
    }
}
