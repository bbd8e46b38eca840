/**
 * Monte Carlo simulation of a municipal election by sector: a vote model with a city-wide swing
 * and sector noise, round-two transfers, seats by the law engine, and the swing analysis a
 * director reads (seat distribution, majority, win and tipping-point probabilities, votes needed).
 * Values in, values out; the model is described in {@code docs/simulation.md}.
 */
package fr.terrain.election.simulation;
