package fr.terrain.field;

import fr.terrain.election.StationCode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The list's records whose address matches no BAN address, and the same grouped by listed address for a
 * person to correct: one correction ({@link AddressCorrection}, keyed by {@link AddressCorrection#key}) fixes
 * every voter registered at that address, so a page shows each address once with its number of voters.
 */
public final class UnmatchedAddresses {
    private UnmatchedAddresses() {}

    /**
     * One voter whose address matches nothing.
     *
     * @param key the listed address's key ({@link AddressCorrection#key}), which a correction is stored by
     * @param shown the address as matched: the listed one, or the corrected one when a correction applies
     * @param corrected whether a correction applies (and still matches nothing: the BAN changed since)
     */
    public record Unmatched(String key, VoterAddress shown, Match.Quality quality, boolean corrected) {}

    /**
     * The voters of one listed address that matches nothing.
     *
     * @param first the address of its voter with the lowest id (the one a correction is posted for)
     * @param voters how many voters are registered there
     * @param stations their stations, in order (empty when the list gives none)
     * @param complements how many distinct complements (apartments, staircases) they give
     */
    public record Group(String key, VoterAddress first, Match.Quality quality, boolean corrected, int voters,
            List<StationCode> stations, int complements) {}

    /** The raw fields matching reads: two voters with the same ones match the same way. */
    private record Written(String number, String streetType, String streetName, String postcode, String commune) {
        static Written of(VoterAddress v) {
            return new Written(v.number(), v.streetType(), v.streetName(), v.postcode(), v.communeCode());
        }
    }

    /**
     * The voters (in their given order) whose address, corrected when a correction is keyed to it, matches no
     * BAN address. Each distinct written address is keyed and matched once: a list holds many voters per address.
     */
    public static List<Unmatched> find(Collection<VoterAddress> listed, Map<String, AddressCorrection> corrections,
            AddressMatcher matcher) {
        record Outcome(String key, AddressCorrection correction, Match.Quality quality) {}
        // key, correction and match depend on the written fields only: each distinct one is worked out once
        Map<Written, Outcome> seen = new HashMap<>();
        List<Unmatched> out = new ArrayList<>();
        for (VoterAddress v : listed) {
            Outcome o = seen.computeIfAbsent(Written.of(v), w -> {
                String key = AddressCorrection.key(v);
                AddressCorrection c = corrections.get(key);
                return new Outcome(key, c, matcher.match(c == null ? v : c.apply(v)).quality());
            });
            if (!o.quality().matched()) {
                out.add(new Unmatched(o.key(), o.correction() == null ? v : o.correction().apply(v), o.quality(),
                        o.correction() != null));
            }
        }
        return out;
    }

    /**
     * These voters grouped by listed address, those {@code visible} only: the addresses with the most voters
     * first, then by first station and key.
     */
    public static List<Group> group(Collection<Unmatched> unmatched, Predicate<VoterAddress> visible) {
        Map<String, List<Unmatched>> byKey = new LinkedHashMap<>();
        for (Unmatched u : unmatched) {
            if (visible.test(u.shown())) {
                byKey.computeIfAbsent(u.key(), k -> new ArrayList<>()).add(u);
            }
        }
        List<Group> groups = new ArrayList<>(byKey.size());
        for (var e : byKey.entrySet()) {
            Unmatched first = e.getValue().stream().min(Comparator.comparingLong(u -> u.shown().voterId())).orElseThrow();
            Set<StationCode> stations = new TreeSet<>();
            Set<String> complements = new HashSet<>();
            for (Unmatched u : e.getValue()) {
                if (u.shown().station() != null) {
                    stations.add(u.shown().station());
                }
                if (u.shown().complement() != null) {
                    complements.add(AddressText.fold(u.shown().complement()));
                }
            }
            groups.add(new Group(e.getKey(), first.shown(), first.quality(), first.corrected(), e.getValue().size(),
                    List.copyOf(stations), complements.size()));
        }
        groups.sort(Comparator.comparingInt(Group::voters).reversed()
                .thenComparing(g -> g.stations().isEmpty() ? null : g.stations().get(0),
                        Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(Group::key));
        return groups;
    }

    /** Voters per reason, in the order of {@link Match.Quality}, over these groups. */
    public static Map<Match.Quality, Integer> byReason(Collection<Group> groups) {
        Map<Match.Quality, Integer> out = new LinkedHashMap<>();
        for (Match.Quality q : Match.Quality.values()) {
            int n = groups.stream().filter(g -> Objects.equals(g.quality(), q)).mapToInt(Group::voters).sum();
            if (n > 0) {
                out.put(q, n);
            }
        }
        return out;
    }
}
