package fr.terrain.mail.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which spelling of an address the SMTP server is given, or why it is given none. */
class EnvelopeAddressTest {
    static EnvelopeAddress.Route route(String address, boolean smtpUtf8) {
        return EnvelopeAddress.of(address, smtpUtf8);
    }

    @Test
    void anAsciiAddressGoesAsItIsToAnyServer() {
        assertThat(route("ana@exemple.fr", false)).isEqualTo(new EnvelopeAddress.Send("ana@exemple.fr"));
        assertThat(route("ana@exemple.fr", true)).isEqualTo(new EnvelopeAddress.Send("ana@exemple.fr"));
    }

    @Test
    void anAccentedLocalPartGoesOnlyToAServerThatOffersSmtpUtf8() {
        assertThat(route("élodie.müller@exemple.fr", true)).isEqualTo(new EnvelopeAddress.Send("élodie.müller@exemple.fr"));
        assertThat(route("françois@exemple-é.fr", true)).isEqualTo(new EnvelopeAddress.Send("françois@exemple-é.fr"));
        assertThat(route("élodie.müller@exemple.fr", false)).isInstanceOfSatisfying(EnvelopeAddress.Refuse.class,
                r -> assertThat(r.reason()).isEqualTo("adresse accentuée avant « @ » (adresse internationalisée, RFC 6531) :"
                        + " le serveur SMTP n'annonce pas l'extension SMTPUTF8 qu'il faut pour la lui confier ; non envoyé"));
        assertThat(route("françois@exemple-é.fr", false)).isInstanceOf(EnvelopeAddress.Refuse.class);
    }

    @Test
    void aDomainInLettersGoesAsItsALabelToAServerWithoutSmtpUtf8() {
        assertThat(route("ana@exemple-é.fr", false)).isEqualTo(new EnvelopeAddress.Send("ana@xn--exemple--i1a.fr"));
        assertThat(route("ana@école.paris", false)).isEqualTo(new EnvelopeAddress.Send("ana@xn--cole-9oa.paris"));
        assertThat(route("ana@exemple-é.fr", true)).isEqualTo(new EnvelopeAddress.Send("ana@exemple-é.fr"));
    }

    /** The JDK's IDNA2003 maps ß to ss: strasse.de is another domain than straße.de, so no A-label is made up. */
    @Test
    void aDomainWhoseALabelWouldNameAnotherDomainIsRefusedWithoutSmtpUtf8() {
        assertThat(EnvelopeAddress.aLabels("straße.de")).isEmpty();
        assertThat(route("ana@straße.de", false)).isInstanceOfSatisfying(EnvelopeAddress.Refuse.class,
                r -> assertThat(r.reason()).startsWith("nom de domaine « straße.de » sans écriture ASCII fidèle (IDNA)"));
        assertThat(route("ana@straße.de", true)).isEqualTo(new EnvelopeAddress.Send("ana@straße.de"));
    }
}
