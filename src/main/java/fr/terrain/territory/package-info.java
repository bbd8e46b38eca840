/**
 * The map a campaign works on besides polling stations: arrondissements (sectors) and INSEE IRIS
 * with their socio-demographic indicators. Pure values.
 */
package fr.terrain.territory;
