package fr.terrain.election.simulation;

import fr.terrain.election.law.Ballot;
import fr.terrain.election.law.ListResult;
import fr.terrain.election.law.Sector;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * What the simulation believes about the next round 1: each sector's expected count, and how far
 * the result may stray from it. A draw moves every list's share by
 * {@code sqrt(4·p·(1−p)) · (swing of its camp + sector noise)}, both normal with mean 0: the
 * swing is drawn once per camp and shared by all sectors, the noise once per list and sector.
 * Standard deviations are in percentage points for a list at 50 %; a list at 20 % moves 0.8 times
 * as much, one at 5 % 0.44 times, so that small lists do not jump from nothing (binomial scaling).
 * Negative shares are set to 0 and the lists' total is kept.
 *
 * @param swing standard deviation of the city-wide swing of each camp, points
 * @param sectorNoise standard deviation of each list's own move in each sector, points
 * @param parameterSource how the two deviations were chosen, for the report
 * @param catchAll the camp gathering the lists of no named camp ({@link Camps#catchAll()}), or null
 * @param cityWideSeats 0 when the council is the sum of the sectors' council seats (1982 law);
 *     else the size of a council elected city-wide (2025 law, quarter bonus), the sectors then
 *     electing their arrondissement councils only
 */
public record VoteModel(String system, List<SectorCount> sectors, double swing, double sectorNoise,
        String parameterSource, String catchAll, int cityWideSeats) {

    /** Defaults when no second election is at hand: see docs/simulation.md. */
    public static final double DEFAULT_SWING = 3.0;
    public static final double DEFAULT_SECTOR_NOISE = 2.0;

    public VoteModel {
        Objects.requireNonNull(system, "system");
        sectors = List.copyOf(sectors);
        if (sectors.isEmpty()) {
            throw new IllegalArgumentException("aucun secteur à simuler");
        }
        requireDeviation(swing, "l'écart-type du mouvement d'ensemble (--swing)");
        requireDeviation(sectorNoise, "l'écart-type propre aux secteurs (--sector-noise)");
        Objects.requireNonNull(parameterSource, "parameterSource");
        if (cityWideSeats < 0) {
            throw new IllegalArgumentException("taille du conseil négative : " + cityWideSeats);
        }
    }

    /** A model of the 1982 law: the council is the sum of the sectors' council seats. */
    public VoteModel(String system, List<SectorCount> sectors, double swing, double sectorNoise, String parameterSource,
            String catchAll) {
        this(system, sectors, swing, sectorNoise, parameterSource, catchAll, 0);
    }

    /**
     * The same counts under the 2025 law: a council of {@code seats} elected city-wide, each camp
     * standing as one city-wide list.
     */
    public VoteModel cityWide(String newSystem, int seats) {
        if (seats < 1) {
            throw new IllegalArgumentException("le conseil doit avoir au moins un siège");
        }
        return new VoteModel(newSystem, sectors, swing, sectorNoise, parameterSource, catchAll, seats);
    }

    public boolean isCityWide() {
        return cityWideSeats > 0;
    }

    /**
     * The model of sector ballots counted by the law engine ({@code SectorBallots.bySector}), each
     * list put in its camp.
     */
    public static VoteModel of(String system, Map<Sector, Ballot> ballots, Function<String, String> campOf,
            double swing, double sectorNoise, String parameterSource, String catchAll) {
        List<SectorCount> out = new ArrayList<>();
        ballots.forEach((sector, ballot) -> {
            List<SectorCount.ListCount> lists = new ArrayList<>();
            for (ListResult l : ballot.lists()) {
                if (l.votes() > 0) {
                    lists.add(new SectorCount.ListCount(l.list(), campOf.apply(l.list()), l.votes()));
                }
            }
            out.add(new SectorCount(sector, ballot.expressed(), lists));
        });
        return new VoteModel(system, out, swing, sectorNoise, parameterSource, catchAll);
    }

    public VoteModel withDeviations(double newSwing, double newSectorNoise, String source) {
        return new VoteModel(system, sectors, newSwing, newSectorNoise, source, catchAll, cityWideSeats);
    }

    /** Camps by decreasing votes over the city (the order of every report). */
    public List<String> camps() {
        Map<String, Long> votes = new LinkedHashMap<>();
        sectors.forEach(s -> s.lists().forEach(l -> votes.merge(l.camp(), l.votes(), Long::sum)));
        List<String> out = new ArrayList<>(new LinkedHashSet<>(votes.keySet()));
        out.sort((a, b) -> {
            int c = Long.compare(votes.get(b), votes.get(a));
            return c != 0 ? c : a.compareTo(b);
        });
        return out;
    }

    public int councilSeats() {
        if (isCityWide()) {
            return cityWideSeats;
        }
        return sectors.stream().mapToInt(s -> s.sector().councilSeats()).sum();
    }

    /** Seats needed for an absolute majority of the council: more than half (82 of 163). */
    public int majority() {
        return councilSeats() / 2 + 1;
    }

    private static void requireDeviation(double sd, String what) {
        if (!(sd >= 0 && sd <= 50)) {
            throw new IllegalArgumentException(what + " doit être entre 0 et 50 points, trouvé " + sd);
        }
    }
}
