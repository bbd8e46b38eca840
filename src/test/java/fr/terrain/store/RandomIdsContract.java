package fr.terrain.store;

import static org.assertj.core.api.Assertions.assertThat;

import fr.terrain.account.Account;
import fr.terrain.account.Role;
import fr.terrain.account.Secrets;
import fr.terrain.field.TurfScope;
import fr.terrain.mail.ContactFacts;
import fr.terrain.privacy.ConsentChannel;
import fr.terrain.privacy.ConsentEvent;
import fr.terrain.privacy.ConsentHistory;
import fr.terrain.privacy.IdentifierHasher;
import fr.terrain.privacy.SourceDeclaration;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ids of turfs, plans, teams, invitations, accounts, persons and consents are drawn at random (docs/adr/0030), on
 * every database (H2 and PostgreSQL subclasses): an organizer who sees some of them learns nothing from their gaps of
 * what the other sectors made, and the lists that read in creation order still do.
 */
abstract class RandomIdsContract {
    /** The range ADR 0030 sets: above any id an identity sequence handed out, below 2^53 (exact in a JavaScript Number). */
    static final long LOWEST = 4_294_967_296L; // 2^32
    static final long BOUND = 9_007_199_254_740_992L; // 2^53, Number.MAX_SAFE_INTEGER + 1

    static final int N = 50;

    @TempDir
    Path tmp;

    Store store;
    final Instant now = Instant.parse("2026-01-10T10:00:00Z");

    abstract Store newStore(Path tmp);

    void release(Store s) {
        s.close();
    }

    @BeforeEach
    void open() {
        store = newStore(tmp);
    }

    @AfterEach
    void close() {
        release(store);
    }

    /**
     * Ids in creation order. A sequence hands out n, n+1, n+2…; ids drawn at random from 2^53 − 2^32 values come out
     * sorted with probability 1/50! and two successive ones differ by one with probability about 49/2^52, and all 50
     * fall in the lower half of the range with probability 2^-50: none of the three happens by chance.
     */
    static void assertDrawnAtRandom(String what, List<Long> ids) {
        assertThat(ids).as(what).hasSize(N).doesNotHaveDuplicates()
                .allSatisfy(id -> assertThat(id).as(what).isBetween(LOWEST, BOUND - 1));
        assertThat(ids).as(what + " : dans l'ordre de création, pas croissants").isNotEqualTo(ids.stream().sorted().toList());
        for (int i = 1; i < ids.size(); i++) {
            assertThat(Math.abs(ids.get(i) - ids.get(i - 1))).as(what + " : deux numéros qui se suivent").isGreaterThan(1);
        }
        assertThat(ids).as(what + " : tirés dans toute la plage").anyMatch(id -> id >= BOUND / 2);
    }

    @Test
    void idsOfWhatOrganizersSeeAreDrawnAtRandomBetween2To32And2To53() {
        List<Long> plans = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            plans.add(FieldFixtures.plan(store, "plan " + i, 1, 1).id());
        }
        List<Long> turfs = FieldFixtures.plan(store, "grand", N, 1).turfIds();
        List<Long> teams = IntStream.range(0, N).mapToObj(i -> Volunteers.addTeam(store, "équipe " + i, 1 + i % 20, now,
                "test").id()).toList();
        List<Long> invitations = IntStream.range(0, N).mapToObj(i -> InvitationLinks.create(store,
                Secrets.sha256(Secrets.randomToken(32)), Role.CANVASSER, Set.of(11), Optional.empty(), "test", now,
                now.plus(Duration.ofDays(7))).id()).toList();
        List<Long> accounts = IntStream.range(0, N).mapToObj(i -> Accounts.add(store, Account.of("compte" + i,
                Role.CANVASSER, Set.of(11)), "$argon2id$test", now).id()).toList();
        ConsentLedger.addNotice(store, "canvass-v1", ConsentChannel.CANVASS_OPINION, "Votre opinion…", "test");
        List<Long> persons = new ArrayList<>();
        List<Long> consents = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            long person = Persons.findOrCreate(store, "MARTIN", "Léa", LocalDate.of(1980, 1, 1).plusDays(i), null).id();
            persons.add(person);
            consents.add(ConsentLedger.append(store, person, new ConsentEvent(0, ConsentChannel.CANVASS_OPINION,
                    ConsentEvent.Kind.GIVEN, now, "canvass", "canvass-v1", null, null, "test", now), "test").id());
        }
        assertDrawnAtRandom("plans", plans);
        assertDrawnAtRandom("tournées", turfs);
        assertDrawnAtRandom("équipes", teams);
        assertDrawnAtRandom("invitations", invitations);
        assertDrawnAtRandom("comptes", accounts);
        assertDrawnAtRandom("personnes", persons);
        assertDrawnAtRandom("consentements", consents);
    }

    @Test
    void listsInCreationOrderStayInCreationOrder() {
        List<String> created = new ArrayList<>();
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            FieldStore.SavedPlan p = FieldFixtures.plan(store, "plan " + i, 1, 1);
            created.add(p.name());
            ids.add(p.id());
        }
        assertThat(ids).isNotEqualTo(ids.stream().sorted().toList()); // else this test would prove nothing
        List<String> newestFirst = created.reversed();
        assertThat(FieldStore.plans(store)).containsExactlyElementsOf(newestFirst);
        assertThat(FieldStore.planSummaries(store, new TurfScope.All())).extracting(FieldStore.PlanSummary::name)
                .containsExactlyElementsOf(newestFirst);

        // a plan's turfs by number, whatever their ids
        FieldStore.SavedPlan big = FieldFixtures.plan(store, "grand", N, 1);
        assertThat(FieldStore.turfIdsOfPlan(store, big.id())).containsExactlyElementsOf(big.turfIds());
        assertThat(FieldStore.turfs(store, new TurfScope.All()).stream().filter(t -> t.plan().equals("grand")))
                .extracting(FieldStore.SavedTurf::number).containsExactlyElementsOf(IntStream.rangeClosed(1, N).boxed().toList());
        assertThat(big.turfIds()).isNotEqualTo(big.turfIds().stream().sorted().toList());
    }

    @Test
    void aDrawnIdAlreadyTakenIsDrawnAgain() {
        long taken = Volunteers.addTeam(store, "Bel-Air", 12, now, "test").id();
        // the draws: the taken id twice, then one twice within the draw, then fresh ones
        LongStream.Builder draws = LongStream.builder().add(taken).add(taken).add(LOWEST + 7).add(LOWEST + 7)
                .add(LOWEST + 8).add(LOWEST + 9);
        var it = draws.build().iterator();
        List<Long> ids = store.jdbi().withHandle(h -> RandomIds.next(h, RandomIds.Table.TEAM, 3, it::nextLong));
        assertThat(ids).containsExactly(LOWEST + 7, LOWEST + 8, LOWEST + 9);
    }

    /**
     * An import draws its rows' ids close together (one run of {@link RandomIds#BLOCK} consecutive ids per
     * {@link RandomIds#BLOCK} rows, so that the rows share pages: spread over the range, a 100,000 contacts import took
     * 3.4 times as long on H2), at a random place, in an order that is not the file's.
     */
    @Test
    void anImportDrawsItsIdsInOneRunAtRandom() {
        IdentifierHasher hasher = new IdentifierHasher(new byte[32]);
        ConsentLedger.addNotice(store, "email-v1", ConsentChannel.EMAIL, "Vos données servent à…", "test");
        List<MailStore.NewContact> rows = IntStream.range(0, N).mapToObj(i -> new MailStore.NewContact(i + 2,
                "c" + i + "@exemple.fr", "C" + i, 11, null, Set.of(), true)).toList();
        MailStore.importContacts(store, hasher, "f.csv", "x", SourceDeclaration.parse("campaign-collected", null, null,
                null), "email-v1", LocalDate.of(2026, 1, 5), rows, "test");
        // the persons in the file's order (their first names say their line), and the consent of each
        List<Long> persons = store.jdbi().withHandle(h -> h.createQuery("SELECT id FROM person ORDER BY"
                + " CAST(SUBSTRING(first_names, 2) AS INT)").mapTo(Long.class).list());
        List<Long> consents = store.jdbi().withHandle(h -> h.createQuery("SELECT e.id FROM consent_event e JOIN person p"
                + " ON p.id = e.person_id ORDER BY CAST(SUBSTRING(p.first_names, 2) AS INT)").mapTo(Long.class).list());
        for (var ids : List.of(persons, consents)) {
            assertThat(ids).hasSize(N).doesNotHaveDuplicates()
                    .allSatisfy(id -> assertThat(id).isBetween(LOWEST, BOUND - 1));
            assertThat(ids.stream().mapToLong(Long::longValue).max().orElseThrow()
                    - ids.stream().mapToLong(Long::longValue).min().orElseThrow()).isLessThan(RandomIds.BLOCK);
            assertThat(ids).isNotEqualTo(ids.stream().sorted().toList()); // 50 of a shuffled run: sorted once in 50!
        }
    }

    @Test
    void aRunWithAnIdTakenIsDrawnAgain() {
        long taken = Volunteers.addTeam(store, "Bel-Air", 12, now, "test").id();
        var starts = LongStream.of(taken - 10, LOWEST + 5000).iterator();
        List<Long> ids = store.jdbi().withHandle(h -> RandomIds.block(h, RandomIds.Table.TEAM, 3, starts::nextLong));
        assertThat(ids).doesNotHaveDuplicates().allSatisfy(id -> assertThat(id)
                .isBetween(LOWEST + 5000, LOWEST + 5000 + RandomIds.BLOCK - 1));
    }

    @Test
    void rowsOfAnOlderStoreKeepTheirIdsAndNewOnesAvoidThem() {
        // rows as a store's identity sequence numbered them before random ids (1, 2…)
        long old = store.jdbi().withHandle(h -> {
            h.createUpdate("INSERT INTO team (name, arrondissement, created_at) VALUES ('Ancienne', 12, :t)")
                    .bind("t", Times.bind(now)).execute();
            return h.createQuery("SELECT id FROM team WHERE name = 'Ancienne'").mapTo(Long.class).one();
        });
        assertThat(old).isLessThan(LOWEST);
        long added = Volunteers.addTeam(store, "Nouvelle", 12, now, "test").id();
        assertThat(added).isBetween(LOWEST, BOUND - 1);
        assertThat(Volunteers.teams(store, Optional.empty())).extracting(Volunteers.Team::id, Volunteers.Team::name)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(old, "Ancienne"),
                        org.assertj.core.groups.Tuple.tuple(added, "Nouvelle"));
    }

    /**
     * A consent given and withdrawn at the same instant, recorded at the same instant: the ids once told which came last;
     * drawn at random, they tell nothing, and the withdrawal prevails. Here the withdrawal holds the smaller id, so that
     * ordering by id (as before) would have left the consent given.
     */
    @Test
    void aWithdrawalAsOldAsTheConsentPrevailsWhateverTheIds() {
        IdentifierHasher hasher = new IdentifierHasher(new byte[32]);
        ConsentLedger.addNotice(store, "email-v1", ConsentChannel.EMAIL, "Vos données servent à…", "test");
        MailStore.importContacts(store, hasher, "f.csv", "x", SourceDeclaration.parse("campaign-collected", null, null,
                null), "email-v1", LocalDate.of(2026, 1, 5), List.of(new MailStore.NewContact(2, "a@exemple.fr", "A", 11,
                null, Set.of(), true)), "test");
        ContactFacts before = MailStore.facts(store, now).get(0);
        assertThat(before.emailConsent()).isEqualTo(ConsentHistory.Status.GIVEN);
        ConsentEvent given = ConsentLedger.history(store, before.personId()).events().get(0);
        store.jdbi().useHandle(h -> h.createUpdate("INSERT INTO consent_event (id, person_id, channel, event, effective_at,"
                        + " method, recorded_by, recorded_at) VALUES (:id, :p, 'email', 'withdrawn', :at, 'mail', 'test', :r)")
                .bind("id", given.id() - 1).bind("p", before.personId())
                .bind("at", LocalDateTime.ofInstant(given.effectiveAt(), ZoneOffset.UTC))
                .bind("r", LocalDateTime.ofInstant(given.recordedAt(), ZoneOffset.UTC)).execute());
        assertThat(MailStore.facts(store, now).get(0).emailConsent()).isEqualTo(ConsentHistory.Status.WITHDRAWN);
        assertThat(ConsentLedger.history(store, before.personId()).stateOf(ConsentChannel.EMAIL, now).status())
                .isEqualTo(ConsentHistory.Status.WITHDRAWN);
    }
}
