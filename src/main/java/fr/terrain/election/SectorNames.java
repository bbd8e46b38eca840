package fr.terrain.election;

import java.util.Collection;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * How a sector ({@link SectorCodes}) is written for people, the one place that says it: an arrondissement by its
 * ordinal (« 12e arrondissement », in a list « 12e »), a commune by its name when one is known (« Concarneau
 * (29039) », from the BAN's {@code nom_commune}), else by its code (« commune 29039 »).
 *
 * @param communes the communes whose names are known, by sector
 */
public record SectorNames(Map<Integer, Commune> communes) {
    /** No commune name known: communes are written by their code. */
    public static final SectorNames NONE = new SectorNames(Map.of());

    /** A commune's INSEE code as written ({@code 2A004}) and its name. */
    public record Commune(String code, String name) {}

    public SectorNames {
        communes = Map.copyOf(communes);
    }

    /** « 12e arrondissement », « Concarneau (29039) », « commune 29039 ». */
    public String of(int sector) {
        return SectorCodes.isArrondissement(sector) ? Ordinal.of(sector) + " arrondissement" : commune(sector);
    }

    /** As {@link #of}, an arrondissement by its ordinal alone (« 12e »), as tables and lists write it. */
    public String brief(int sector) {
        return SectorCodes.isArrondissement(sector) ? Ordinal.of(sector) : commune(sector);
    }

    /** « 11e, 12e, Concarneau (29039) »: {@link #brief} of each, in order. */
    public String list(Collection<Integer> sectors) {
        return new TreeSet<>(sectors).stream().map(this::brief).collect(Collectors.joining(", "));
    }

    /**
     * Where, after a verb: « dans le 12e arrondissement », « dans le 12e et le 20e arrondissement », « à Concarneau
     * (29039) », « dans la commune 29039 »; arrondissements and communes together, each its own phrase joined by « et ».
     */
    public String in(Collection<Integer> sectors) {
        TreeSet<Integer> sorted = new TreeSet<>(sectors);
        if (sorted.stream().allMatch(SectorCodes::isArrondissement)) {
            return "dans le " + sorted.stream().map(Ordinal::of).collect(Collectors.joining(" et le ")) + " arrondissement";
        }
        return sorted.stream().map(s -> SectorCodes.isArrondissement(s) ? "dans le " + of(s)
                : communes.containsKey(s) ? "à " + commune(s) : "dans la " + commune(s)).collect(Collectors.joining(" et "));
    }

    private String commune(int sector) {
        Commune c = communes.get(sector);
        // the code as INSEE writes it (01001, not 1001), so that it can be typed back; Corsica's 2A004 shows as 20004
        return c == null ? "commune " + String.format(java.util.Locale.ROOT, "%05d", sector) : c.name() + " (" + c.code() + ")";
    }
}
