/**
 * Geometry in WGS84 longitude/latitude (JTS), GeoJSON geometry conversion and repair, the
 * Lambert-93 projection and areal interpolation between two sets of zones. Pure code: callers
 * hand it parsed JSON trees and geometries, never files.
 */
package fr.terrain.geo;
