package fr.terrain.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** One vocabulary for how a request or an objection arrived, in the words the audit log and the pages write. */
class ReceivedViaTest {
    @Test
    void staffSayHowARequestOrAnObjectionArrivedFromTheirOwnLists() {
        assertThat(ReceivedVia.of("in-person", ReceivedVia.REQUESTS)).isEqualTo(ReceivedVia.IN_PERSON);
        assertThat(ReceivedVia.of("sms", ReceivedVia.OBJECTIONS).words()).isEqualTo("SMS");
        // a « STOP » comes by SMS, a rights request does not (the ways of arrival)
        assertThatThrownBy(() -> ReceivedVia.of("sms", ReceivedVia.REQUESTS))
                .hasMessage("moyen de réception inconnu « sms » : letter, email, phone, web, in-person");
        // what Terrain writes itself is not staff's to say
        assertThatThrownBy(() -> ReceivedVia.of("rights-request", ReceivedVia.OBJECTIONS))
                .hasMessageContaining("moyen de réception inconnu « rights-request »");
        assertThatThrownBy(() -> ReceivedVia.of("pigeon", ReceivedVia.OBJECTIONS))
                .hasMessage("moyen de réception inconnu « pigeon » : letter, email, phone, web, in-person, sms");
    }

    @Test
    void storedIdsReadInWordsAndOlderOnesAsStored() {
        assertThat(ReceivedVia.words("letter")).isEqualTo("courrier");
        assertThat(ReceivedVia.words("one-click")).isEqualTo("désinscription en un clic");
        assertThat(ReceivedVia.words("fax")).isEqualTo("fax");
    }
}
