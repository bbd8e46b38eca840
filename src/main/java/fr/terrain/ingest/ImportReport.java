package fr.terrain.ingest;

import java.util.List;

/**
 * What one import did, for the user and the import log.
 *
 * @param skipped true when the same file had already been imported with the same options: nothing changed
 */
public record ImportReport(String kind, String file, String format, List<String> targets, long rowsRead,
        long rowsStored, List<Problem> warnings, List<String> notes, boolean skipped) {}
