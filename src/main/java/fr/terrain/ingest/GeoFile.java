package fr.terrain.ingest;

import java.util.List;

/** Values read from a GeoJSON file, with the warnings of the consistency checks and notes on choices made. */
public record GeoFile<T>(String layout, String vintage, List<T> values, List<Problem> warnings, List<String> notes) {}
