package fr.terrain.privacy;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Set;

/**
 * How a source category is actually used: what the import log says was imported under it and
 * what is held today. The register lists only the categories in use.
 */
public record SourceUse(SourceCategory category, int imports, long recordsHeld, LocalDate firstImport,
        LocalDate lastImport, Set<String> providers) {
    public SourceUse {
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(firstImport, "firstImport");
        Objects.requireNonNull(lastImport, "lastImport");
        providers = Set.copyOf(providers);
    }
}
