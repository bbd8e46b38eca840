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
        DRAFT("draft", "brouillon"), SCHEDULED("scheduled", "programmée"), SENDING("sending", "en cours d'envoi"),
        FINISHED("finished", "terminée");

        private final String id;
        private final String label;

        Status(String id, String label) {
            this.id = id;
            this.label = label;
        }

        public String id() {
            return id;
        }

        /** The state in words, as the campaigns page writes it: « terminée ». */
        public String label() {
            return label;
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
        // a name is typed in commands and addresses (/campagnes/NAME/suivi): letters (accented too), digits, . _ -
        if (name == null || !name.matches("[\\p{L}\\p{N}][\\p{L}\\p{N}._-]{0,99}")) {
            throw new IllegalArgumentException("nom de campagne invalide : « " + name + " » (lettres, accents compris,"
                    + " chiffres, . _ - sans espace, 100 caractères au plus ; par ex. rentrée-2026)");
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
