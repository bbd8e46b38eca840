package fr.terrain.ingest.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import fr.terrain.ingest.ImportReport;
import fr.terrain.ingest.Importer;
import fr.terrain.ingest.InputError;
import fr.terrain.ingest.Progress;
import fr.terrain.store.Store;
import fr.terrain.store.TestStores;
import java.nio.file.Path;
import java.util.function.BiConsumer;
import java.util.function.Function;
import net.jqwik.api.statistics.Statistics;

/**
 * One store shared by the tries of a property, preloaded with real data. An import that fails
 * must leave every table exactly as it was; one that succeeds sets the state the next try is
 * compared with.
 */
final class SharedStore implements AutoCloseable {
    private final Store store;
    private final boolean postgres;
    private final Importer importer;
    private String before;

    private SharedStore(Store store, boolean postgres) {
        this.store = store;
        this.postgres = postgres;
        this.importer = new Importer(store, Progress.NONE, false);
    }

    static SharedStore h2(Path dir) {
        return new SharedStore(TestStores.h2(dir), false);
    }

    static SharedStore postgres() {
        return new SharedStore(TestStores.postgres(), true);
    }

    Store store() {
        return store;
    }

    /** Imports the real data every try starts from. */
    SharedStore preload(BiConsumer<Importer, Store> imports) {
        imports.accept(importer, store);
        before = TestStores.dump(store);
        return this;
    }

    /** Runs one import of a variant: all of it, or nothing. */
    void attempt(Path file, Function<Importer, ImportReport> importing) {
        if (before == null) {
            before = TestStores.dump(store);
        }
        ImportReport report;
        try {
            report = importing.apply(importer);
        } catch (InputError e) {
            Outcome.located(e.problems(), file);
            // the one refusal an importer can only make inside its transaction: a round declared otherwise
            Statistics.collect(e.getMessage().contains(" existe comme ") ? "refusé pendant l'écriture" : "refusé");
            assertThat(TestStores.dump(store)).as("a refused import must change nothing").isEqualTo(before);
            return;
        }
        Outcome.located(report.warnings(), file);
        Statistics.collect(report.skipped() ? "déjà importé" : "importé");
        before = TestStores.dump(store);
    }

    @Override
    public void close() {
        if (postgres) {
            TestStores.dropSchema(store);
        } else {
            store.close();
        }
    }
}
