package fr.terrain.election.law;

/** How many seats the majority bonus (prime majoritaire) is. */
public sealed interface BonusRule {

    int seats(int seatsTotal);

    /** A short French description, for reports. */
    String description();

    /**
     * Code électoral art. L.262 al. 1 and 2: half the seats, rounded up when there are more than
     * four seats and down when there are fewer than four; with exactly four, half is 2 and no
     * rounding is needed.
     */
    record Half() implements BonusRule {
        @Override
        public int seats(int seatsTotal) {
            requirePositive(seatsTotal);
            return seatsTotal > 4 ? (seatsTotal + 1) / 2 : seatsTotal / 2;
        }

        @Override
        public String description() {
            return "moitié des sièges (art. L.262)";
        }
    }

    /**
     * Code électoral art. L.272-4-1 (loi n° 2025-795 du 11 août 2025) for the Conseil de Paris and
     * the municipal councils of Lyon and Marseille: a quarter of the seats. Rounded up here (163 →
     * 41, the figure reported for Paris); see docs/electoral-law.md on what was checked.
     */
    record Quarter() implements BonusRule {
        @Override
        public int seats(int seatsTotal) {
            requirePositive(seatsTotal);
            return (seatsTotal + 3) / 4;
        }

        @Override
        public String description() {
            return "quart des sièges (art. L.272-4-1)";
        }
    }

    private static void requirePositive(int seatsTotal) {
        if (seatsTotal < 1) {
            throw new IllegalArgumentException("il faut au moins un siège à pourvoir, trouvé " + seatsTotal);
        }
    }
}
