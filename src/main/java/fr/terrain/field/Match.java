package fr.terrain.field;

/**
 * The outcome of matching one voter's address to the BAN.
 *
 * @param address the BAN address, or null when unmatched
 */
public record Match(VoterAddress voter, Address address, Quality quality) {

    /** How sure the match is, or why there is none. */
    public enum Quality {
        /** Street and number (with its bis, ter…) found. */
        EXACT(true, "exacte"),
        /** The number was found without the list's repetition index ({@code 12 bis} → {@code 12}). */
        WITHOUT_SUFFIX(true, "sans l'indice de répétition"),
        /** A range ({@code 12-14}) matched one of its numbers. */
        RANGE(true, "plage de numéros"),
        /** The list gives no street. */
        NO_ADDRESS(false, "adresse absente"),
        /** No BAN street has that name in the voter's commune. */
        UNKNOWN_STREET(false, "voie inconnue"),
        /** The street exists, not that number. */
        UNKNOWN_NUMBER(false, "numéro inconnu dans la voie");

        private final boolean matched;
        private final String label;

        Quality(boolean matched, String label) {
            this.matched = matched;
            this.label = label;
        }

        public boolean matched() {
            return matched;
        }

        /** French, for reports. */
        public String label() {
            return label;
        }
    }

    public Match {
        if (quality.matched() != (address != null)) {
            throw new IllegalArgumentException("a match has an address exactly when its quality says matched");
        }
    }

    public boolean matched() {
        return quality.matched();
    }
}
