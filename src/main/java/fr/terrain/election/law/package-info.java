/**
 * French municipal electoral law as pure rules: majority bonus (prime majoritaire), highest
 * average (plus forte moyenne), qualification for round two, sector tables of Paris, Lyon, Marseille.
 * Values in, values out; see {@code docs/electoral-law.md} for the articles each rule implements.
 */
package fr.terrain.election.law;
