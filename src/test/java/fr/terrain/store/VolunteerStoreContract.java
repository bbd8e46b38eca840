package fr.terrain.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.terrain.account.Account;
import fr.terrain.account.Role;
import fr.terrain.account.Secrets;
import fr.terrain.field.Suggestions;
import fr.terrain.field.WeeklySlot;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Invitations, teams, volunteers and availability on every database (H2 and PostgreSQL subclasses). */
abstract class VolunteerStoreContract {
    static final String HASH = "$argon2id$v=19$m=64,t=1,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaA";

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

    String invite(Role role, Set<Integer> sectors, Optional<Long> team, Instant expires) {
        String token = Secrets.randomToken(32);
        InvitationLinks.create(store, Secrets.sha256(token), role, sectors, team, "orga", now, expires);
        return token;
    }

    long accounts() {
        return Accounts.count(store);
    }

    /** Overlapping slots are refused by their numbers in the page's list, and nothing is stored. */
    @Test
    void overlappingSlotsAreNamedByTheirNumbers() {
        long sarah = Accounts.add(store, fr.terrain.account.Account.of("sarah", Role.CANVASSER, Set.of(12)), "x", now).id();
        var saturday = new fr.terrain.field.WeeklySlot(java.time.DayOfWeek.SATURDAY, java.time.LocalTime.of(10, 0),
                java.time.LocalTime.of(12, 0));
        var sunday = new fr.terrain.field.WeeklySlot(java.time.DayOfWeek.SUNDAY, java.time.LocalTime.of(10, 0),
                java.time.LocalTime.of(12, 0));
        var late = new fr.terrain.field.WeeklySlot(java.time.DayOfWeek.SATURDAY, java.time.LocalTime.of(11, 0),
                java.time.LocalTime.of(13, 0));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Volunteers.setAvailability(store, sarah,
                java.util.List.of(saturday, sunday, late), Optional.empty(), now))
                .hasMessageStartingWith("Les créneaux 1 et 3 se chevauchent : ");
        assertThat(Volunteers.find(store, sarah).orElseThrow().slots()).as("nothing stored").isEmpty();
    }

    @Test
    void anInvitationCreatesItsAccountAndProfileOnceAndKeepsOnlyTheHashOfItsToken() {
        Volunteers.Team team = Volunteers.addTeam(store, "12e Bel-Air", 12, now, "orga");
        String token = invite(Role.CANVASSER, Set.of(12), Optional.of(team.id()), now.plus(Duration.ofDays(7)));
        String everything = TestStores.dumpAll(store);
        assertThat(everything).doesNotContain(token).contains(Secrets.sha256(token));

        AccountRecord camille = InvitationLinks.accept(store, Secrets.sha256(token), "camille", "Camille B.", HASH,
                now.plusSeconds(60));
        assertThat(camille.account()).isEqualTo(Account.of("camille", Role.CANVASSER, Set.of(12)));
        Volunteers.Volunteer v = Volunteers.find(store, camille.id()).orElseThrow();
        assertThat(v.displayName()).isEqualTo("Camille B.");
        assertThat(v.team()).contains(team);
        assertThat(InvitationLinks.find(store, Secrets.sha256(token)).orElseThrow().usedAt()).contains(now.plusSeconds(60));
        assertThat(AuditLog.all(store)).extracting(AuditEntry -> AuditEntry.action())
                .contains("team.add", "invitation.create", "user.add");

        long before = accounts();
        assertThatThrownBy(() -> InvitationLinks.accept(store, Secrets.sha256(token), "autre", "Autre", HASH, now.plusSeconds(120)))
                .isInstanceOfSatisfying(InvitationLinks.Refused.class, e ->
                        assertThat(e.refusal()).isEqualTo(InvitationLinks.Refusal.USED));
        assertThat(accounts()).isEqualTo(before);
        assertThat(Accounts.find(store, "autre")).isEmpty();
    }

    @Test
    void anExpiredOrUnknownInvitationCreatesNothing() {
        String token = invite(Role.CANVASSER, Set.of(12), Optional.empty(), now.plus(Duration.ofDays(1)));
        assertThatThrownBy(() -> InvitationLinks.accept(store, Secrets.sha256(token), "tard", "Tard", HASH,
                now.plus(Duration.ofDays(1))))
                .isInstanceOfSatisfying(InvitationLinks.Refused.class, e ->
                        assertThat(e.refusal()).isEqualTo(InvitationLinks.Refusal.EXPIRED));
        assertThatThrownBy(() -> InvitationLinks.accept(store, Secrets.sha256("inconnu"), "x", "X", HASH, now))
                .isInstanceOfSatisfying(InvitationLinks.Refused.class, e ->
                        assertThat(e.refusal()).isEqualTo(InvitationLinks.Refusal.UNKNOWN));
        assertThat(accounts()).isZero();
        assertThat(InvitationLinks.find(store, Secrets.sha256(token)).orElseThrow().usedAt()).isEmpty();
    }

    @Test
    void aNameAlreadyTakenLeavesTheInvitationUsable() {
        Accounts.add(store, Account.of("camille", Role.ANALYST, Set.of()), HASH, now);
        String token = invite(Role.CANVASSER, Set.of(12), Optional.empty(), now.plus(Duration.ofDays(7)));
        assertThatThrownBy(() -> InvitationLinks.accept(store, Secrets.sha256(token), "camille", "Camille", HASH, now))
                .isInstanceOfSatisfying(InvitationLinks.Refused.class, e ->
                        assertThat(e.refusal()).isEqualTo(InvitationLinks.Refusal.NAME_TAKEN));
        assertThat(InvitationLinks.find(store, Secrets.sha256(token)).orElseThrow().usedAt()).isEmpty();
        AccountRecord other = InvitationLinks.accept(store, Secrets.sha256(token), "camille2", "Camille", HASH, now);
        assertThat(other.account().role()).isEqualTo(Role.CANVASSER);
        assertThat(Accounts.find(store, "camille").orElseThrow().account().role()).isEqualTo(Role.ANALYST);
    }

    @Test
    void twoPeopleOpeningTheSameLinkAtOnceGetOneAccountBetweenThem() throws Exception {
        String token = invite(Role.CANVASSER, Set.of(12), Optional.empty(), now.plus(Duration.ofDays(7)));
        int people = 6;
        ExecutorService pool = Executors.newFixedThreadPool(people);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Boolean>> tries = new ArrayList<>();
        for (int i = 0; i < people; i++) {
            String name = "personne" + i;
            Callable<Boolean> attempt = () -> {
                go.await();
                try {
                    InvitationLinks.accept(store, Secrets.sha256(token), name, name, HASH, now);
                    return true;
                } catch (InvitationLinks.Refused e) {
                    assertThat(e.refusal()).isEqualTo(InvitationLinks.Refusal.USED);
                    return false;
                } catch (org.jdbi.v3.core.JdbiException e) { // a serialisation failure is a refusal too
                    return false;
                }
            };
            tries.add(pool.submit(attempt));
        }
        go.countDown();
        int created = 0;
        for (Future<Boolean> f : tries) {
            created += f.get() ? 1 : 0;
        }
        pool.shutdown();
        assertThat(created).isEqualTo(1);
        assertThat(accounts()).isEqualTo(1);
        int profiles = store.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM volunteer").mapTo(Integer.class).one());
        assertThat(profiles).isEqualTo(1);
    }

    @Test
    void teamsHaveUniqueNamesAndAreListedBySector() {
        Volunteers.addTeam(store, "11e Nord", 11, now, "orga");
        Volunteers.addTeam(store, "12e Bel-Air", 12, now, "orga");
        assertThatThrownBy(() -> Volunteers.addTeam(store, " 12e Bel-Air ", 12, now, "orga")).hasMessageContaining("existe déjà");
        assertThat(Volunteers.teams(store, Optional.of(Set.of(12)))).extracting(Volunteers.Team::name).containsExactly("12e Bel-Air");
        assertThat(Volunteers.teams(store, Optional.empty())).hasSize(2);
    }

    @Test
    void aTeamNameIsUniqueWithinItsArrondissementOnly() {
        // two sectors' organizers never learn each other's team names by a refusal: the 20th may name a team as the
        // 12th did (V23), and the database itself, not only the code, keeps one such name per arrondissement
        Volunteers.Team twelfth = Volunteers.addTeam(store, "Bel-Air", 12, now, "orga12");
        Volunteers.Team twentieth = Volunteers.addTeam(store, "Bel-Air", 20, now, "orga20");
        assertThat(twentieth.id()).isNotEqualTo(twelfth.id());
        assertThat(Volunteers.teamsNamed(store, "Bel-Air")).extracting(Volunteers.Team::arrondissement).containsExactly(12, 20);
        assertThatThrownBy(() -> Volunteers.addTeam(store, "Bel-Air", 20, now, "orga20"))
                .hasMessage("l'équipe « Bel-Air » existe déjà dans le 20e arrondissement");
        assertThatThrownBy(() -> store.jdbi().useHandle(h -> h.execute(
                "INSERT INTO team (name, arrondissement, created_at) VALUES ('Bel-Air', 12, CURRENT_TIMESTAMP)")))
                .as("the unique key of V23").isNotNull();
        assertThat(Volunteers.teamsNamed(store, "Bel-Air")).hasSize(2);
    }

    /**
     * A team may be a commune's (ADR 0032): Concarneau's is seen by its organizer, not by the 12th's; a volunteer of
     * Concarneau invited into it is listed to Concarneau's organizer only; a code that is no sector is refused.
     */
    @Test
    void aCommuneHasItsTeamsAndVolunteersSeenByItsOrganizerOnly() {
        Volunteers.Team concarneau = Volunteers.addTeam(store, "Centre-ville", 29039, now, "orga");
        Volunteers.addTeam(store, "Centre-ville", 12, now, "orga");
        Volunteers.Team ajaccio = Volunteers.addTeam(store, "Centre", 20004, now, "orga"); // 2A004, as CommuneCodes reads it
        assertThat(Volunteers.teams(store, Optional.of(Set.of(29039)))).containsExactly(concarneau);
        assertThat(Volunteers.teams(store, Optional.of(Set.of(12)))).extracting(Volunteers.Team::arrondissement)
                .containsExactly(12);
        assertThat(ajaccio.arrondissement()).isEqualTo(20004);
        assertThatThrownBy(() -> Volunteers.addTeam(store, "Centre-ville", 29039, now, "orga"))
                .hasMessage("l'équipe « Centre-ville » existe déjà dans la commune 29039"); // no BAN address: no name
        for (int notASector : new int[] {0, 100, 1000, 75112, 75056, 100_000}) {
            assertThatThrownBy(() -> Volunteers.addTeam(store, "X", notASector, now, "orga"))
                    .as("sector %d", notASector).hasMessageContaining("secteur invalide : " + notASector);
        }

        String token = invite(Role.CANVASSER, Set.of(29039), Optional.of(concarneau.id()), now.plus(Duration.ofDays(7)));
        AccountRecord yann = InvitationLinks.accept(store, Secrets.sha256(token), "yann", "Yann", HASH, now.plusSeconds(60));
        assertThat(yann.account().sectors()).containsExactly(29039);
        assertThat(Volunteers.list(store, Optional.of(Set.of(29039)))).extracting(v -> v.account().name()).containsExactly("yann");
        assertThat(Volunteers.list(store, Optional.of(Set.of(12)))).isEmpty();
    }

    @Test
    void availabilityIsReplacedWholeAndOverlapsAreRefused() {
        AccountRecord user = Accounts.add(store, Account.of("lea", Role.CANVASSER, Set.of(12)), HASH, now);
        assertThat(Volunteers.find(store, user.id()).orElseThrow().displayName()).as("listed before any profile").isEqualTo("lea");
        List<WeeklySlot> slots = List.of(new WeeklySlot(DayOfWeek.SATURDAY, LocalTime.of(10, 0), LocalTime.of(12, 30)),
                new WeeklySlot(DayOfWeek.WEDNESDAY, LocalTime.of(18, 0), LocalTime.of(20, 0)));
        Optional<Suggestions.Point> home = Optional.of(new Suggestions.Point(2.3954, 48.8449));
        assertThat(Volunteers.setAvailability(store, user.id(), slots, home, now)).isTrue();
        Volunteers.Volunteer v = Volunteers.find(store, user.id()).orElseThrow();
        assertThat(v.slots()).containsExactly(slots.get(1), slots.get(0)); // by day of the week
        assertThat(v.home()).isEqualTo(home);
        assertThat(v.forSuggestion().weeklyMinutes()).isEqualTo(150 + 120);

        List<WeeklySlot> overlapping = List.of(new WeeklySlot(DayOfWeek.MONDAY, LocalTime.of(10, 0), LocalTime.of(12, 0)),
                new WeeklySlot(DayOfWeek.MONDAY, LocalTime.of(11, 0), LocalTime.of(13, 0)));
        assertThatThrownBy(() -> Volunteers.setAvailability(store, user.id(), overlapping, Optional.empty(), now))
                .hasMessageContaining("chevauchent");
        assertThat(Volunteers.find(store, user.id()).orElseThrow().slots()).hasSize(2);

        assertThat(Volunteers.setAvailability(store, user.id(), List.of(), Optional.empty(), now)).isTrue();
        assertThat(Volunteers.find(store, user.id()).orElseThrow().slots()).isEmpty();
        assertThat(Volunteers.find(store, user.id()).orElseThrow().home()).isEmpty();

        AccountRecord analyst = Accounts.add(store, Account.of("ana", Role.ANALYST, Set.of()), HASH, now);
        assertThat(Volunteers.setAvailability(store, analyst.id(), slots, home, now)).as("not a field role").isFalse();
        assertThat(Volunteers.find(store, analyst.id())).isEmpty();
    }

    @Test
    void volunteersProfilesAreHeldForReviewAndGoWithADisabledAccount() {
        AccountRecord lea = Accounts.add(store, Account.of("lea", Role.CANVASSER, Set.of(12)), HASH, now);
        AccountRecord paul = Accounts.add(store, Account.of("paul", Role.CANVASSER, Set.of(11)), HASH, now);
        List<WeeklySlot> slots = List.of(new WeeklySlot(DayOfWeek.SATURDAY, LocalTime.of(10, 0), LocalTime.of(12, 0)));
        Volunteers.setAvailability(store, lea.id(), slots, Optional.of(new Suggestions.Point(2.39, 48.84)), now);
        Volunteers.setAvailability(store, paul.id(), slots, Optional.empty(), now);

        // members' data with no dated end of engagement: declared, and kept for review rather than deleted silently
        var held = PersonalData.holdings(store);
        assertThat(held).singleElement().satisfies(h -> {
            assertThat(h.category()).isEqualTo(fr.terrain.privacy.SourceCategory.MEMBERS);
            assertThat(h.scope()).isEqualTo(PersonalData.VOLUNTEERS_SCOPE);
            assertThat(h.records()).isEqualTo(2);
            assertThat(h.event()).isEmpty();
        });
        var plan = fr.terrain.privacy.Retention.decide(fr.terrain.privacy.RetentionPolicy.defaults(),
                java.time.LocalDate.of(2030, 1, 1), held);
        assertThat(plan.toDelete()).isEmpty();
        assertThat(plan.toReview()).hasSize(1);

        assertThat(Accounts.disable(store, "lea", "orga")).isTrue();
        long leasSlots = store.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM volunteer_availability"
                + " WHERE user_id = :u").bind("u", lea.id()).mapTo(Long.class).one());
        assertThat(leasSlots).isZero();
        assertThat(PersonalData.holdings(store)).singleElement().satisfies(h -> assertThat(h.records()).isEqualTo(1));
        assertThat(Volunteers.find(store, paul.id()).orElseThrow().slots()).containsExactlyElementsOf(slots);
        assertThat(AuditLog.all(store)).anySatisfy(e -> {
            assertThat(e.target()).isEqualTo("user:lea");
            assertThat(e.detail()).contains("profil de bénévole effacé");
        });
    }

    @Test
    void organizersSeeTheVolunteersOfTheirSectorsAndTheirTeams() {
        Volunteers.Team team12 = Volunteers.addTeam(store, "12e Bel-Air", 12, now, "orga");
        AccountRecord of11 = Accounts.add(store, Account.of("onze", Role.CANVASSER, Set.of(11)), HASH, now);
        AccountRecord of12 = Accounts.add(store, Account.of("douze", Role.CANVASSER, Set.of(12)), HASH, now);
        Accounts.add(store, Account.of("ana", Role.ANALYST, Set.of(12)), HASH, now);
        assertThat(Volunteers.list(store, Optional.of(Set.of(12)))).extracting(v -> v.account().name()).containsExactly("douze");
        Volunteers.setTeam(store, of11.id(), Optional.of(team12.id()), now, "orga");
        assertThat(Volunteers.list(store, Optional.of(Set.of(12)))).extracting(v -> v.account().name())
                .containsExactlyInAnyOrder("douze", "onze");
        assertThat(Volunteers.find(store, of11.id()).orElseThrow().sectors()).containsExactly(11, 12);
        assertThat(Volunteers.list(store, Optional.empty())).hasSize(2);
        assertThat(of12.id()).isNotEqualTo(of11.id());
    }

    @Test
    void theLoadCountsUnfinishedTurfsAndOpenTurfsAreThoseWithoutCanvasser() {
        AccountRecord lea = Accounts.add(store, Account.of("lea", Role.CANVASSER, Set.of(12)), HASH, now);
        long plan = TurfRows.plan(store, "essai");
        var door = new TurfRows.Door("75112_0001_00001", "1 rue A", 2.39, 48.84, 2);
        long t1 = TurfRows.turf(store, plan, 1, 12, 2.39, 48.84, 90.5, "transports", List.of(door));
        long t2 = TurfRows.turf(store, plan, 2, 12, 2.40, 48.84, 60, null,
                List.of(new TurfRows.Door("75112_0002_00002", "2 rue B", 2.40, 48.84, 1)));
        long t3 = TurfRows.turf(store, plan, 3, 11, 2.38, 48.86, 45, null, List.of());
        TurfRows.assign(store, t1, lea.id());
        TurfRows.assign(store, t2, lea.id());
        Volunteers.Volunteer v = Volunteers.find(store, lea.id()).orElseThrow();
        assertThat(v.turfsHeld()).isEqualTo(2);
        assertThat(v.minutesHeld()).isEqualTo(150.5);
        store.jdbi().useHandle(h -> h.createUpdate("INSERT INTO door_outcome (client_id, turf_id, door_id, canvasser_id, outcome,"
                        + " recorded_at, received_at) VALUES ('c1', :t, :d, :u, 'absent', :now, :now)")
                .bind("t", t1).bind("d", door.id()).bind("u", lea.id()).bind("now", Times.bind(now)).execute());
        v = Volunteers.find(store, lea.id()).orElseThrow();
        assertThat(v.turfsHeld()).as("turf 1 finished").isEqualTo(1);
        assertThat(v.minutesHeld()).isEqualTo(60.0);
        assertThat(Volunteers.openTurfs(store, Optional.empty())).extracting(Suggestions.OpenTurf::id).containsExactly(t3);
        TurfRows.assign(store, t2, null);
        assertThat(Volunteers.openTurfs(store, Optional.of(Set.of(12)))).extracting(Suggestions.OpenTurf::id).containsExactly(t2);
    }
}
