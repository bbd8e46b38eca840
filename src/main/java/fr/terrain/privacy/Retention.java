package fr.terrain.privacy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** What the retention policy asks to delete today, and why: a pure decision over what is held. */
public final class Retention {
    private Retention() {}

    /** What becomes of one holding. */
    public enum Verdict {
        /** Its retention period is over. */
        DELETE,
        /** Still within its period. */
        KEEP,
        /** Its period cannot be computed (unknown election…): kept, and flagged for a person to decide. */
        REVIEW
    }

    /** The verdict on one holding, with the day it is (or was) due for deletion and the reason in French. */
    public record Decision(Holding holding, Verdict verdict, Optional<LocalDate> dueOn, String reason) {
        public Decision {
            Objects.requireNonNull(holding, "holding");
            Objects.requireNonNull(verdict, "verdict");
            Objects.requireNonNull(dueOn, "dueOn");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** Every decision as of one day, and the categories of which nothing is held. */
    public record Plan(LocalDate asOf, RetentionPolicy policy, List<Decision> decisions, List<RetentionCategory> nothingHeld) {
        public Plan {
            decisions = List.copyOf(decisions);
            nothingHeld = List.copyOf(nothingHeld);
        }

        public List<Decision> toDelete() {
            return decisions.stream().filter(d -> d.verdict() == Verdict.DELETE).toList();
        }

        public long recordsToDelete() {
            return toDelete().stream().mapToLong(d -> d.holding().records()).sum();
        }

        public List<Decision> toReview() {
            return decisions.stream().filter(d -> d.verdict() == Verdict.REVIEW).toList();
        }
    }

    /**
     * Decides each holding as of {@code today}: kept through the event's date plus the category's
     * delay, deleted from the day after. A holding whose event date is unknown is never deleted silently: it
     * is kept for review.
     */
    public static Plan decide(RetentionPolicy policy, LocalDate today, List<Holding> held) {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(today, "today");
        List<Decision> decisions = new ArrayList<>();
        Set<RetentionCategory> seen = new java.util.HashSet<>();
        for (Holding h : held) {
            seen.add(h.category());
            decisions.add(decide(policy, today, h));
        }
        List<RetentionCategory> nothing = policy.rules().keySet().stream().filter(c -> !seen.contains(c)).toList();
        return new Plan(today, policy, decisions, nothing);
    }

    private static Decision decide(RetentionPolicy policy, LocalDate today, Holding h) {
        Optional<RetentionRule> rule = policy.rule(h.ruledBy());
        if (rule.isEmpty()) {
            return new Decision(h, Verdict.KEEP, Optional.empty(), "données agrégées : aucune personne décrite");
        }
        RetentionRule r = rule.get();
        if (h.event().isEmpty()) {
            return new Decision(h, Verdict.REVIEW, Optional.empty(), "conservées « " + r.describe()
                    + " », mais cette date est inconnue (" + h.eventNote() + ") : à vérifier, rien n'est supprimé");
        }
        LocalDate keptThrough = r.lastDay(h.event().get());
        LocalDate due = keptThrough.plusDays(1);
        String why = h.eventNote() + " ; conservation : " + r.describe() + ", soit jusqu'au "
                + fr.terrain.election.Paris.day(keptThrough) + " inclus";
        return today.isBefore(due)
                ? new Decision(h, Verdict.KEEP, Optional.of(due), why)
                : new Decision(h, Verdict.DELETE, Optional.of(due), why + " : durée écoulée");
    }
}
