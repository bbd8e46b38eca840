package fr.terrain.privacy;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Set;

/**
 * How a source category is actually used: what the import log says was imported under it and
 * what is held today. The register lists only the categories in use. A category held without any import (volunteers'
 * profiles, contacts who signed up through the campaign's form) has 0 imports and no import days (null).
 */
public record SourceUse(SourceCategory category, int imports, long recordsHeld, LocalDate firstImport,
        LocalDate lastImport, Set<String> providers) {
    public SourceUse {
        Objects.requireNonNull(category, "category");
        if (imports > 0) {
            Objects.requireNonNull(firstImport, "firstImport");
            Objects.requireNonNull(lastImport, "lastImport");
        }
        providers = Set.copyOf(providers);
    }

    /** A category held, never imported: its records were entered in Terrain. */
    public static SourceUse enteredOnly(SourceCategory category, long recordsHeld) {
        return new SourceUse(category, 0, recordsHeld, null, null, Set.of());
    }
}
