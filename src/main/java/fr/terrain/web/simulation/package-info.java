/**
 * The simulation's adapters: reading a round and its camps from the store into a vote model,
 * the JSON of camps, transfers and results (shared with {@code terrain simulate}), and the
 * {@code /simulation} page with its API.
 */
package fr.terrain.web.simulation;
