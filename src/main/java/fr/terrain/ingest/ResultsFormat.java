package fr.terrain.ingest;

import fr.terrain.election.Election;
import fr.terrain.election.StationResult;
import java.util.List;
import java.util.Optional;

/**
 * A results-by-polling-station file layout. The layouts Paris publishes, long (one row per station
 * × list) and wide (one row per station, one column per list), are {@link StationResultsFormat}
 * configurations; the Ministry's layout (one row per station, a group of columns per candidate,
 * France entière) is {@link MinistryResultsFormat}.
 */
public interface ResultsFormat {

    String name();

    /** Whether the header is this layout's. */
    boolean recognises(CsvTable table);

    /**
     * Whether the publisher cuts one round into several files of this layout (one per arrondissement): a folder
     * import takes the files of one folder in this layout as one import.
     */
    default boolean splitIntoFiles() {
        return false;
    }

    default ResultsFile read(CsvTable table, ResultsOptions options) {
        return read(table, options, EarlyCounts.NONE);
    }

    /**
     * Reads the whole file, and meanwhile hands each station's count to {@code early} as soon as its
     * rows are read, so that an import can write while it reads. What {@code early} receives is
     * provisional: the returned file is the truth, and it holds the very objects handed over for the
     * counts that stayed final (identity, not equality); a count whose rows resume further down the
     * file, or whose round turns out to be another election, is not. An error anywhere still throws.
     */
    ResultsFile read(CsvTable table, ResultsOptions options, EarlyCounts early);

    /** Receives station counts during {@link #read(CsvTable, ResultsOptions, EarlyCounts)}, on the reading thread. */
    @FunctionalInterface
    interface EarlyCounts {
        EarlyCounts NONE = (election, count) -> { };

        /** One station's count, in the election its round resolves to from the rows read so far. */
        void station(Election election, StationResult count);
    }

    /**
     * The layouts this version reads. A method, not a constant of this interface: initialising
     * {@link StationResultsFormat} first initialises this interface (it has default methods), whose
     * constant would then read the implementation's constants while they are still null.
     */
    static List<ResultsFormat> all() {
        return List.of(StationResultsFormat.PARIS_MUNICIPALES, StationResultsFormat.PARIS_2014,
                StationResultsFormat.PRESIDENTIELLE_BV, StationResultsFormat.PARIS_MUNICIPALES_WIDE,
                MinistryResultsFormat.INSTANCE);
    }

    static Optional<ResultsFormat> recognise(CsvTable table) {
        return all().stream().filter(f -> f.recognises(table)).findFirst();
    }
}
