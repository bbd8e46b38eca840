/**
 * Elections and their results by polling station (bureau de vote): the core vocabulary every
 * analysis uses. Pure values, no I/O.
 */
package fr.terrain.election;
