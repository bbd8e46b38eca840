package fr.terrain.field;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Match counts of one import of an electoral list: voters matched (by quality) and unmatched (by
 * reason).
 */
public record MatchReport(long importId, long voters, Map<Match.Quality, Long> byQuality) {

    public MatchReport {
        byQuality = Collections.unmodifiableMap(new EnumMap<>(byQuality));
    }

    public long matched() {
        return byQuality.entrySet().stream().filter(e -> e.getKey().matched()).mapToLong(Map.Entry::getValue).sum();
    }

    /** Matched share, 0–1 (1 when there are no voters). */
    public double rate() {
        return voters == 0 ? 1 : (double) matched() / voters;
    }

    public long count(Match.Quality q) {
        return byQuality.getOrDefault(q, 0L);
    }

    /** One report per import, by import id. */
    public static List<MatchReport> perImport(List<Match> matches) {
        Map<Long, Map<Match.Quality, Long>> counts = new TreeMap<>();
        for (Match m : matches) {
            counts.computeIfAbsent(m.voter().importId(), k -> new EnumMap<>(Match.Quality.class))
                    .merge(m.quality(), 1L, Long::sum);
        }
        List<MatchReport> out = new ArrayList<>();
        counts.forEach((id, q) -> out.add(new MatchReport(id, q.values().stream().mapToLong(Long::longValue).sum(), q)));
        return out;
    }
}
