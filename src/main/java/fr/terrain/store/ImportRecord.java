package fr.terrain.store;

import java.time.LocalDateTime;

/** One line of the import log: what was imported, from which file, under which source category. */
public record ImportRecord(long id, String kind, String target, String fileName, String sha256,
        String sourceCategory, String provider, String options, long rowsRead, long rowsStored, int warnings,
        LocalDateTime startedAt, LocalDateTime finishedAt) {}
