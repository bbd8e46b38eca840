package fr.terrain.privacy;

import java.time.Instant;
import java.util.Objects;

/**
 * One line of the consent ledger: a consent given or withdrawn, with its proof. Lines are only
 * ever appended; the state on a date is read from them ({@link ConsentHistory}).
 *
 * @param effectiveAt when the person gave or withdrew it
 * @param method how: paper-form, web-form, canvass, phone, letter, unsubscribe, sms-stop…
 * @param noticeVersion the version of the notice shown to the person; required when given
 * @param scope what the consent covers beyond the channel (the time slot of automated calls), or null
 * @param evidence where the proof is kept (form number, message id), or null
 * @param recordedBy the account (or CLI user) who recorded it
 */
public record ConsentEvent(long id, ConsentChannel channel, Kind kind, Instant effectiveAt, String method,
        String noticeVersion, String scope, String evidence, String recordedBy, Instant recordedAt) {

    public enum Kind {
        GIVEN("given"), WITHDRAWN("withdrawn");

        private final String id;

        Kind(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }

        public static Kind of(String id) {
            for (Kind k : values()) {
                if (k.id.equals(id)) {
                    return k;
                }
            }
            throw new IllegalArgumentException("événement de consentement inconnu : " + id);
        }
    }

    public ConsentEvent {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(effectiveAt, "effectiveAt");
        Objects.requireNonNull(recordedAt, "recordedAt");
        if (method == null || !method.matches("[a-z][a-z0-9-]{1,39}")) {
            throw new IllegalArgumentException("moyen de recueil invalide (ex. paper-form, web-form, canvass, phone,"
                    + " letter, unsubscribe, sms-stop) : " + method);
        }
        if (recordedBy == null || recordedBy.isBlank()) {
            throw new IllegalArgumentException("qui enregistre le consentement doit être connu");
        }
        if (kind == Kind.GIVEN && (noticeVersion == null || noticeVersion.isBlank())) {
            throw new IllegalArgumentException("un consentement donné doit citer la version de la mention d'information"
                    + " montrée à la personne");
        }
        if (effectiveAt.isAfter(recordedAt.plusSeconds(60))) {
            throw new IllegalArgumentException("un consentement ne peut pas être enregistré avant d'avoir été donné ("
                    + effectiveAt + " après " + recordedAt + ")");
        }
    }
}
