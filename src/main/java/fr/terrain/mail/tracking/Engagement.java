package fr.terrain.mail.tracking;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Opens and clicks of a set of interactions (a campaign, a segment, a sector): totals, unique
 * recipients, and when they happened. Automated requests (link scanners, link previews) are
 * counted apart and left out of every other figure. {@code proxyOpens}: how many of the {@code opens} a webmail's
 * image proxy made for its reader (Gmail, Yahoo; the first opening of a message only, since the proxy keeps the
 * image).
 */
public record Engagement(int opens, int uniqueOpens, int clicks, int uniqueClicks, int automated, int proxyOpens,
        int[][] openHeatmap, int[][] clickHeatmap) {
    /** Hours and days are those of Paris: a campaign's readers live there. */
    public static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    /** The figures of these interactions; heatmaps are [day of week, Monday = 0][hour of day, Paris time]. */
    public static Engagement of(List<Interaction> interactions) {
        int opens = 0;
        int clicks = 0;
        int automated = 0;
        int proxyOpens = 0;
        Set<Long> opened = new HashSet<>();
        Set<Long> clicked = new HashSet<>();
        int[][] openMap = new int[7][24];
        int[][] clickMap = new int[7][24];
        for (Interaction i : interactions) {
            if (i.automated()) {
                automated++;
                continue;
            }
            ZonedDateTime t = i.at().atZone(PARIS);
            int day = t.getDayOfWeek().getValue() - 1;
            if (i.kind() == Interaction.Kind.OPEN) {
                opens++;
                proxyOpens += i.device() == Device.IMAGE_PROXY ? 1 : 0;
                opened.add(i.recipientId());
                openMap[day][t.getHour()]++;
            } else {
                clicks++;
                clicked.add(i.recipientId());
                clickMap[day][t.getHour()]++;
            }
        }
        // a click proves the message was read even when images were blocked: the reader counts as an opener
        Set<Long> readers = new HashSet<>(opened);
        readers.addAll(clicked);
        return new Engagement(opens, readers.size(), clicks, clicked.size(), automated, proxyOpens, openMap, clickMap);
    }

    /** The figures of each group of interactions, groups by {@code key} (a segment, a sector; null keys are left out). */
    public static Map<String, Engagement> by(List<Interaction> interactions, Function<Interaction, String> key) {
        Map<String, List<Interaction>> groups = new TreeMap<>();
        for (Interaction i : interactions) {
            String k = key.apply(i);
            if (k != null) {
                groups.computeIfAbsent(k, x -> new java.util.ArrayList<>()).add(i);
            }
        }
        Map<String, Engagement> out = new TreeMap<>();
        groups.forEach((k, v) -> out.put(k, of(v)));
        return out;
    }

    /**
     * Opens and clicks per hour since {@code start} (truncated to the hour), for {@code hours} hours:
     * {@code [hour][0]} opens, {@code [hour][1]} clicks; later interactions fall in the last hour.
     */
    public static int[][] timeline(List<Interaction> interactions, Instant start, int hours) {
        int[][] out = new int[hours][2];
        Instant from = start.truncatedTo(ChronoUnit.HOURS);
        for (Interaction i : interactions) {
            if (i.automated() || i.at().isBefore(from)) {
                continue;
            }
            long h = Math.min(hours - 1, ChronoUnit.HOURS.between(from, i.at()));
            out[(int) h][i.kind() == Interaction.Kind.OPEN ? 0 : 1]++;
        }
        return out;
    }
}
