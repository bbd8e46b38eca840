package fr.terrain.election;

import java.util.Objects;

/**
 * A polling station whose contour Terrain drew itself from the addresses of its electors, where the commune publishes
 * none: an approximation, never to be shown as an official contour.
 *
 * @param electorAddresses the addresses of electors INSEE's REU places in this bureau (Σ {@code nb_adresses}): a count
 *     of addresses, not of electors
 */
public record DerivedStation(PollingStation station, long electorAddresses) {
    /** How the store marks a contour drawn from INSEE's REU addresses (column {@code station.contour_origin}). */
    public static final String REU_ORIGIN = "reu-adresses";

    public DerivedStation {
        Objects.requireNonNull(station, "station");
        if (electorAddresses < 0) {
            throw new IllegalArgumentException("nombre d'adresses négatif pour " + station.code());
        }
    }
}
