package fr.terrain.atlas;

import java.util.Map;

/**
 * What the indicators of one station are computed from.
 *
 * @param counts its count in the round shown, or null when it has none
 * @param profile figures derived for the station: INSEE figures interpolated to it (by INSEE code),
 *     and the targeting plan's ({@code plan:score}, …)
 */
public record StationInputs(Counts counts, Map<String, Double> profile) {
    public StationInputs {
        profile = Map.copyOf(profile);
    }
}
