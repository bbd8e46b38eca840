package fr.terrain.ingest;

import java.util.List;

/** Values read from a CSV file with the warnings and notes of its import report. */
public record CsvFile<T>(String layout, String dataset, List<String> columns, List<T> values, long rows,
        List<Problem> warnings, List<String> notes) {}
