/**
 * The strategic map's pages and API: a cached snapshot of what is loaded, the parsing of map
 * queries, and the GeoJSON, JSON and CSV answers.
 */
package fr.terrain.web.map;
