package fr.terrain.mail;

import static org.assertj.core.api.Assertions.assertThat;

import fr.terrain.election.SectorNames;
import fr.terrain.mail.Targeting.Technique;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Which targeting techniques (Regulation (EU) 2024/900) a campaign uses, read from its segment and its A/B test: what
 * the campaign's record and the register of processing say, and what makes a warning when no consent is declared.
 */
class TargetingTest {
    static Targeting of(String segment) {
        return Targeting.of(Segment.parse(segment), SectorNames.NONE, Optional.empty());
    }

    @Test
    void aLetterToTheWholeListUsesNoTargetingTechnique() {
        assertThat(of("all").none()).isTrue();
        // choosing by consent status decides who may be written to at all, not whom a message is aimed at
        assertThat(of("consent:given,regular").none()).isTrue();
        assertThat(of("all").observed()).isFalse();
    }

    @Test
    void sectorsStationsAndTopicsSelectOnDataThePeopleProvided() {
        Targeting t = of("sector:11,12+station:11-7+topic:logement");
        assertThat(t.uses()).extracting(Targeting.Use::technique)
                .containsExactly(Technique.GEOGRAPHY, Technique.GEOGRAPHY, Technique.INTERESTS);
        assertThat(t.uses()).noneMatch(u -> u.technique().observed());
        assertThat(t.observed()).isFalse();
        assertThat(t.uses().get(0).logic()).contains("11").contains("12").contains("arrondissement");
        assertThat(t.uses().get(1).logic()).contains("bureau de vote 11-7");
        assertThat(t.uses().get(2).logic()).contains("logement");
    }

    /** ADR 0033: a commune's sector is recorded as the commune it is, not as an arrondissement; Paris's as before. */
    @Test
    void aCommuneSectorIsRecordedAsACommune() {
        assertThat(of("sector:12,11").uses().get(0).logic()).isEqualTo("arrondissement 11 ou 12");
        assertThat(of("sector:29039,12").uses().get(0).logic()).isEqualTo("arrondissement 12 ou commune 29039");
        assertThat(of("sector:2A004").uses().get(0).logic()).isEqualTo("commune 20004");
        assertThat(Technique.GEOGRAPHY.data()).isEqualTo("arrondissement ou commune, bureau de vote");
    }

    /** ADR 0033: a commune whose name the BAN gives is recorded by its name, one it does not by its code. */
    @Test
    void aCommuneIsRecordedByItsNameWhenItIsKnown() {
        SectorNames names = new SectorNames(Map.of(29039, new SectorNames.Commune("29039", "Concarneau"),
                20004, new SectorNames.Commune("2A004", "Ajaccio")));
        Segment segment = Segment.parse("sector:29046,12,29039+sector:2A004");
        assertThat(segment.namedSectors()).containsExactly(12, 20004, 29039, 29046);
        assertThat(Targeting.of(segment, names, Optional.empty()).uses()).extracting(Targeting.Use::logic)
                .containsExactly("arrondissement 12 ou Concarneau (29039) ou commune 29046", "Ajaccio (2A004)");
        assertThat(Targeting.of(Segment.parse("sector:12,11"), names, Optional.empty()).uses().get(0).logic())
                .isEqualTo("arrondissement 11 ou 12");
    }

    @Test
    void anEngagedSegmentSelectsOnWhatPeopleDidWithOurMessages() {
        Targeting t = of("sector:12+engaged:30d");
        assertThat(t.observed()).isTrue();
        Targeting.Use engaged = t.uses().get(1);
        assertThat(engaged.technique()).isEqualTo(Technique.ENGAGEMENT);
        assertThat(engaged.technique().origin()).isEqualTo("observed");
        assertThat(engaged.technique().data()).contains("ouvertures").contains("clics");
        assertThat(engaged.logic()).contains("30 derniers jours");
    }

    @Test
    void anAbTestChoosesTheMessageFromOpensOrClicks() {
        Targeting t = Targeting.of(Segment.parse("all"), SectorNames.NONE, Optional.of("click"));
        assertThat(t.observed()).isTrue();
        assertThat(t.uses()).singleElement().satisfies(u -> {
            assertThat(u.technique()).isEqualTo(Technique.AB_TEST);
            assertThat(u.logic()).contains("clics").contains("au hasard");
        });
        assertThat(Targeting.of(Segment.parse("all"), SectorNames.NONE, Optional.of("open")).uses().get(0).logic()).contains("ouvertures");
    }

    @Test
    void theWarningNamesTheRegulationItsArticleAndTheSettingThatAnswersIt() {
        assertThat(of("engaged:7d").warning(Optional.empty())).hasValueSatisfying(w -> assertThat(w)
                .contains("règlement (UE) 2024/900").contains("art. 18").contains("consentement explicite")
                .contains(Targeting.CONSENT_KEY).contains("privacy.properties"));
        // declared: the record says how it was collected, no warning
        assertThat(of("engaged:7d").warning(Optional.of("case distincte du formulaire d'inscription, version 3")))
                .isEmpty();
        // provided data only: nothing to warn of
        assertThat(of("sector:11").warning(Optional.empty())).isEmpty();
    }
}
