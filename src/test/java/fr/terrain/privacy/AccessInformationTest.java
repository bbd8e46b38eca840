package fr.terrain.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What an access answer tells besides the data (GDPR art. 15(1)(a)–(h), 15(2)). */
class AccessInformationTest {
    static final CampaignIdentity CAMPAIGN = CampaignIdentity.fromSettings(Map.of("campaign.controller",
            "Association de financement de la liste X", "campaign.address", "10 rue de Picpus, 75012 Paris",
            "campaign.contact", "donnees@liste-x.fr", "campaign.dpo", "dpo@liste-x.fr",
            "register.processors", "Hébergeur SAS (Roubaix) ; Envoi Mail SARL (Paris)",
            "register.transfers", "aucun : hébergement et envoi des courriels dans l'Union européenne"));

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Map<String, Object> info, String key) {
        return (List<Map<String, Object>>) info.get(key);
    }

    @Test
    void everyItemTheArticleAsksForIsThere() {
        Map<String, Object> info = AccessInformation.of(CAMPAIGN, RetentionPolicy.defaults(),
                EnumSet.of(SourceCategory.ELECTORAL_LIST), false);
        // (a) purposes, (b) categories of data, (d) retention, with the legal ground (art. 13/14, asked with them)
        assertThat(list(info, "processing")).singleElement().satisfies(p -> {
            assertThat(p).containsEntry("sourceCategory", "electoral-list")
                    .containsEntry("retention", "1 mois après le dernier tour de l'élection");
            assertThat((String) p.get("purpose")).contains("L.37");
            assertThat((String) p.get("data")).contains("bureau de vote");
            assertThat((String) p.get("legalBasis")).contains("6.1.f");
        });
        // (c) recipients and processors, as the campaign set them
        assertThat((List<String>) info.get("processors")).containsExactly("Hébergeur SAS (Roubaix)",
                "Envoi Mail SARL (Paris)");
        assertThat((List<String>) info.get("recipients")).isNotEmpty();
        // (e) rectification, erasure, restriction, objection; (f) complaint to the CNIL; (h) automated decisions; 15(2)
        assertThat(list(info, "rights")).extracting(r -> r.get("right")).containsExactly("rectification", "effacement",
                "limitation", "opposition", "directives après décès");
        assertThat(list(info, "rights")).extracting(r -> r.get("article")).containsExactly("RGPD art. 16", "RGPD art. 17",
                "RGPD art. 18", "RGPD art. 21", "loi Informatique et Libertés, art. 85");
        assertThat((String) info.get("complaint")).contains("CNIL", "3 place de Fontenoy", "75334 Paris Cedex 07");
        assertThat((String) info.get("automatedDecisions")).contains("art. 22");
        assertThat((String) info.get("transfersOutsideEU"))
                .isEqualTo("aucun : hébergement et envoi des courriels dans l'Union européenne");
        assertThat((String) info.get("automatedDecisions")).as("what e-mail selection and tracking use, said")
                .contains("sujets d'intérêt", "ouvert ou cliqué", "ouvertures et les clics");
        assertThat((String) info.get("howToExercise")).contains("donnees@liste-x.fr", "dpo@liste-x.fr", "mois");
        assertThat((Map<String, Object>) info.get("controller")).containsEntry("name",
                "Association de financement de la liste X").containsEntry("address", "10 rue de Picpus, 75012 Paris");
    }

    @Test
    void withdrawalAndPortabilityOnlyWhereConsentIsTheGround() {
        Map<String, Object> listOnly = AccessInformation.of(CAMPAIGN, RetentionPolicy.defaults(),
                EnumSet.of(SourceCategory.ELECTORAL_LIST), false);
        assertThat(list(listOnly, "rights")).extracting(r -> r.get("right"))
                .doesNotContain("retrait du consentement", "portabilité");
        Map<String, Object> collected = AccessInformation.of(CAMPAIGN, RetentionPolicy.defaults(),
                EnumSet.of(SourceCategory.ELECTORAL_LIST, SourceCategory.CAMPAIGN_COLLECTED), true);
        assertThat(list(collected, "rights")).extracting(r -> r.get("right"))
                .contains("retrait du consentement", "portabilité");
        assertThat(list(collected, "processing")).extracting(p -> p.get("sourceCategory"))
                .containsExactly("electoral-list", "campaign-collected");
    }

    @Test
    void openDataIsNoPersonsProcessingAndNothingHeldSaysSo() {
        Map<String, Object> info = AccessInformation.of(CAMPAIGN, RetentionPolicy.defaults(),
                Set.of(SourceCategory.OFFICIAL_OPEN_DATA), false);
        assertThat(list(info, "processing")).isEmpty();
    }

    @Test
    void anObjectorWithNoImportedDataIsToldWhatIsStillHeldAndWhy() {
        Map<String, Object> info = AccessInformation.of(CAMPAIGN, RetentionPolicy.defaults(), Set.of(), false, true, true);
        assertThat(list(info, "processing")).singleElement().satisfies(p -> {
            assertThat((String) p.get("data")).contains("identité (nom, prénoms, date de naissance)",
                    "empreintes (HMAC) de vos identifiants sur la liste d'opposition");
            assertThat((String) p.get("purpose")).contains("respecter votre opposition", "répondre à vos demandes");
            assertThat(p).containsEntry("legalBasis", "obligation légale (RGPD art. 6.1.c, art. 12 et 21)")
                    .containsEntry("retention", "tant que dure votre opposition ; vos demandes, le temps de prouver"
                            + " leur traitement");
        });
        assertThat(list(AccessInformation.of(CAMPAIGN, RetentionPolicy.defaults(), Set.of(), false), "processing"))
                .as("neither listed nor asking: nothing to describe").isEmpty();
    }

    @Test
    void theRetentionOfConsentedDataSaysTheConsentKeepsThem() {
        Map<String, Object> info = AccessInformation.of(CAMPAIGN, RetentionPolicy.defaults(),
                EnumSet.of(SourceCategory.CAMPAIGN_COLLECTED), true);
        assertThat(list(info, "processing")).singleElement().extracting(p -> p.get("retention"))
                .isEqualTo("6 mois après la collecte, faute de consentement ; avec votre consentement, tant que vous ne"
                        + " le retirez pas");
        assertThat(list(AccessInformation.of(CAMPAIGN, RetentionPolicy.defaults(),
                EnumSet.of(SourceCategory.CAMPAIGN_COLLECTED), false), "processing")).singleElement()
                .extracting(p -> p.get("retention")).isEqualTo("6 mois après la collecte, faute de consentement");
    }

    @Test
    void theDefaultRecipientsPointAtNothingThatDoesNotFollow() {
        Map<String, Object> info = AccessInformation.of(CampaignIdentity.fromSettings(Map.of()),
                RetentionPolicy.defaults(), Set.of(), false);
        assertThat((List<String>) info.get("recipients")).singleElement().asString().startsWith("l'équipe de campagne")
                .doesNotContain("ci-dessous");
    }

    @Test
    void unsetSettingsShowAsGapsAndAreNamed() {
        CampaignIdentity none = CampaignIdentity.fromSettings(Map.of());
        assertThat(none.missing()).containsExactly("campaign.controller", "campaign.address", "campaign.contact",
                "campaign.dpo", "register.processors", "register.transfers");
        assertThat(CampaignIdentity.fromSettings(Map.of("campaign.dpo", "aucun délégué désigné")).missing())
                .as("a campaign without a DPO says so, and is not asked again").doesNotContain("campaign.dpo");
        assertThat(CAMPAIGN.missing()).isEmpty();
        Map<String, Object> info = AccessInformation.of(none, RetentionPolicy.defaults(), Set.of(), false);
        assertThat((String) info.get("howToExercise")).contains(CampaignIdentity.MISSING)
                .as("no DPO named: none offered").doesNotContain("délégué")
                .as("the gap read in a sentence").startsWith("en écrivant au responsable (adresse : à renseigner)")
                .doesNotContain("à à renseigner");
    }
}
