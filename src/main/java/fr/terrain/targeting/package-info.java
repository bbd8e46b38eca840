/**
 * Where a canvassing hour wins most votes and what to talk about there: per-station estimates with
 * intervals (turnout, bloc share, sympathetic abstainers, persuadables), a priority score, the
 * allocation of volunteer hours, topic rules and backtests. Pure: takes values, returns values.
 */
package fr.terrain.targeting;
