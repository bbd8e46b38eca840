package fr.terrain.targeting;

import fr.terrain.election.StationCode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The campaign's topic rules: each topic (logement, écoles et familles…) is scored at a station
 * from INSEE measures, each with a weight, a direction, an optional threshold and an evidence
 * sentence. A signal counts {@code weight × (value − city median) / interquartile range} when the
 * value is on the rule's side of the median (and past the threshold, if any); a topic's score is
 * the sum of its signals. The default rules ship as {@code topics-default.json}.
 */
public record TopicRules(List<Topic> topics) {
    public TopicRules {
        topics = List.copyOf(topics);
        Set<String> ids = new HashSet<>();
        for (Topic t : topics) {
            if (!ids.add(t.id())) {
                throw new IllegalArgumentException("thème « " + t.id() + " » défini deux fois");
            }
        }
    }

    public record Topic(String id, String label, List<Signal> signals) {
        public Topic {
            Objects.requireNonNull(id, "id");
            label = label == null ? id : label;
            signals = List.copyOf(signals);
            if (signals.isEmpty()) {
                throw new IllegalArgumentException("le thème « " + id + " » n'a aucun signal");
            }
        }
    }

    /**
     * @param above true when a high value speaks for the topic, false when a low one does
     * @param threshold the value must also be at least (above) or at most (below) this, or null
     * @param evidence French sentence with {@code {value}} and {@code {median}}
     */
    public record Signal(Measure measure, double weight, boolean above, Double threshold, String evidence) {
        public Signal {
            Objects.requireNonNull(measure, "measure");
            if (!(weight >= 0) || !Double.isFinite(weight)) {
                throw new IllegalArgumentException("poids négatif pour " + measure.id());
            }
            evidence = evidence == null ? measure.label() + " : {value} (médiane de la ville {median})" : evidence;
        }
    }

    /** One topic at one station. */
    public record TopicMatch(String id, String label, double score, String evidence) {}

    /**
     * Station → topics with a positive score, best first (at most {@code limit}). Medians are taken
     * over the stations given (the city). A signal whose measure the data cannot provide is skipped.
     */
    public Map<StationCode, List<TopicMatch>> score(List<StationInput> stations, int limit) {
        Map<StationCode, Map<String, Double>> indicators = new LinkedHashMap<>();
        stations.forEach(s -> indicators.put(s.station(), s.indicators()));
        return scoreIndicators(indicators, limit);
    }

    /**
     * The same from the stations' INSEE figures alone (station → indicator code → value, the city's
     * stations, in the order wanted): what targeting computes without needing a round's results, so
     * that a turf names the topic the plan would give its station.
     */
    public Map<StationCode, List<TopicMatch>> scoreIndicators(Map<StationCode, Map<String, Double>> byStation, int limit) {
        List<StationCode> codes = List.copyOf(byStation.keySet());
        List<Map<String, Double>> figures = codes.stream().map(byStation::get).toList();
        Set<String> available = new HashSet<>();
        figures.forEach(f -> available.addAll(f.keySet()));
        record Prepared(Topic topic, Signal signal, double[] values, double median, double spread) {}
        List<Prepared> prepared = new ArrayList<>();
        for (Topic t : topics) {
            for (Signal s : t.signals()) {
                s.measure().resolve(available).ifPresent(r -> {
                    double[] values = figures.stream().mapToDouble(r::valueOf).toArray();
                    double[] finite = Arrays.stream(values).filter(Double::isFinite).sorted().toArray();
                    if (finite.length < 2) {
                        return;
                    }
                    double median = quantile(finite, 0.5);
                    double spread = spread(finite);
                    if (spread > 0) { // every station alike on it: the measure tells nothing about any of them
                        prepared.add(new Prepared(t, s, values, median, spread));
                    }
                });
            }
        }
        Map<StationCode, List<TopicMatch>> out = new LinkedHashMap<>();
        for (int i = 0; i < codes.size(); i++) {
            Map<String, double[]> scores = new LinkedHashMap<>();
            Map<String, String> evidence = new LinkedHashMap<>();
            Map<String, Double> best = new LinkedHashMap<>();
            for (Prepared p : prepared) {
                double v = p.values[i];
                if (!Double.isFinite(v)) {
                    continue;
                }
                double z = (p.signal.above() ? v - p.median : p.median - v) / p.spread;
                boolean past = p.signal.threshold() == null
                        || (p.signal.above() ? v >= p.signal.threshold() : v <= p.signal.threshold());
                if (z <= 0 || !past) {
                    continue;
                }
                double contribution = p.signal.weight() * z;
                scores.computeIfAbsent(p.topic.id(), k -> new double[1])[0] += contribution;
                if (contribution > best.getOrDefault(p.topic.id(), 0.0)) {
                    best.put(p.topic.id(), contribution);
                    evidence.put(p.topic.id(), p.signal.evidence()
                            .replace("{value}", format(v, p.signal.measure().unit()))
                            .replace("{median}", format(p.median, p.signal.measure().unit())));
                }
            }
            List<TopicMatch> matches = new ArrayList<>();
            for (Topic t : topics) {
                double[] sc = scores.get(t.id());
                if (sc != null && sc[0] > 0) {
                    matches.add(new TopicMatch(t.id(), t.label(), sc[0], evidence.get(t.id())));
                }
            }
            matches.sort(Comparator.comparingDouble(TopicMatch::score).reversed());
            out.put(codes.get(i), List.copyOf(matches.subList(0, Math.min(limit, matches.size()))));
        }
        return out;
    }

    /**
     * The interquartile range; when half the stations or more share one value (no social housing in most of them,
     * say) it is 0, and the standard deviation stands in for it rather than a division by zero that gave the few
     * others scores of 10⁹. 0 only when every station has the same value.
     */
    static double spread(double[] sorted) {
        double iqr = quantile(sorted, 0.75) - quantile(sorted, 0.25);
        if (iqr > 0) {
            return iqr;
        }
        double mean = Arrays.stream(sorted).average().orElse(0);
        return Math.sqrt(Arrays.stream(sorted).map(v -> (v - mean) * (v - mean)).average().orElse(0));
    }

    static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = (int) Math.ceil(pos);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
    }

    /** 32 %, 21 340 €, 0,42 — French style, rounded for a sentence. */
    static String format(double v, String unit) {
        DecimalFormatSymbols fr = DecimalFormatSymbols.getInstance(Locale.FRANCE);
        fr.setGroupingSeparator(' ');
        if (unit.equals("%")) {
            return new DecimalFormat(Math.abs(v) < 10 ? "0.#" : "0", fr).format(v) + " %";
        }
        if (unit.equals("€")) {
            return new DecimalFormat("#,##0", fr).format(Math.round(v / 10.0) * 10) + " €";
        }
        return new DecimalFormat("#,##0.##", fr).format(v);
    }
}
