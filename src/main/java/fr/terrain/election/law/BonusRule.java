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
     * the municipal councils of Lyon and Marseille: "Pour l'application de l'article L. 262 à
     * l'élection du conseil de Paris ou du conseil municipal, le nombre de sièges attribués à la
     * liste qui a recueilli la majorité absolue des suffrages exprimés au premier tour ou à la liste
     * qui a obtenu le plus de voix au second tour est égal au quart du nombre des sièges à pourvoir,
     * arrondi, le cas échéant, à l'entier supérieur." (text adopted in nouvelle lecture and adopted
     * definitively on 10 July 2025, as read in the Sénat on 9 July 2025, senat.fr séance
     * s20250709013). A quarter, rounded up: 163 → 41, 73 → 19, 101 → 26; exact quarters need no
     * rounding (8 → 2).
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
