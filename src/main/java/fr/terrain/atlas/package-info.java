/**
 * The strategic map (carte stratégique): indicators by polling station, their colour scales and
 * their totals by sector. Pure values; the web layer serves them.
 */
package fr.terrain.atlas;
