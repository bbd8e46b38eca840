/**
 * The map a campaign works on besides polling stations: arrondissements (sectors) and INSEE IRIS
 * with their socio-demographic indicators, and the crosswalks that carry figures from IRIS onto
 * stations and between station vintages. Pure values.
 */
package fr.terrain.territory;
