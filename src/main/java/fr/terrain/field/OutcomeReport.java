package fr.terrain.field;

import java.time.Instant;
import java.util.Objects;

/**
 * One door's outcome as a phone sends it. {@code clientId} is generated on the phone: sending the
 * same report again (a retry, a duplicated batch) must never record it twice.
 *
 * @param supportLevel 1 to 5, a political opinion: only with the person's consent ({@code noticeVersion}
 *     read to them, {@code consentGivenAt}), and only at a door that opened (nor consent at another)
 * @param recordedAt when the canvasser recorded it on the phone
 */
public record OutcomeReport(String clientId, long turfId, String doorId, DoorOutcome outcome, String topic,
        Integer supportLevel, String noticeVersion, Instant consentGivenAt, Instant recordedAt) {
    /** A client id: 1 to 64 letters, digits, {@code -} or {@code _} (a UUID fits). */
    public static final String CLIENT_ID = "[A-Za-z0-9_-]{1,64}";

    public OutcomeReport {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(doorId, "doorId");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(recordedAt, "recordedAt");
        if (!clientId.matches(CLIENT_ID)) {
            throw new IllegalArgumentException("client_id : 1 à 64 lettres, chiffres, - ou _");
        }
        if (supportLevel != null && (supportLevel < 1 || supportLevel > 5)) {
            throw new IllegalArgumentException("support_level : de 1 à 5");
        }
        if (supportLevel != null && (noticeVersion == null || consentGivenAt == null)) {
            throw new IllegalArgumentException("support_level sans consentement : la personne doit consentir après"
                    + " la lecture de la mention (consent.notice_version, consent.given_at)");
        }
        if ((supportLevel != null || noticeVersion != null || consentGivenAt != null) && outcome != DoorOutcome.OPENED) {
            throw new IllegalArgumentException("support_level et consentement : seulement quand la porte s'est ouverte"
                    + " (outcome opened), pas avec « " + outcome.label() + " »");
        }
        if (topic != null && topic.length() > 100) {
            throw new IllegalArgumentException("topic : 100 caractères au plus");
        }
    }

    /** Whether the report carries an opinion (and so a consent). */
    public boolean hasOpinion() {
        return supportLevel != null;
    }
}
