package fr.terrain.field;

import fr.terrain.election.StationCode;
import java.util.List;

/**
 * A walk for one canvasser: doors in walking order, from the start and back to it.
 *
 * @param number 1, 2… within the cut
 * @param stations the polling stations its doors belong to
 * @param walk the doors in walking order
 * @param walkingMetres the estimated walk, start to start (distance model: docs/field.md)
 * @param minutes walking plus time at the doors
 */
public record Turf(int number, List<StationCode> stations, List<Door> walk, int voters, double walkingMetres,
        double minutes, Start start) {

    public Turf {
        stations = List.copyOf(stations);
        walk = List.copyOf(walk);
    }

    public List<String> doorIds() {
        return walk.stream().map(Door::id).toList();
    }

    public int doors() {
        return walk.size();
    }
}
