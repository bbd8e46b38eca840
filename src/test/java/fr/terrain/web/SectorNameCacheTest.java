package fr.terrain.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.terrain.election.SectorNames;
import fr.terrain.ingest.Importer;
import fr.terrain.ingest.Progress;
import fr.terrain.store.Geography;
import fr.terrain.store.Store;
import fr.terrain.store.TestStores;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web app's commune names are read once per commune and data version, and a request waits only for the
 * communes it asks for: right after an import, one commune's name does not wait behind a département's (ADR 0032).
 * The BAN holds Concarneau (29039, {@link SectorNamesWebTest#FIXTURE}) and one address of Douarnenez (29046).
 */
class SectorNameCacheTest {
    @TempDir
    Path home;

    Store store;
    final ExecutorService asks = Executors.newCachedThreadPool();
    /** Released by each test once it has seen what happens while a read is held. */
    final CountDownLatch release = new CountDownLatch(1);
    /** Counted down when a read of Concarneau starts. */
    final CountDownLatch concarneauRead = new CountDownLatch(1);
    /** The communes of each read of the BAN, in order. */
    final List<List<Integer>> reads = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        store = TestStores.h2(home);
        Importer importer = new Importer(store, Progress.NONE, false);
        importer.addresses(SectorNamesWebTest.FIXTURE);
        Path douarnenez = home.resolve("adresses-29046-essai.csv");
        Files.writeString(douarnenez, "id;id_fantoir;numero;rep;nom_voie;code_postal;code_insee;nom_commune;"
                + "code_insee_ancienne_commune;nom_ancienne_commune;x;y;lon;lat;type_position;alias;nom_ld;"
                + "libelle_acheminement;nom_afnor;source_position;source_nom_voie;certification_commune\n"
                + "29046_0001_00001;29046_0001;1;;Quai du Port-Rhu;29100;29046;Douarnenez;;;;;-4.3300;48.0920;entrée;;;"
                + "DOUARNENEZ;QUAI DU PORT RHU;commune;commune;1\n", StandardCharsets.UTF_8);
        importer.addresses(douarnenez);
    }

    @AfterEach
    void stop() {
        release.countDown();
        asks.shutdownNow();
        store.close();
    }

    /** The BAN's names, each read recorded, a read of Concarneau held until {@link #release}. */
    SectorNameCache cacheHoldingConcarneau() {
        BiFunction<Store, Collection<Integer>, SectorNames> reader = (s, communes) -> {
            reads.add(List.copyOf(communes));
            if (communes.contains(29039)) {
                concarneauRead.countDown();
                try {
                    assertThat(release.await(10, TimeUnit.SECONDS)).as("released").isTrue();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }
            return Geography.sectorNames(s, communes);
        };
        return new SectorNameCache(store, reader);
    }

    /** Asks {@code cache} for Concarneau in another thread; returns once that ask's read of the BAN is held. */
    Future<String> askConcarneau(SectorNameCache cache) throws InterruptedException {
        Future<String> asked = asks.submit(() -> cache.name(29039));
        assertThat(concarneauRead.await(5, TimeUnit.SECONDS)).as("Concarneau's read started").isTrue();
        return asked;
    }

    @Test
    void twoFirstAsksForTheSameCommuneReadTheBanOnce() throws Exception {
        SectorNameCache cache = cacheHoldingConcarneau();
        Future<String> first = askConcarneau(cache);
        Future<String> second = asks.submit(() -> cache.name(29039));
        Thread.sleep(300); // time for the second ask to reach the cache: it must wait for the first's read, not read
        assertThat(second).isNotDone();
        assertThat(reads).containsExactly(List.of(29039));
        release.countDown();
        assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo("Concarneau (29039)");
        assertThat(second.get(5, TimeUnit.SECONDS)).isEqualTo("Concarneau (29039)");
        assertThat(reads).containsExactly(List.of(29039));
        // known now: asking again, alone or with another, reads only what is not known
        assertThat(cache.list(List.of(12, 29039, 29046))).isEqualTo("12e, Concarneau (29039), Douarnenez (29046)");
        assertThat(reads).containsExactly(List.of(29039), List.of(29046));
    }

    @Test
    void anAskForAnotherCommuneDoesNotWaitForASlowRead() throws Exception {
        SectorNameCache cache = cacheHoldingConcarneau();
        Future<String> concarneau = askConcarneau(cache);
        // Concarneau's read is held: Douarnenez is read and named meanwhile
        assertThat(asks.submit(() -> cache.name(29046)).get(5, TimeUnit.SECONDS)).isEqualTo("Douarnenez (29046)");
        assertThat(concarneau).isNotDone();
        release.countDown();
        assertThat(concarneau.get(5, TimeUnit.SECONDS)).isEqualTo("Concarneau (29039)");
        assertThat(reads).containsExactly(List.of(29039), List.of(29046));
    }

    @Test
    void aFailedReadIsReadAgainByTheNextAsk() {
        BiFunction<Store, Collection<Integer>, SectorNames> failingOnce = (s, communes) -> {
            reads.add(List.copyOf(communes));
            if (reads.size() == 1) {
                throw new IllegalStateException("base indisponible");
            }
            return Geography.sectorNames(s, communes);
        };
        SectorNameCache cache = new SectorNameCache(store, failingOnce);
        assertThatThrownBy(() -> cache.name(29039)).hasMessageContaining("base indisponible");
        assertThat(cache.name(29039)).isEqualTo("Concarneau (29039)");
        assertThat(reads).containsExactly(List.of(29039), List.of(29039));
    }
}
