package fr.terrain.ingest;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * What one import did, for the user and the import log.
 *
 * @param skipped true when the same file had already been imported with the same options: nothing changed
 * @param purgedOn for a skipped import, the day (UTC) the retention policy deleted its rows since, if it did: the
 *     file is not imported again
 */
public record ImportReport(String kind, String file, String format, List<String> targets, long rowsRead,
        long rowsStored, List<Problem> warnings, List<String> notes, boolean skipped, Optional<LocalDate> purgedOn) {}
