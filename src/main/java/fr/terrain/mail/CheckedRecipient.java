package fr.terrain.mail;

import fr.terrain.election.Paris;
import fr.terrain.privacy.ConsentHistory;
import fr.terrain.privacy.Identifier;
import fr.terrain.privacy.Identifiers;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * A recipient a campaign may write to. The only way to get one is {@link #check}: its address is
 * not on the suppression list, not undeliverable, the person's processing is not restricted, and the person either gave their consent on the
 * e-mail channel or is a regular contact who never withdrew it. The renderer and the sender take
 * only this type, so nothing else can be sent to (issue 8: "enforced in the domain, not in the UI").
 */
public final class CheckedRecipient {
    /** On what ground the message may be sent. */
    public enum Basis { CONSENT, REGULAR_CONTACT }

    /** Why a contact may not be written to. */
    public enum Refusal {
        SUPPRESSED("sur la liste d'opposition"),
        UNDELIVERABLE("adresse invalide (rejet définitif)"),
        RESTRICTED("traitement limité à la demande de la personne (RGPD art. 18)"),
        CONSENT_WITHDRAWN("consentement au courriel retiré"),
        NO_CONSENT("ni consentement au courriel ni contact régulier");

        private final String label;

        Refusal(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        /** « 3 ni consentement au courriel ni contact régulier, 1 sur la liste d'opposition », or « aucun ». */
        public static String counts(Map<Refusal, Integer> refused) {
            return refused.isEmpty() ? "aucun" : refused.entrySet().stream()
                    .map(e -> Paris.count(e.getValue()) + " " + e.getKey().label()).collect(Collectors.joining(", "));
        }
    }

    /** The outcome of a check: a recipient, or the reason there is none. */
    public sealed interface Check permits Allowed, Refused {}

    public record Allowed(CheckedRecipient recipient) implements Check {}

    public record Refused(ContactFacts contact, Refusal reason) implements Check {}

    private final ContactFacts facts;
    private final Basis basis;

    private CheckedRecipient(ContactFacts facts, Basis basis) {
        this.facts = facts;
        this.basis = basis;
    }

    /**
     * Checks a contact against the suppression list (asked about the keyed identifier of its
     * address) and its consent; the only way to build a {@code CheckedRecipient}.
     */
    public static Check check(ContactFacts facts, Predicate<Identifier> suppressed) {
        Objects.requireNonNull(facts, "facts");
        Objects.requireNonNull(suppressed, "suppressed");
        Identifier id = Identifiers.emailOf(facts.email());
        if (suppressed.test(id)) {
            return new Refused(facts, Refusal.SUPPRESSED);
        }
        if (facts.undeliverable()) {
            return new Refused(facts, Refusal.UNDELIVERABLE);
        }
        if (facts.restricted()) {
            return new Refused(facts, Refusal.RESTRICTED);
        }
        if (facts.emailConsent() == ConsentHistory.Status.GIVEN) {
            return new Allowed(new CheckedRecipient(facts, Basis.CONSENT));
        }
        if (facts.emailConsent() == ConsentHistory.Status.WITHDRAWN) {
            return new Refused(facts, Refusal.CONSENT_WITHDRAWN);
        }
        if (facts.regularContact()) {
            return new Allowed(new CheckedRecipient(facts, Basis.REGULAR_CONTACT));
        }
        return new Refused(facts, Refusal.NO_CONSENT);
    }

    public ContactFacts facts() {
        return facts;
    }

    public Basis basis() {
        return basis;
    }

    /** The normalised address (lower case), the message's only To:. */
    public String email() {
        return Identifiers.email(facts.email());
    }

    @Override
    public String toString() {
        return "CheckedRecipient[contact " + facts.mailContactId() + ", " + basis + "]";
    }
}
