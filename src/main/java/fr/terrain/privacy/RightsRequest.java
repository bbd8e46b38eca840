package fr.terrain.privacy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * A request from a person exercising a right (GDPR art. 15 to 21), with its deadline. A restriction (art. 18)
 * is in force from the day it is registered until it is lifted ({@code fr.terrain.store.Restrictions}).
 *
 * @param personId empty once the person has been erased
 * @param extendedDueOn the later deadline when extended (art. 12(3)), else null
 */
public record RightsRequest(long id, Kind kind, Optional<Long> personId, LocalDate receivedOn, String receivedVia,
        LocalDate dueOn, LocalDate extendedDueOn, String extensionReason, Status status, String refusalReason,
        String report, String createdBy, Instant createdAt, String closedBy, Instant closedAt) {

    public enum Kind {
        ACCESS("access", "accès"), RECTIFICATION("rectification", "rectification"), ERASURE("erasure", "effacement"),
        OBJECTION("objection", "opposition"), RESTRICTION("restriction", "limitation");

        private final String id;
        private final String label;

        Kind(String id, String label) {
            this.id = id;
            this.label = label;
        }

        public String id() {
            return id;
        }

        public String label() {
            return label;
        }

        public static Kind of(String id) {
            return Arrays.stream(values()).filter(k -> k.id.equals(id)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("type de demande inconnu « " + id
                            + " » ; types : access, rectification, erasure, objection, restriction"));
        }
    }

    public enum Status {
        RECEIVED("received", "reçue"), IN_PROGRESS("in-progress", "en cours"), DONE("done", "traitée"),
        REFUSED("refused", "refusée");

        private final String id;
        private final String label;

        Status(String id, String label) {
            this.id = id;
            this.label = label;
        }

        public String id() {
            return id;
        }

        public String label() {
            return label;
        }

        public boolean open() {
            return this == RECEIVED || this == IN_PROGRESS;
        }

        public static Status of(String id) {
            return Arrays.stream(values()).filter(k -> k.id.equals(id)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("statut inconnu : " + id));
        }
    }

    public RightsRequest {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(personId, "personId");
        Objects.requireNonNull(receivedOn, "receivedOn");
        Objects.requireNonNull(dueOn, "dueOn");
        Objects.requireNonNull(status, "status");
        if (status == Status.REFUSED && (refusalReason == null || refusalReason.isBlank())) {
            throw new IllegalArgumentException("un refus doit être motivé (RGPD art. 12(4))");
        }
    }

    /** The deadline in force: the extended one when there is one. */
    public LocalDate deadline() {
        return extendedDueOn != null ? extendedDueOn : dueOn;
    }

    /** Still open after its deadline day has passed. */
    public boolean overdueOn(LocalDate today) {
        return status.open() && today.isAfter(deadline());
    }
}
