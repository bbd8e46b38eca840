package fr.terrain.atlas;

/** How an indicator's figures read. */
public enum Unit {
    /** People or ballots. */
    COUNT,
    /** A share, 0 to 100. */
    PERCENT,
    /** A difference of two shares, in percentage points. */
    POINTS,
    /** Money, in euros. */
    EUROS,
    /** Any other figure. */
    NUMBER,
    /** A category (a station's leading topic): the figure is the index of its label. */
    CATEGORY;

    /** The unit of the difference of two figures in this unit. */
    public Unit difference() {
        return this == PERCENT ? POINTS : this;
    }
}
