package fr.terrain.web;

import fr.terrain.election.StationCode;
import fr.terrain.field.Turf;
import fr.terrain.targeting.TopicRules;
import java.util.LinkedHashMap;
import java.util.Map;

/** A turf as JSON, for {@code terrain turfs --json} (contract: docs/field.md; names are stable). */
public final class TurfJson {
    private TurfJson() {}

    /**
     * @param topic the top topic targeting gives the turf's station (the station with most of its doors), or
     *     null when no INSEE figures are loaded or no topic stands out there
     * @param placedByContour how many of its doors have their station by contour, not from the list (ADR 0029)
     */
    public static Map<String, Object> turf(Turf t, TopicRules.TopicMatch topic, long placedByContour) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("turf", t.number());
        m.put("stations", t.stations().stream().map(StationCode::toString).toList());
        m.put("doors", t.doorIds());
        m.put("door_count", t.doors());
        m.put("voters", t.voters());
        m.put("walking_metres", Math.round(t.walkingMetres()));
        m.put("minutes", Math.round(t.minutes() * 10) / 10.0);
        Map<String, Object> start = new LinkedHashMap<>();
        start.put("label", t.start().label());
        start.put("lon", Math.round(t.start().lon() * 1e6) / 1e6);
        start.put("lat", Math.round(t.start().lat() * 1e6) / 1e6);
        m.put("start", start);
        if (topic == null) {
            m.put("topic", null);
        } else {
            Map<String, Object> tm = new LinkedHashMap<>();
            tm.put("id", topic.id());
            tm.put("label", topic.label());
            tm.put("evidence", topic.evidence());
            m.put("topic", tm);
        }
        m.put("doors_placed_by_contour", placedByContour);
        return m;
    }
}
