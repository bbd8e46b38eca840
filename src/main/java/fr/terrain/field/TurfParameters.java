package fr.terrain.field;

/**
 * What a turf should be and how time and distance are counted. Defaults: 80 doors a turf (about two
 * hours), sizes within ±20 % of the station's mean turf, 1.2 minutes a door, walking at 4.5 km/h,
 * a detour factor of 1.3 between streets and 15 m to cross a street. Sources and reasons:
 * docs/field.md.
 *
 * @param doorsPerTurf the target size: a station of N doors gets round(N / target) turfs (at least one)
 * @param maxDoors a hard cap on a turf's doors (turfs are then ceil(N / (0.95 × cap))), or 0 for none
 * @param tolerance turf sizes stay within ± this share of the station's mean turf size
 * @param minutesPerDoor time at one door (knock, wait, talk, note)
 * @param metresPerMinute walking speed
 * @param detourFactor straight line × this = walking distance between two streets (no street network)
 * @param crossingMetres the cost of crossing a street to its other side
 */
public record TurfParameters(int doorsPerTurf, int maxDoors, double tolerance, double minutesPerDoor,
        double metresPerMinute, double detourFactor, double crossingMetres) {

    public static final TurfParameters DEFAULTS = new TurfParameters(80, 0, 0.2, 1.2, 75, 1.3, 15);

    public TurfParameters {
        if (doorsPerTurf < 1) {
            throw new IllegalArgumentException("une tournée compte au moins une porte");
        }
        if (maxDoors < 0 || (maxDoors > 0 && maxDoors < doorsPerTurf)) {
            throw new IllegalArgumentException("le plafond de portes doit être au moins la taille visée");
        }
        if (!(tolerance >= 0 && tolerance < 1)) {
            throw new IllegalArgumentException("tolérance entre 0 et 1");
        }
        if (!(minutesPerDoor >= 0) || !(metresPerMinute > 0) || !(detourFactor >= 1) || !(crossingMetres >= 0)) {
            throw new IllegalArgumentException("paramètres de marche invalides");
        }
    }

    public TurfParameters withDoorsPerTurf(int doors) {
        return new TurfParameters(doors, maxDoors == 0 ? 0 : Math.max(maxDoors, doors), tolerance, minutesPerDoor,
                metresPerMinute, detourFactor, crossingMetres);
    }

    /** Turfs of at most {@code cap} doors, as many as needed and balanced: the vehicle-routing formulation. */
    public TurfParameters withCap(int cap) {
        return new TurfParameters(cap, cap, tolerance, minutesPerDoor, metresPerMinute, detourFactor, crossingMetres);
    }

    public TurfParameters withMinutesPerDoor(double minutes) {
        return new TurfParameters(doorsPerTurf, maxDoors, tolerance, minutes, metresPerMinute, detourFactor, crossingMetres);
    }

    public TurfParameters withMetresPerMinute(double speed) {
        return new TurfParameters(doorsPerTurf, maxDoors, tolerance, minutesPerDoor, speed, detourFactor, crossingMetres);
    }

    /** How many turfs N doors make. */
    public int turfCount(int doors) {
        if (doors == 0) {
            return 0;
        }
        // under a cap, 5 % headroom: turfs all filled to the brim leave a balanced cut no room
        return maxDoors > 0 ? (int) Math.ceil(doors / (0.95 * maxDoors))
                : Math.max(1, (int) Math.round((double) doors / doorsPerTurf));
    }

    /** Minutes to walk this far and knock on this many doors. */
    public double minutes(double walkingMetres, int doors) {
        return walkingMetres / metresPerMinute + doors * minutesPerDoor;
    }
}
