package fr.terrain.privacy;

import java.util.Objects;

/**
 * A normalised identifier of a person, as the suppression list keys it. Build them with
 * {@link Identifiers}, which normalises, so that two spellings of the same person give one value.
 */
public record Identifier(Kind kind, String normalised) {
    public enum Kind {
        EMAIL("email"), PHONE("phone"), NAME_ADDRESS("name-address"), NAME_BIRTH_DATE("name-birth-date");

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
            throw new IllegalArgumentException("identifiant inconnu : " + id);
        }
    }

    public Identifier {
        Objects.requireNonNull(kind, "kind");
        if (normalised == null || normalised.isBlank()) {
            throw new IllegalArgumentException("identifiant vide");
        }
    }
}
