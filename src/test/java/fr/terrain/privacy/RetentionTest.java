package fr.terrain.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetentionTest {
    private static final LocalDate LAST_ROUND = LocalDate.of(2026, 3, 22);

    private static Holding list(String contest, Optional<LocalDate> lastRound) {
        return new Holding(SourceCategory.ELECTORAL_LIST, contest, 1000, lastRound, "élection " + contest);
    }

    @Test
    void anElectoralListIsKeptThroughTheLastRoundPlusTheDelayAndDeletedTheDayAfter() {
        RetentionPolicy policy = RetentionPolicy.defaults();
        var held = List.of(list("paris-2026", Optional.of(LAST_ROUND)));
        assertThat(Retention.decide(policy, LocalDate.of(2026, 4, 22), held).toDelete()).isEmpty();
        Retention.Plan plan = Retention.decide(policy, LocalDate.of(2026, 4, 23), held);
        assertThat(plan.toDelete()).singleElement().satisfies(d -> {
            assertThat(d.dueOn()).contains(LocalDate.of(2026, 4, 23));
            assertThat(d.reason()).contains("1 mois après le dernier tour de l'élection", "22/04/2026 inclus");
        });
        assertThat(plan.recordsToDelete()).isEqualTo(1000);
        assertThat(Retention.decide(policy, LocalDate.of(2026, 6, 1), held).toDelete()).hasSize(1);
    }

    @Test
    void anUnknownElectionIsNeverDeletedSilentlyButFlaggedForReview() {
        Retention.Plan plan = Retention.decide(RetentionPolicy.defaults(), LocalDate.of(2030, 1, 1),
                List.of(list("inconnue", Optional.empty())));
        assertThat(plan.toDelete()).isEmpty();
        assertThat(plan.toReview()).singleElement().satisfies(d -> assertThat(d.reason()).contains("à vérifier"));
    }

    @Test
    void everyPersonalCategoryHasAPolicyAndThoseNotHeldSaySo() {
        Retention.Plan plan = Retention.decide(RetentionPolicy.defaults(), LAST_ROUND,
                List.of(list("paris-2026", Optional.of(LAST_ROUND))));
        assertThat(plan.nothingHeld()).containsExactly(SourceCategory.SIGN_IN_LIST, SourceCategory.MEMBERS,
                SourceCategory.REGULAR_CONTACTS, SourceCategory.COMMERCIAL_WITH_CONSENT, SourceCategory.CAMPAIGN_COLLECTED,
                TrackerData.MAIL_TRACKING);
        assertThat(RetentionPolicy.defaults().rule(SourceCategory.OFFICIAL_OPEN_DATA)).isEmpty();
        assertThat(RetentionPolicy.defaults().rule(SourceCategory.MEMBERS).orElseThrow().describe())
                .isEqualTo("3 mois après la fin de l'adhésion");
    }

    @Test
    void settingsChangeTheDelaysAndBadValuesAreRefusedByName() {
        RetentionPolicy p = RetentionPolicy.fromSettings(Map.of("retention.electoral-list", "P0D",
                "retention.members", "P1Y", "campaign.controller", "X"));
        assertThat(p.rule(SourceCategory.ELECTORAL_LIST)).contains(new RetentionRule.AfterLastRound(Period.ZERO));
        assertThat(p.rule(SourceCategory.MEMBERS)).contains(new RetentionRule.AfterMembershipEnds(Period.ofYears(1)));
        // with no delay the list goes the day after the last round, never on election day
        assertThat(Retention.decide(p, LAST_ROUND, List.of(list("c", Optional.of(LAST_ROUND)))).toDelete()).isEmpty();
        assertThat(Retention.decide(p, LAST_ROUND.plusDays(1), List.of(list("c", Optional.of(LAST_ROUND)))).toDelete())
                .hasSize(1);
        assertThatThrownBy(() -> RetentionPolicy.fromSettings(Map.of("retention.electoral-list", "un mois")))
                .hasMessageContaining("retention.electoral-list").hasMessageContaining("P1M");
        assertThatThrownBy(() -> RetentionPolicy.fromSettings(Map.of("retention.hr-payroll", "P1M")))
                .hasMessageContaining("catégorie de source inconnue");
        assertThatThrownBy(() -> RetentionPolicy.fromSettings(Map.of("retention.members", "P-1M")))
                .hasMessageContaining("négative");
    }

    /**
     * Opens and clicks of e-mails are a tracker's data (CNIL: a tracker lives 13 months, the data it collects are kept
     * 25 months at most): their own category, 13 months after the campaign's first sending by default, settable up to
     * 25 months and no more.
     */
    @Test
    void mailTrackingEventsAreKeptThirteenMonthsAfterTheSendingAndNeverMoreThanTwentyFive() {
        RetentionPolicy policy = RetentionPolicy.defaults();
        assertThat(policy.rule(TrackerData.MAIL_TRACKING)).contains(new RetentionRule.AfterCampaignSent(Period.ofMonths(13)));
        assertThat(policy.rule(TrackerData.MAIL_TRACKING).orElseThrow().describe())
                .isEqualTo("13 mois après le premier envoi de la campagne (ouvertures et clics)");
        LocalDate sent = LocalDate.of(2026, 2, 10);
        var held = List.of(new Holding(TrackerData.MAIL_TRACKING, "suivi-courriel:jeudi", 840, Optional.of(sent),
                "campagne jeudi"));
        // 10/02/2026 + 13 months = 10/03/2027, kept through that day (counted by hand)
        assertThat(Retention.decide(policy, LocalDate.of(2027, 3, 10), held).toDelete()).isEmpty();
        assertThat(Retention.decide(policy, LocalDate.of(2027, 3, 11), held).toDelete()).singleElement()
                .satisfies(d -> assertThat(d.reason()).contains("10/03/2027 inclus"));
        assertThat(RetentionPolicy.fromSettings(Map.of("retention.mail-tracking", "P25M")).rule(TrackerData.MAIL_TRACKING))
                .contains(new RetentionRule.AfterCampaignSent(Period.ofMonths(25)));
        assertThat(RetentionPolicy.fromSettings(Map.of("retention.mail-tracking", "P6M")).rule(TrackerData.MAIL_TRACKING))
                .contains(new RetentionRule.AfterCampaignSent(Period.ofMonths(6)));
        assertThatThrownBy(() -> RetentionPolicy.fromSettings(Map.of("retention.mail-tracking", "P3Y")))
                .hasMessageContaining("retention.mail-tracking").hasMessageContaining("25 mois");
        assertThatThrownBy(() -> RetentionPolicy.fromSettings(Map.of("retention.mail-tracking", "P25M1D")))
                .hasMessageContaining("25 mois");
        // the tracker's category is no source: an import cannot declare it
        assertThat(SourceCategory.find("mail-tracking")).isEmpty();
    }

    @Test
    void aHeadRecordedEarlierShowsEntriesCutOffTheEnd() {
        AuditEntry a = AuditEntry.next(null, java.time.Instant.EPOCH, "x", "user.add", "user:a", 0, "");
        AuditEntry b = AuditEntry.next(a, java.time.Instant.EPOCH, "x", "user.add", "user:b", 0, "");
        AuditHead head = AuditHead.of(List.of(a, b));
        assertThat(head.contradiction(List.of(a, b))).isEmpty();
        assertThat(AuditChain.verify(List.of(a))).isEmpty(); // the chain alone cannot see it
        assertThat(head.contradiction(List.of(a))).hasValueSatisfying(x -> assertThat(x.reason())
                .contains("l'entrée n° 2 a été supprimée"));
        AuditEntry forged = AuditEntry.next(a, java.time.Instant.EPOCH, "x", "user.add", "user:z", 0, "");
        assertThat(head.contradiction(List.of(a, forged))).hasValueSatisfying(x -> assertThat(x.seq()).isEqualTo(2));
    }
}
