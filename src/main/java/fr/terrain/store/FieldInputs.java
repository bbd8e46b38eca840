package fr.terrain.store;

import fr.terrain.election.Election;
import fr.terrain.election.PollingStation;
import fr.terrain.election.StationCode;
import fr.terrain.field.AddressCorrection;
import fr.terrain.field.AddressMatcher;
import fr.terrain.field.ContourPlacement;
import fr.terrain.field.Door;
import fr.terrain.field.Households;
import fr.terrain.field.Match;
import fr.terrain.field.Start;
import fr.terrain.field.Turf;
import fr.terrain.targeting.TopicRules;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What {@code doors}, {@code turfs} and the page « Découper des tournées » read: a contest's voter
 * addresses matched to the BAN (addresses only, never names), and for a cut the chosen stations'
 * doors, polling places and top topics.
 */
public final class FieldInputs {
    private FieldInputs() {}

    /**
     * @param placedByContour the voters placed by the contour their address lies in ({@link ContourPlacement}), whose
     *     match carries the station so found
     * @param vintages the vintages of the stations whose contours place them ({@link Geography#placingStations}),
     *     oldest first; empty when none
     */
    public record Matched(String contest, int addresses, List<Match> matches, Set<Long> placedByContour,
            List<Integer> vintages) {}

    /**
     * The chosen stations' doors, in the order they were asked.
     *
     * @param places each station's polling station, from the stations that placed its doors ({@link
     *     Geography#placingStations}: the contest's vintage), else from the newest vintage that has it
     * @param topics each station's top topic, as the targeting plan computes it
     * @param matches the chosen stations' voters, those placed by contour included
     * @param doorsPlacedByContour the doors whose station only voters placed by contour give (approximate)
     */
    public record Stations(String contest, Map<StationCode, List<Door>> doors, Map<StationCode, PollingStation> places,
            Map<StationCode, TopicRules.TopicMatch> topics, List<Match> matches, Set<String> doorsPlacedByContour) {

        /** The chosen stations' voters whose address matches no BAN address (they are in no turf). */
        public long unmatched() {
            return matches.stream().filter(m -> !m.matched()).count();
        }

        /** How many of the turf's doors have their station by contour, not from the list. */
        public long placedByContour(Turf t) {
            return t.walk().stream().filter(d -> doorsPlacedByContour.contains(d.id())).count();
        }

        /**
         * What a cut of these stations is made of — each door (address, station, voters), the polling places, the
         * topics, the doors placed by contour —, as a value that changes when any of it does and only then: a page
         * saving the cut it showed checks it is the same (a correction or an objection elsewhere in the city made an
         * organizer's preview of their own stations unsavable: found by a crawl).
         */
        public String fingerprint() {
            StringBuilder b = new StringBuilder(contest);
            doors.forEach((code, list) -> {
                b.append('\n').append(code);
                list.forEach(d -> b.append('|').append(d.id()).append(',').append(d.label()).append(',')
                        .append(d.station()).append(',').append(d.voters()).append(',').append(d.address().lon())
                        .append(',').append(d.address().lat()));
            });
            starts().forEach((code, st) -> b.append('\n').append(code).append(':').append(st));
            topics.forEach((code, t) -> b.append('\n').append(code).append(':').append(t));
            b.append('\n').append(new java.util.TreeSet<>(doorsPlacedByContour));
            return fr.terrain.account.Secrets.sha256(b.toString());
        }

        /** The chosen stations without a door (unknown codes, or no matched voter). */
        public List<StationCode> empty() {
            return doors.entrySet().stream().filter(e -> e.getValue().isEmpty()).map(Map.Entry::getKey).toList();
        }

        /** The polling places of the stations whose contours give one: where their turfs start. */
        public Map<StationCode, Start> starts() {
            Map<StationCode, Start> starts = new LinkedHashMap<>();
            places.forEach((code, st) -> {
                if (st.location() != null) {
                    starts.put(code, new Start("lieu de vote " + code + Optional.ofNullable(st.placeName())
                            .map(n -> " : " + n).orElse(""), st.location().getX(), st.location().getY()));
                }
            });
            return starts;
        }

        /** Each turf's talking point, by turf number, for the turfs that have one (what a saved plan keeps). */
        public Map<Integer, TopicRules.TopicMatch> talkingPoints(List<Turf> turfs) {
            Map<Integer, TopicRules.TopicMatch> out = new LinkedHashMap<>();
            for (Turf t : turfs) {
                TopicRules.TopicMatch topic = topicOf(t);
                if (topic != null) {
                    out.put(t.number(), topic);
                }
            }
            return out;
        }

        /** The topic of the station holding most of the turf's doors (first in its station list on a tie), or null. */
        public TopicRules.TopicMatch topicOf(Turf t) {
            Map<StationCode, Integer> count = new LinkedHashMap<>();
            t.stations().forEach(c -> count.put(c, 0));
            t.walk().forEach(d -> count.merge(d.station(), 1, Integer::sum));
            return count.entrySet().stream().filter(e -> e.getKey() != null)
                    .max(Comparator.comparingInt(Map.Entry::getValue)).map(e -> topics.get(e.getKey())).orElse(null);
        }
    }

    /** The asked contest when voters were imported for it, else the latest imported list's. */
    public static String contest(Store s, String asked) {
        List<String> contests = FieldData.contests(s);
        if (asked != null) {
            if (!contests.contains(asked)) {
                throw new StoreException("aucun électeur importé pour « " + asked + " » ; scrutins avec électeurs : "
                        + (contests.isEmpty() ? "aucun (terrain import voters …)" : String.join(", ", contests)));
            }
            return asked;
        }
        if (contests.isEmpty()) {
            throw new StoreException("aucune liste électorale importée (terrain import voters …, ou terrain demo)");
        }
        return contests.get(0);
    }

    private static final String NO_ADDRESS = "aucune adresse BAN importée (terrain import addresses adresses-75.csv)";

    /**
     * What the store's cuts are made of, as a value that changes when any of it does: the imports, the voter rows, the
     * corrections of addresses. A cut checks nothing changed while it read its inputs ({@link Stations#fingerprint}
     * says whether one cut's inputs changed).
     */
    public static String version(Store s) {
        return Geography.dataVersion(s) + ":" + FieldData.votersVersion(s) + ":" + AddressCorrections.all(s).hashCode();
    }

    /**
     * The stations' voters (all of them when {@code stations} is empty) matched to the BAN, corrections first, those
     * the list does not place placed by contour.
     */
    public static Matched match(Store s, String askedContest, Collection<StationCode> stations) {
        String contest = contest(s, askedContest);
        var addresses = Geography.addresses(s);
        if (addresses.isEmpty()) {
            throw new StoreException(NO_ADDRESS);
        }
        Found f = placedMatches(s, contest, stations, AddressMatcher.of(addresses));
        return new Matched(contest, addresses.size(), f.matches(), f.placedByContour(),
                f.placing().stream().map(PollingStation::vintage).distinct().sorted().toList());
    }

    /** Matched voters, those placed by contour, and the stations whose contours placed them. */
    private record Found(List<Match> matches, Set<Long> placedByContour, List<PollingStation> placing) {}

    /**
     * The voters of {@code stations} (all when empty) matched, with those the list does not place (no bureau, or one
     * the stations lack) placed by the contours of their commune's stations for the contest's election ({@link
     * Geography#placingStations}, {@link ContourPlacement}; the list's bureau wins where it names one of them). With
     * {@code stations}, only the voters that end up in them.
     */
    private static Found placedMatches(Store s, String contest, Collection<StationCode> stations, AddressMatcher matcher) {
        List<Election> rounds = Elections.rounds(s, contest);
        List<PollingStation> placing = rounds.isEmpty() ? List.of() : Geography.placingStations(s, rounds.get(0));
        ContourPlacement placement = new ContourPlacement(placing);
        List<StationCode> loaded = new ArrayList<>(stations);
        List<String> communes = new ArrayList<>();
        if (!stations.isEmpty()) { // with them, the voters the contours may place in them
            Set<Integer> areas = new HashSet<>();
            stations.forEach(c -> areas.add(c.area()));
            for (StationCode listed : FieldData.listedStations(s, contest, areas)) {
                if (!loaded.contains(listed) && placement.places(listed.area(), listed)) {
                    loaded.add(listed);
                }
            }
            for (String commune : FieldData.communesWithoutStation(s, contest)) {
                Integer area = ContourPlacement.area(null, commune);
                if (areas.contains(area) && placement.places(area, null)) {
                    communes.add(commune);
                }
            }
        }
        // the corrections made on the page of unmatched records apply first (docs/field.md)
        List<Match> matches = matcher.matchAll(AddressCorrection.applyAll(FieldData.voterAddresses(s, contest, loaded,
                communes), AddressCorrections.all(s)));
        ContourPlacement.Placed placed = placement.place(matches);
        List<Match> kept = stations.isEmpty() ? placed.matches() : placed.matches().stream()
                .filter(m -> m.voter().station() != null && stations.contains(m.voter().station())).toList();
        return new Found(kept, placed.placed(), placing);
    }

    /** The chosen stations' doors, polling places and top topics (by {@code rules}), for a cut. */
    public static Stations stations(Store s, String askedContest, List<StationCode> codes, TopicRules rules) {
        return stations(s, askedContest, codes, rules, AddressMatcher.of(Geography.addresses(s)));
    }

    /**
     * The same with a matcher of the store's current BAN addresses (built in seconds at Paris scale: a caller that
     * cuts often keeps one while {@link Geography#dataVersion} stays the same).
     */
    public static Stations stations(Store s, String askedContest, List<StationCode> codes, TopicRules rules,
            AddressMatcher matcher) {
        String contest = contest(s, askedContest);
        if (matcher.isEmpty()) {
            throw new StoreException(NO_ADDRESS);
        }
        Found matched = placedMatches(s, contest, codes, matcher);
        Map<StationCode, List<Door>> doors = new LinkedHashMap<>();
        codes.forEach(c -> doors.put(c, new ArrayList<>()));
        Households.Built built = Households.build(matched.matches(), matched.placedByContour());
        for (Door d : built.doors()) {
            if (d.station() != null && doors.containsKey(d.station())) {
                doors.get(d.station()).add(d);
            }
        }
        // the polling place of the stations that placed the doors, the vintage the contest's contours come from
        Map<StationCode, PollingStation> places = new LinkedHashMap<>();
        matched.placing().stream().filter(st -> doors.containsKey(st.code())).forEach(st -> places.put(st.code(), st));
        // a code they lack still has doors when the list names it and no contour places its voters elsewhere (ADR
        // 0029), or when only vintages newer than the contest are imported (none places): the newest vintage holding
        // the code gives the only polling place known for it
        List<Integer> vintages = Geography.stationVintages(s);
        for (int i = vintages.size() - 1; i >= 0 && places.size() < doors.size(); i--) {
            for (PollingStation st : Geography.stations(s, vintages.get(i))) {
                if (doors.containsKey(st.code())) {
                    places.putIfAbsent(st.code(), st);
                }
            }
        }
        return new Stations(contest, doors, places, topics(s, places, rules), matched.matches(),
                built.byContour());
    }

    /**
     * The top topic of each station, as the targeting plan computes it (TopicRules over the INSEE figures carried
     * onto the stations of the contours vintage each station was found in: the city whose medians compare).
     */
    private static Map<StationCode, TopicRules.TopicMatch> topics(Store s, Map<StationCode, PollingStation> places,
            TopicRules rules) {
        Map<StationCode, TopicRules.TopicMatch> out = new LinkedHashMap<>();
        for (int vintage : places.values().stream().map(PollingStation::vintage).distinct().toList()) {
            TargetingData.topics(s, Geography.stations(s, vintage), rules).forEach((code, list) -> {
                PollingStation place = places.get(code);
                if (place != null && place.vintage() == vintage && !list.isEmpty()) {
                    out.put(code, list.get(0));
                }
            });
        }
        return out;
    }
}
