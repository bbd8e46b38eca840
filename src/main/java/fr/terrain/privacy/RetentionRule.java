package fr.terrain.privacy;

import java.time.LocalDate;
import java.time.Period;
import java.util.Objects;

/**
 * How long data of one source category may be kept, counted from the event that ends its
 * purpose. Each rule names that event, so that a deletion report can say why a record went.
 */
public sealed interface RetentionRule {
    /** The delay after the event. */
    Period delay();

    /** The event the delay runs from, in French: « le dernier tour de l'élection ». */
    String event();

    /** Electoral-list and sign-in-list data: the election is its only purpose (Code électoral L.37, L.68). */
    record AfterLastRound(Period delay) implements RetentionRule {
        public AfterLastRound {
            requireNonNegative(delay);
        }

        @Override
        public String event() {
            return "le dernier tour de l'élection";
        }
    }

    /** Members: kept while the membership lasts. */
    record AfterMembershipEnds(Period delay) implements RetentionRule {
        public AfterMembershipEnds {
            requireNonNegative(delay);
        }

        @Override
        public String event() {
            return "la fin de l'adhésion";
        }
    }

    /** Regular contacts: kept while the contact goes on. */
    record AfterLastContact(Period delay) implements RetentionRule {
        public AfterLastContact {
            requireNonNegative(delay);
        }

        @Override
        public String event() {
            return "le dernier contact à l'initiative de la personne";
        }
    }

    /** Prospects (collected or rented): kept while a consent covers them, else only this long after collection. */
    record WithoutConsentAfterCollection(Period delay) implements RetentionRule {
        public WithoutConsentAfterCollection {
            requireNonNegative(delay);
        }

        @Override
        public String event() {
            return "la collecte, faute de consentement";
        }
    }

    /**
     * A campaign's tracking events (opens, clicks): kept this long after the campaign was first sent, so that no
     * event outlives the delay counted from its own collection (events come after the sending). The campaign's
     * figures, small cells masked, are kept without them (docs/adr/0021).
     */
    record AfterCampaignSent(Period delay) implements RetentionRule {
        /** The CNIL's ceiling for data collected by audience-measurement trackers (25 months). */
        public static final Period CEILING = Period.ofMonths(25);

        public AfterCampaignSent {
            requireNonNegative(delay);
            if (delay.toTotalMonths() * 31 + delay.getDays() > CEILING.toTotalMonths() * 31) {
                throw new IllegalArgumentException("durée de conservation du suivi des courriels " + delay
                        + " : au plus 25 mois (P25M), plafond que la CNIL fixe aux données collectées par un traceur"
                        + " de mesure d'audience (« Cookies : solutions pour les outils de mesure d'audience », 2025)");
            }
        }

        @Override
        public String event() {
            return "le premier envoi de la campagne (ouvertures et clics)";
        }
    }

    private static void requireNonNegative(Period delay) {
        Objects.requireNonNull(delay, "delay");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("durée de conservation négative : " + delay);
        }
    }

    /** {@code P1M} → « 1 mois », for reports. */
    static String describe(Period p) {
        if (p.isZero()) {
            return "aucun délai";
        }
        StringBuilder s = new StringBuilder();
        if (p.getYears() != 0) {
            s.append(p.getYears()).append(p.getYears() > 1 ? " ans" : " an");
        }
        if (p.getMonths() != 0) {
            s.append(s.isEmpty() ? "" : " ").append(p.getMonths()).append(" mois");
        }
        if (p.getDays() != 0) {
            s.append(s.isEmpty() ? "" : " ").append(p.getDays()).append(p.getDays() > 1 ? " jours" : " jour");
        }
        return s.toString();
    }

    /** The last day data are kept when the event was on {@code event}: the day after, they are due for deletion. */
    default LocalDate lastDay(LocalDate event) {
        return event.plus(delay());
    }

    /** « 1 mois après le dernier tour de l'élection ». */
    default String describe() {
        return (delay().isZero() ? "dès " : describe(delay()) + " après ") + event();
    }
}
