package fr.terrain.targeting;

import java.util.Map;
import java.util.TreeMap;

/**
 * Volunteer hours to allocate: a total, optionally with a ceiling per sector; or a fixed number of
 * hours per sector (each sector's hours stay in the sector), which a ceiling, when given too, bounds.
 *
 * @param sectorCaps sector → most hours it may receive (sectors not named are unlimited), whether the hours come from
 *     the total or from {@code perSector}
 * @param perSector sector → hours to spend there; when not empty, {@code total} is their sum
 */
public record Budget(double total, Map<String, Double> sectorCaps, Map<String, Double> perSector) {
    public Budget {
        sectorCaps = Map.copyOf(sectorCaps == null ? Map.of() : sectorCaps);
        perSector = Map.copyOf(perSector == null ? Map.of() : perSector);
        if (!perSector.isEmpty()) {
            total = perSector.values().stream().mapToDouble(Double::doubleValue).sum();
        }
        if (!(total >= 0) || !Double.isFinite(total)) {
            throw new IllegalArgumentException("le nombre d'heures doit être ≥ 0, trouvé " + total);
        }
        for (var e : sectorCaps.entrySet()) {
            if (!(e.getValue() >= 0)) {
                throw new IllegalArgumentException("plafond négatif pour le secteur " + e.getKey());
            }
        }
        for (var e : perSector.entrySet()) {
            if (!(e.getValue() >= 0)) {
                throw new IllegalArgumentException("heures négatives pour le secteur " + e.getKey());
            }
        }
    }

    public static Budget total(double hours) {
        return new Budget(hours, Map.of(), Map.of());
    }

    public static Budget perSector(Map<String, Double> hours) {
        return new Budget(0, Map.of(), new TreeMap<>(hours));
    }

    public Budget withSectorCaps(Map<String, Double> caps) {
        return new Budget(total, caps, perSector);
    }
}
