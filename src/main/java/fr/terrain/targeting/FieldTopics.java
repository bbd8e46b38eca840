package fr.terrain.targeting;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Topics that resonated at the doors feed back into a station's topic ranking (issue 7, docs/targeting.md
 * "Topics heard at the doors").
 *
 * <p>At each door where someone opened, the canvasser records the topic discussed; when the person consented
 * to give an opinion (after the notice), a support level from 1 to 5. Only those consented answers say how a
 * topic was received: a topic's favourable rate at a station is the share of them at 4 or 5. Small counts are
 * shrunk towards the city's rate, as {@code K} answers at that rate would: {@code r = (favourable + K × city) /
 * (consented + K)}. A topic's score is multiplied by {@code r / city}: a topic received better than the city
 * average moves up, one received worse moves down, one with no answers keeps its score. A topic heard at the
 * doors that the INSEE rules did not suggest there enters the ranking, from the station's median topic score
 * (1 when it has none), if it was received better than average.
 */
public final class FieldTopics {
    /** How many answers at the city's rate a station's figures are shrunk with. */
    public static final double K = 10;

    private FieldTopics() {}

    /**
     * What canvassers heard about one topic at one station's doors.
     *
     * @param topic the topic as recorded (its label or id)
     * @param conversations doors opened where it was discussed
     * @param consented of those, the people who consented to give an opinion
     * @param favourable of those, the ones at 4 or 5 on the 1–5 scale
     */
    public record Heard(String topic, long conversations, long consented, long favourable) {
        public Heard {
            Objects.requireNonNull(topic, "topic");
            if (conversations < 0 || consented < 0 || favourable < 0 || consented > conversations || favourable > consented) {
                throw new IllegalArgumentException("comptes incohérents pour le thème « " + topic + " » : " + conversations
                        + " conversations, " + consented + " avis, " + favourable + " favorables");
            }
        }
    }

    /** The city's favourable rate over every consented answer (0.5 when there is none yet). */
    public static double cityRate(Collection<List<Heard>> byStation) {
        long consented = 0;
        long favourable = 0;
        for (List<Heard> station : byStation) {
            for (Heard h : station) {
                consented += h.consented();
                favourable += h.favourable();
            }
        }
        return consented == 0 ? 0.5 : (double) favourable / consented;
    }

    /**
     * A station's topics re-ranked by what was heard there: scores multiplied by the shrunk favourable rate over
     * the city's, heard topics added when received better than average, at most {@code limit}, best first.
     */
    public static List<TopicRules.TopicMatch> rerank(List<TopicRules.TopicMatch> suggested, List<Heard> heard,
            double cityRate, TopicRules rules, int limit) {
        if (heard.isEmpty()) { // nothing to re-rank, but the cut to the limit still applies
            return List.copyOf(suggested.subList(0, Math.min(limit, suggested.size())));
        }
        double city = Math.min(Math.max(cityRate, 1e-6), 1);
        Map<String, Heard> byTopic = new HashMap<>();
        for (Heard h : heard) {
            String id = idOf(h.topic(), rules);
            Heard before = byTopic.get(id);
            byTopic.put(id, before == null ? h : new Heard(h.topic(), before.conversations() + h.conversations(),
                    before.consented() + h.consented(), before.favourable() + h.favourable()));
        }
        List<TopicRules.TopicMatch> out = new ArrayList<>();
        for (TopicRules.TopicMatch t : suggested) {
            Heard h = byTopic.remove(t.id());
            if (h == null) {
                out.add(t);
            } else {
                double factor = shrunk(h, city) / city;
                out.add(new TopicRules.TopicMatch(t.id(), t.label(), t.score() * factor, t.evidence() + " ; " + evidence(h, city)));
            }
        }
        double base = median(suggested);
        for (var e : byTopic.entrySet()) {
            double factor = shrunk(e.getValue(), city) / city;
            // a topic of the campaign's rules ("autre", free spellings are not topics one can send volunteers with)
            rules.topics().stream().filter(t -> t.id().equals(e.getKey()) && factor > 1).findFirst().ifPresent(t ->
                    out.add(new TopicRules.TopicMatch(t.id(), t.label(), base * factor, evidence(e.getValue(), city))));
        }
        out.sort(Comparator.comparingDouble(TopicRules.TopicMatch::score).reversed());
        return List.copyOf(out.subList(0, Math.min(limit, out.size())));
    }

    /** The favourable rate shrunk towards the city's. */
    static double shrunk(Heard h, double city) {
        return (h.favourable() + K * city) / (h.consented() + K);
    }

    private static String evidence(Heard h, double city) {
        return String.format(Locale.FRANCE, "porte-à-porte : %d conversation(s), %d favorable(s) sur %d avis (ville : %.0f %%)",
                h.conversations(), h.favourable(), h.consented(), 100 * city);
    }

    /** A recorded topic as a rule's id: the canvassing page records labels ("écoles et familles"). */
    static String idOf(String recorded, TopicRules rules) {
        String r = recorded.strip();
        for (TopicRules.Topic t : rules.topics()) {
            if (t.id().equalsIgnoreCase(r) || t.label().equalsIgnoreCase(r)) {
                return t.id();
            }
        }
        return r;
    }

    private static double median(List<TopicRules.TopicMatch> topics) {
        if (topics.isEmpty()) {
            return 1;
        }
        double[] s = topics.stream().mapToDouble(TopicRules.TopicMatch::score).sorted().toArray();
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
