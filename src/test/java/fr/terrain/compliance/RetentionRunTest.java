package fr.terrain.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import fr.terrain.privacy.Holding;
import fr.terrain.privacy.Retention;
import fr.terrain.privacy.RetentionPolicy;
import fr.terrain.privacy.SourceCategory;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The deletion report and the console's line, in the words and numbers of a French DPO. */
class RetentionRunTest {
    @Test
    void parisSizedCountsDaysAndTimesAreWrittenTheFrenchWay() {
        // a list of all Paris whose last round was on 22/03/2026: past the default retention by 01/06/2026
        Holding list = new Holding(SourceCategory.ELECTORAL_LIST, "paris-2026", 1_350_000,
                Optional.of(LocalDate.of(2026, 3, 22)), "dernier tour");
        Retention.Plan plan = Retention.decide(RetentionPolicy.defaults(), LocalDate.of(2026, 6, 1), List.of(list));
        assertThat(plan.toDelete()).hasSize(1);
        var run = new RetentionRun.Result(plan, false, List.of(1_350_000L), 12_345, Path.of("rapport.md"),
                Path.of("rapport.json"));

        assertThat(run.summary()).startsWith("conservation au 01/06/2026 : 1 350 000 enregistrement(s) supprimés,"
                + " et 12 345 personne(s) sans plus aucune donnée");
        // 10:30 UTC on 1 June is 12:30 in Paris (summer time)
        String md = RetentionRun.markdown(run, "system:retention", Instant.parse("2026-06-01T10:30:00Z"));
        assertThat(md).contains("# Rapport de suppression au 01/06/2026", "Exécuté le 01/06/2026 à 12:30 par",
                "| electoral-list | paris-2026 | 1 350 000 |", "historique de consentement : 12 345.");

        var dry = new RetentionRun.Result(plan, true, List.of(), 0, Path.of("simulation.md"), Path.of("simulation.json"));
        assertThat(dry.summary()).startsWith("simulation au 01/06/2026 : 1 350 000 enregistrement(s) seraient supprimés");
    }
}
