/**
 * Geometry in WGS84 longitude/latitude (JTS), GeoJSON geometry conversion and repair. Pure code:
 * callers hand it parsed JSON trees, never files.
 */
package fr.terrain.geo;
