package fr.terrain.mail;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An e-mail campaign: a template (Markdown with placeholders) sent to a segment.
 *
 * @param scheduledAt when the send may start (given in Europe/Paris time), or empty for now
 */
public record Campaign(long id, String name, String subject, String template, Segment segment, Status status,
        Optional<Instant> scheduledAt, String createdBy, Instant createdAt) {
    public enum Status {
        DRAFT("draft"), SCHEDULED("scheduled"), SENDING("sending"), FINISHED("finished");

        private final String id;

        Status(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }

        public static Status of(String id) {
            for (Status s : values()) {
                if (s.id.equals(id)) {
                    return s;
                }
            }
            throw new IllegalArgumentException("statut de campagne inconnu : " + id);
        }
    }

    public Campaign {
        if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,99}")) {
            throw new IllegalArgumentException("nom de campagne invalide (lettres, chiffres, . _ -, 100 au plus) : " + name);
        }
        if (subject == null || subject.isBlank()) {
            throw new IllegalArgumentException("la campagne n'a pas d'objet (ligne « subject: » en tête du modèle)");
        }
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(segment, "segment");
        Objects.requireNonNull(status, "status");
        scheduledAt = scheduledAt == null ? Optional.empty() : scheduledAt;
    }
}
