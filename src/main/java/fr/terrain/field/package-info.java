/**
 * The ground canvassers walk: addresses (Base Adresse Nationale) and the voters of an electoral
 * list who live there. Voters are personal data: see PRIVACY.md.
 */
package fr.terrain.field;
