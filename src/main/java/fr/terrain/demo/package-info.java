/**
 * Deterministic synthetic election data in the official layouts the ingest readers accept: the demo
 * city and national-size benchmark files. Every name, bureau and figure is invented.
 */
package fr.terrain.demo;
