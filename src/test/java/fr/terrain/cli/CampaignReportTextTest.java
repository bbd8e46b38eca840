package fr.terrain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How {@code campaign report} words a sector's figures, as {@code CampaignTracking.json} gives them. */
class CampaignReportTextTest {
    private static Map<String, Object> sector(Object... keysAndValues) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }

    @Test
    void aSectorSaysHowManyOfItsMessagesWereMeasuredWhenNotAll() {
        assertThat(CampaignCommand.sectorText(sector("masked", false, "recipients", 20, "measured", 10, "openRate", 0.5,
                "clickRate", 0.1))).isEqualTo("20 destinataires (10 mesurés), 50,0 % d'ouverture, 10,0 % de clic");
        assertThat(CampaignCommand.sectorText(sector("masked", false, "recipients", 20, "measured", 20, "openRate", 0.25,
                "clickRate", 0.0))).isEqualTo("20 destinataires, 25,0 % d'ouverture, 0,0 % de clic");
    }

    @Test
    void aMaskedSectorSaysWhyInTheWordsOfItsReason() {
        assertThat(CampaignCommand.sectorText(sector("masked", true, "maskReason", "few-measured")))
                .startsWith("moins de 10 messages mesurés");
        assertThat(CampaignCommand.sectorText(sector("masked", true, "maskReason", "complement")))
                .startsWith("non affiché pour qu'un groupe");
        assertThat(CampaignCommand.sectorText(sector("masked", true, "maskReason", "small-cell")))
                .isEqualTo("moins de 10 destinataires : non affiché (secret statistique)");
    }
}
