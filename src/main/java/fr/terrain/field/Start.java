package fr.terrain.field;

/**
 * Where canvassers meet and come back to: a polling place, a chosen meeting point, or the doors'
 * centroid.
 *
 * @param label what it is, for people: {@code lieu de vote : École …}, {@code centre des portes}
 */
public record Start(String label, double lon, double lat) {
    public Start {
        if (!(lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90)) {
            throw new IllegalArgumentException("point de départ hors limites : " + lon + ", " + lat);
        }
    }
}
