package fr.terrain.web.map;

/**
 * Settings of the map the browser needs.
 *
 * @param tileUrl a tile server URL template ({@code https://…/{z}/{x}/{y}.png}) drawn under the
 *     stations, or null for a plain background (the default: nothing is fetched from outside)
 * @param tileAttribution the credit line the tile provider requires
 */
public record MapSettings(String tileUrl, String tileAttribution) {
    /** From {@code TERRAIN_TILE_URL} and {@code TERRAIN_TILE_ATTRIBUTION}; plain background when unset. */
    public static MapSettings fromEnvironment() {
        String url = System.getenv("TERRAIN_TILE_URL");
        return new MapSettings(url == null || url.isBlank() ? null : url, System.getenv("TERRAIN_TILE_ATTRIBUTION"));
    }
}
