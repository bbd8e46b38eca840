package fr.terrain.field;

/**
 * Door-to-door progress of one group (a station, a sector, a turf, a volunteer).
 *
 * @param doors the group's doors (a volunteer's: the doors of the turfs assigned to them)
 * @param knocked doors with at least one outcome (a volunteer's: doors they recorded)
 * @param covered doors counted in the coverage: {@code knocked}, except for a volunteer, where it is
 *     only the doors of their own turfs they recorded
 * @param visits outcome rows (a door visited twice counts twice)
 * @param opened visits where someone opened: contacts
 */
public record Tally(String key, String label, long doors, long knocked, long covered, long visits, long opened,
        long refused, long leaflets, long absent, long comeBack) {
    /** Doors with an outcome over doors, in [0, 1]; null when there is no door. */
    public Double coverage() {
        return doors == 0 ? null : Math.min(1.0, (double) covered / doors);
    }

    /** The sum of several tallies (a total line). */
    public static Tally total(String label, Iterable<Tally> rows) {
        long[] s = new long[9];
        for (Tally t : rows) {
            s[0] += t.doors;
            s[1] += t.knocked;
            s[2] += t.covered;
            s[3] += t.visits;
            s[4] += t.opened;
            s[5] += t.refused;
            s[6] += t.leaflets;
            s[7] += t.absent;
            s[8] += t.comeBack;
        }
        return new Tally("total", label, s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7], s[8]);
    }
}
