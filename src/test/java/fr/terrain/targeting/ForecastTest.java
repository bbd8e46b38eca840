package fr.terrain.targeting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import fr.terrain.election.Candidacy;
import fr.terrain.election.StationCode;
import fr.terrain.election.StationResult;
import fr.terrain.geo.Crosswalk;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;

/** The out-of-time scores, on cases worked by hand. */
class ForecastTest {
    static final Candidacy OURS = Candidacy.named("Mme A");
    static final Candidacy OTHER = Candidacy.named("M. B");
    static final Bloc BLOC = new Bloc("gauche", Map.of("e", List.of("Mme A")), Map.of());
    static final GeometryFactory GEOMETRY = new GeometryFactory();

    @Test
    void spearmanGivesTiedValuesTheirMeanRank() {
        // ranks {1, 2.5, 2.5, 4} and {1, 3, 2, 4}: Σ products of deviations 4.5, Σ squares 4.5 and 5,
        // ρ = 4.5 / √22.5 = 0.948683 (python3: same)
        assertThat(Forecast.spearman(new double[] {1, 2, 2, 4}, new double[] {1, 3, 2, 4})).isCloseTo(0.948683, within(1e-6));
        // equal but for the last bits of a weighted mean: still a tie
        assertThat(Forecast.ranks(new double[] {0.3, 0.1 + 0.2, 0.5})).containsExactly(1.5, 1.5, 3);
    }

    @Test
    void theMeanShiftIsRemovedBeforeTheAbsoluteErrors() {
        // actual − estimated = 0.2, 0.1, 0.3: shift 0.2, residuals 0, −0.1, 0.1, MAE 0.0667
        double[] actual = {0.5, 0.6, 0.7};
        double[] estimated = {0.3, 0.5, 0.4};
        double shift = Forecast.meanShift(actual, estimated);
        assertThat(shift).isCloseTo(0.2, within(1e-12));
        assertThat(Forecast.maeAfterShift(actual, estimated, shift)).isCloseTo(0.2 / 3, within(1e-12));
    }

    @Test
    void aTieAcrossTheKthPlaceCountsAsARandomDraw() {
        // the two lowest estimated: station 0, then 1 or 2 (tied, half a chance each); actually lowest: 0 and 1.
        // Expected hits (1 + 0.5) / 2 = 0.75
        assertThat(Forecast.topHits(new double[] {0.1, 0.2, 0.2, 0.9}, new double[] {0.1, 0.3, 0.5, 0.9}, 2, true))
                .isCloseTo(0.75, within(1e-12));
        // highest instead: estimated 3, then 1 or 2; actual 3 and 2
        assertThat(Forecast.topHits(new double[] {0.1, 0.2, 0.2, 0.9}, new double[] {0.1, 0.3, 0.5, 0.9}, 2, false))
                .isCloseTo(0.75, within(1e-12));
    }

    /** Eight stations in two arrondissements, squares of 100 m side in a row. */
    static List<StationInput> earlier() {
        int[][] counts = {{1000, 400, 150}, {1200, 540, 300}, {900, 450, 100}, {1100, 300, 180},
            {1000, 600, 240}, {1300, 546, 260}, {800, 456, 90}, {1000, 350, 200}};
        List<StationInput> out = new ArrayList<>();
        for (int i = 0; i < counts.length; i++) {
            int[] c = counts[i];
            StationResult r = new StationResult(code(i), c[0], c[1], null, null, null, c[1], null,
                    List.of(new StationResult.ListVotes(OURS, c[2]), new StationResult.ListVotes(OTHER, c[1] - c[2])));
            out.add(new StationInput(code(i), Integer.toString(code(i).arrondissement()), r, Map.of(), 100 * i + 50, 50));
        }
        return out;
    }

    static StationCode code(int i) {
        return new StationCode(i < 4 ? 1 : 2, i % 4 + 1);
    }

    static Crosswalk<StationCode, StationCode> sameBoundaries() {
        Map<StationCode, Geometry> squares = new LinkedHashMap<>();
        for (int i = 0; i < 8; i++) {
            squares.put(code(i), GEOMETRY.toGeometry(new Envelope(100 * i, 100 * i + 100, 0, 100)));
        }
        return Crosswalk.byArea(squares, squares);
    }

    /** {@link #earlier()} voted again, the same bloc share, turnout up {@code points} everywhere. */
    static List<Forecast.Observed> repeated(int points) {
        List<Forecast.Observed> later = new ArrayList<>();
        for (StationInput s : earlier()) {
            StationResult r = s.result();
            later.add(new Forecast.Observed(s.station(), r.registered(), r.voters() + r.registered() * points / 100,
                    r.votes().get(0).votes() / (double) r.expressed()));
        }
        return later;
    }

    @Test
    void aLaterRoundThatRepeatsTheEarlierOneIsForecastExactlyByTheRawFigures() {
        List<Forecast.Observed> later = repeated(0);
        Forecast.Result result = Forecast.run("e", BLOC, earlier(), sameBoundaries(), later, 3, Parameters.DEFAULTS);
        assertThat(result.compared()).hasSize(8);
        for (Forecast.Target t : Forecast.Target.values()) {
            Forecast.Score raw = result.score(t, Forecast.Estimate.RAW);
            assertThat(raw.spearman()).as(t.name()).isCloseTo(1, within(1e-12));
            assertThat(raw.meanShift()).as(t.name()).isCloseTo(0, within(1e-9));
            assertThat(raw.maeAfterShift()).as(t.name()).isCloseTo(0, within(1e-9));
            assertThat(raw.topHits()).as(t.name()).isEqualTo(1);
        }
    }

    @Test
    void aCityWideRiseInTurnoutIsAShiftNotAnError() {
        // 10 points more turnout everywhere (registered are multiples of 100, so the votants stay whole)
        List<Forecast.Observed> later = repeated(10);
        Forecast.Result result = Forecast.run("e", BLOC, earlier(), sameBoundaries(), later, 3, Parameters.DEFAULTS);
        Forecast.Score turnout = result.score(Forecast.Target.TURNOUT, Forecast.Estimate.RAW);
        assertThat(turnout.meanShift()).isCloseTo(10, within(1e-9));
        assertThat(turnout.maeAfterShift()).isCloseTo(0, within(1e-9));
        assertThat(turnout.spearman()).isCloseTo(1, within(1e-12));
        // the arrondissement mean: arr. 1 pooled 1690 / 4200, arr. 2 1952 / 4100 (hand sums of the counts above);
        // actual − mean summed: 2.022727 − 4 × 0.402381 + 2.34 − 4 × 0.476098 = 0.848813, / 8 = 10.610 points (python3)
        Forecast.Score arrondissement = result.score(Forecast.Target.TURNOUT, Forecast.Estimate.ARRONDISSEMENT);
        assertThat(arrondissement.meanShift()).isCloseTo(10.610, within(1e-3));
    }

    @Test
    void fewerStationsThanKAreScoredOnAllOfThemAndTheResultSaysWhichK() {
        List<Forecast.Observed> later = repeated(0);
        // 8 stations compared, top 100 asked: the hit rate is over the 8 (all of them: 1), and the result says 8
        Forecast.Result result = Forecast.run("e", BLOC, earlier(), sameBoundaries(), later, 100, Parameters.DEFAULTS);
        assertThat(result.topK()).isEqualTo(8);
        assertThat(result.score(Forecast.Target.TURNOUT, Forecast.Estimate.ARRONDISSEMENT).topHits()).isEqualTo(1);
    }

    @Test
    void withTheRoundItselfAsReferenceTheTransitionsFindNoSympatheticAbstainers() {
        // 24 stations (the transition model needs 20), the round taken as its own reference: whoever voted for the
        // bloc voted, so no abstainer voted for it — the Duncan–Davis lower bound max(0, r + c − 1) is 0 (r + c ≤ 1)
        // and the fitted matrix sends the bloc to the bloc. The one-election estimate (abstainers × share) is not 0.
        List<StationInput> stations = new ArrayList<>();
        Map<StationCode, Geometry> squares = new LinkedHashMap<>();
        Map<StationCode, BlocCounts> reference = new java.util.HashMap<>();
        List<Forecast.Observed> later = new ArrayList<>();
        double actual = 0;
        for (int i = 0; i < 24; i++) {
            StationCode code = new StationCode(1 + i / 12, i % 12 + 1);
            int registered = 1000 + 20 * i;
            int voters = 400 + (37 * i) % 300;
            int ours = 100 + (53 * i) % 200;
            StationResult r = new StationResult(code, registered, voters, null, null, null, voters, null,
                    List.of(new StationResult.ListVotes(OURS, ours), new StationResult.ListVotes(OTHER, voters - ours)));
            stations.add(new StationInput(code, Integer.toString(code.arrondissement()), r, Map.of(), 100 * i + 50, 50));
            squares.put(code, GEOMETRY.toGeometry(new Envelope(100 * i, 100 * i + 100, 0, 100)));
            reference.put(code, BlocCounts.of(r, BLOC, "e"));
            later.add(new Forecast.Observed(code, registered, voters, ours / (double) voters));
            actual += (1 - voters / (double) registered) * ours / voters / 24; // the round repeated, per inscrit
        }
        Forecast.Result result = Forecast.run("e", BLOC, stations, "e", reference, Crosswalk.byArea(squares, squares),
                later, 5, Parameters.DEFAULTS);
        assertThat(result.reference()).isEqualTo("e");
        assertThat(result.transitionStations()).isEqualTo(24);
        // estimated 0 everywhere: the shift is the whole actual mean, 100 × actual points
        assertThat(result.score(Forecast.Target.SYMPATHETIC, Forecast.Estimate.TRANSITIONS).meanShift())
                .isCloseTo(100 * actual, within(0.05));
        assertThat(result.score(Forecast.Target.SYMPATHETIC, Forecast.Estimate.TARGET).meanShift()).isNotCloseTo(
                100 * actual, within(1.0));
        // no turnout or bloc share from the transitions: the row is for sympathetic abstainers only
        assertThat(result.scores()).filteredOn(sc -> sc.estimate() == Forecast.Estimate.TRANSITIONS)
                .extracting(Forecast.Score::target).containsExactly(Forecast.Target.SYMPATHETIC);
        // without a reference, no such row
        Forecast.Result without = Forecast.run("e", BLOC, stations, Crosswalk.byArea(squares, squares), later, 5,
                Parameters.DEFAULTS);
        assertThat(without.reference()).isNull();
        assertThat(without.scores()).noneMatch(sc -> sc.estimate() == Forecast.Estimate.TRANSITIONS);
    }

    @Test
    void aLaterRoundOfAnotherCityIsRefusedRatherThanScoredOnNothing() {
        List<Forecast.Observed> elsewhere = List.of(new Forecast.Observed(new StationCode(69, 1), 1000, 500, 0.3));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Forecast.run("e", BLOC, earlier(), sameBoundaries(),
                elsewhere, 3, Parameters.DEFAULTS)).isInstanceOf(Forecast.Refusal.class)
                .hasMessageContaining("aucun bureau du scrutin ultérieur n'est couvert à 50 % au moins par les bureaux de e");
    }
}
