package fr.terrain.web.map;

import fr.terrain.atlas.Indicator;
import fr.terrain.atlas.Unit;
import fr.terrain.election.Election;
import fr.terrain.election.StationCode;
import fr.terrain.ingest.TargetingFiles;
import fr.terrain.store.FieldStore;
import fr.terrain.store.Store;
import fr.terrain.store.TargetingData;
import fr.terrain.targeting.Bloc;
import fr.terrain.targeting.Budget;
import fr.terrain.targeting.FieldTopics;
import fr.terrain.targeting.Parameters;
import fr.terrain.targeting.Plan;
import fr.terrain.targeting.Targeting;
import fr.terrain.targeting.TopicRules;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Targeting plans for the web app, computed with the default parameters and topic rules and kept
 * until the data change (a plan for Paris takes about a quarter of a second once the stations are
 * read; reading them and carrying the INSEE figures takes a few more).
 */
final class Plans {
    static final TopicRules TOPICS = TargetingFiles.defaultTopicRules();
    static final List<String> TOPIC_LABELS = TOPICS.topics().stream().map(TopicRules.Topic::label).toList();

    /** The plan's figures the map can colour stations by. */
    static final List<Indicator.FromPlan> INDICATORS = List.of(
            new Indicator.FromPlan("score", "Priorité (voix par heure de porte-à-porte)",
                    "Priority (votes per canvassing hour)", Unit.NUMBER, List.of()),
            new Indicator.FromPlan("sympathetic", "Abstentionnistes sympathisants (estimation)",
                    "Sympathetic abstainers (estimate)", Unit.COUNT, List.of()),
            new Indicator.FromPlan("persuadables", "Électeurs persuadables", "Persuadable voters", Unit.COUNT, List.of()),
            new Indicator.FromPlan("hours", "Heures de porte-à-porte allouées", "Canvassing hours allocated", Unit.NUMBER,
                    List.of()),
            new Indicator.FromPlan("gain", "Gain attendu (voix)", "Expected gain (votes)", Unit.NUMBER, List.of()),
            new Indicator.FromPlan("topic", "Thème principal", "Leading topic", Unit.CATEGORY, TOPIC_LABELS));

    /** The field's figures the map can colour stations by. */
    static final List<Indicator.FromField> FIELD = List.of(new Indicator.FromField("coverage",
            "Couverture du porte-à-porte (portes faites / portes des tournées)",
            "Canvassing coverage (doors done / doors in saved turfs)", Unit.PERCENT));

    private final Store store;
    private final Map<String, TargetingData.Stations> stations = new ConcurrentHashMap<>();
    /** Requests whose latest plan is kept: the hours are typed freely, each number a request of its own. */
    static final int MAX_REQUESTS = 16;

    /** A plan and the field progress it was made from. */
    private record Kept(Map<StationCode, Long> done, Map<StationCode, List<FieldTopics.Heard>> heard, Plan plan) {}

    /**
     * The latest plan of each request lately asked for (least recently used first). One per request: outcomes arrive
     * all day and each batch makes the plan anew, so keeping every state kept every plan ever computed (about one a
     * batch while the plan page or its map is open).
     */
    private final Map<String, Kept> plans = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(MAX_REQUESTS, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Kept> eldest) {
                    return size() > MAX_REQUESTS;
                }
            });

    Plans(Store store) {
        this.store = store;
    }

    /** What a plan is asked for: the round, the bloc (its saved JSON), the hours, and a reference round. */
    record Request(Election election, Bloc bloc, String definition, double hours, Optional<Election> reference) {
        String key() {
            return election.id() + "|" + definition + "|" + hours + "|" + reference.map(Election::id).orElse("");
        }
    }

    /**
     * The plan for a request, with the field progress of now: a station's reservoir shrinks by the share
     * of its voters whose doors were already canvassed, so the plan is recomputed when they change.
     */
    Plan plan(Request r) {
        Map<StationCode, Long> done = FieldStore.votersReachedByStation(store);
        var heard = FieldStore.heardByStation(store);
        Kept kept = plans.get(r.key());
        if (kept != null && kept.done().equals(done) && kept.heard().equals(heard)) {
            return kept.plan();
        }
        TargetingData.Stations s = stations.computeIfAbsent(r.election().id(), id -> TargetingData.stations(store, id));
        var reference = r.reference().map(ref -> TargetingData.reference(store, ref.id(), s, r.bloc())).orElse(Map.of());
        Plan plan = Targeting.plan(r.election().id(), r.bloc(), s.stations(), null, reference, Map.of(),
                Budget.total(r.hours()), TOPICS, Parameters.DEFAULTS, done, heard);
        plans.put(r.key(), new Kept(done, heard, plan));
        return plan;
    }

    /** How many plans are kept. */
    int cached() {
        return plans.size();
    }

    /** The field's figures by station, now (not cached: outcomes arrive all day), under the ids of {@link #FIELD}. */
    Map<StationCode, Map<String, Double>> fieldFigures() {
        Map<StationCode, Map<String, Double>> out = new HashMap<>();
        FieldStore.coverageByStation(store).forEach((code, share) -> out.put(code, Map.of("field:coverage", 100 * share)));
        return out;
    }

    /** The notes of reading a round for targeting (missing boundaries or INSEE figures). */
    List<String> notes(Election e) {
        return stations.computeIfAbsent(e.id(), id -> TargetingData.stations(store, id)).notes();
    }

    /** The plan's figures by station, under the keys of {@link #INDICATORS}. */
    static Map<StationCode, Map<String, Double>> figures(Plan plan) {
        Map<StationCode, Map<String, Double>> out = new HashMap<>();
        for (Plan.StationPlan p : plan.stations()) {
            Map<String, Double> f = new HashMap<>();
            f.put("plan:score", p.score());
            f.put("plan:sympathetic", p.estimate().sympatheticAbstainers().value());
            f.put("plan:persuadables", p.estimate().persuadables().value());
            f.put("plan:hours", p.hours());
            f.put("plan:gain", p.expectedGain());
            if (!p.topics().isEmpty()) {
                int index = TOPIC_LABELS.indexOf(p.topics().get(0).label());
                if (index >= 0) {
                    f.put("plan:topic", (double) index);
                }
            }
            out.put(p.estimate().station(), f);
        }
        return out;
    }
}
