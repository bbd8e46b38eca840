package fr.terrain.ingest;

import fr.terrain.election.ElectionKind;
import java.time.LocalDate;

/**
 * What the user tells a results import that the file may leave implicit. Every field may be null.
 *
 * @param election a round id ({@code paris-2020-t1}) or a contest id ({@code paris-2014}) whose
 *     rounds are then named {@code <contest>-t<round>}
 * @param territory the city, {@code paris} by default
 * <p>A year or an arrondissement the file leaves implicit and no option gives comes from the file name
 * ({@link FileHints}), for {@code import results} and {@code import folder} alike (ADR 0022).
 */
public record ResultsOptions(String election, ElectionKind kind, LocalDate date, Integer year,
        Integer arrondissement, String territory) {

    public static ResultsOptions none() {
        return new ResultsOptions(null, null, null, null, null, null);
    }

    public String territoryOrDefault() {
        return territory == null ? "paris" : territory;
    }
}
