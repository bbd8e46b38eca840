package fr.terrain.ingest;

import java.util.List;
import java.util.Optional;

/**
 * A results-by-polling-station file layout. The long layouts (one row per station × list) are
 * {@link LongResultsFormat} configurations; the Ministry's wide layout (one row per station,
 * repeated column groups per list) would be one more implementation.
 */
public interface ResultsFormat {

    String name();

    /** Whether the header is this layout's. */
    boolean recognises(CsvTable table);

    ResultsFile read(CsvTable table, ResultsOptions options);

    List<ResultsFormat> ALL = List.of(LongResultsFormat.PARIS_MUNICIPALES, LongResultsFormat.PARIS_2014,
            LongResultsFormat.PRESIDENTIELLE_BV);

    static Optional<ResultsFormat> recognise(CsvTable table) {
        return ALL.stream().filter(f -> f.recognises(table)).findFirst();
    }
}
