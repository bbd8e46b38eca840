package fr.terrain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import fr.terrain.ingest.ElectoralListReader;
import fr.terrain.mail.ContactFacts;
import fr.terrain.store.AuditLog;
import fr.terrain.store.MailFixture;
import fr.terrain.store.MailStore;
import fr.terrain.store.Store;
import fr.terrain.store.TestStores;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code terrain backup} and {@code terrain restore} round trips, on H2, on PostgreSQL and from
 * one to the other: every table reads back the same, the restore is audited, a wrong passphrase
 * or a non-empty store changes nothing.
 */
class BackupRestoreTest {
    static final String PASSPHRASE = "une phrase de passe de sauvegarde";

    @TempDir
    Path tmp;

    final List<Store> schemas = new ArrayList<>();

    record Run(int exit, String out, String err) {}

    /** A place for a store: the CLI arguments that reach it, and how a test opens it. */
    record Place(List<String> args, java.util.function.Supplier<Store> open) {}

    Place place(String database, String name) {
        if (database.equals("h2")) {
            Path home = tmp.resolve(name);
            return new Place(List.of("--home", home.toString()), () -> TestStores.h2(home));
        }
        Store pg = TestStores.postgres();
        String schema = pg.description().substring(pg.description().lastIndexOf(" schema ") + 8);
        schemas.add(pg);
        pg.close();
        return new Place(List.of("--db", TestStores.PG_URL + "?user=" + TestStores.PG_USER + "&currentSchema=" + schema,
                "--home", tmp.resolve("unused").toString()),
                () -> Store.url(TestStores.PG_URL, TestStores.PG_USER, null, schema));
    }

    @AfterEach
    void dropSchemas() {
        schemas.forEach(TestStores::dropSchema);
    }

    Run run(Place where, String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cli = Terrain.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(where.args());
        java.io.InputStream saved = System.in;
        System.setIn(new java.io.ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        try {
            return new Run(cli.execute(all.toArray(String[]::new)), out.toString(), err.toString());
        } finally {
            System.setIn(saved);
        }
    }

    /** Some of everything: an election, voters with dates, an account with time-zoned dates, audit entries. */
    void fill(Place p) throws Exception {
        Path list = tmp.resolve("liste.csv");
        Files.writeString(list, String.join(";", ElectoralListReader.COLUMNS) + "\n"
                + "LG;LE;01/01/2026;75;75112;Paris 12e;1;F;DUPONT;;Marie;03/04/1970;Lyon;69;FRANCE;;École;7;;8;;;12;RUE;DE PICPUS;;75012;PARIS;FRANCE\n"
                + "LG;LE;01/01/2026;75;75112;Paris 12e;2;M;DURAND;;Paul Émile;30/11/1990;Paris;75;FRANCE;;École;8;;8;;;14;RUE;DE PICPUS;;75012;PARIS;FRANCE\n",
                StandardCharsets.UTF_8);
        assertThat(run(p, "", "election", "add", "paris-2026", "--kind", "municipales", "--round1", "2026-03-15",
                "--round2", "2026-03-22").exit()).isZero();
        Run imported = run(p, "", "import", "voters", list.toString(), "--source", "electoral-list", "--election",
                "paris-2026", "--provider", "Préfecture", "--collected-on", "2026-01-10");
        assertThat(imported.exit()).as(imported.err()).isZero();
        assertThat(run(p, "un mot de passe solide\n", "user", "add", "claire", "--role", "organizer", "--sectors", "12")
                .exit()).isZero();
        try (Store s = p.open().get()) {
            AuditLog.append(s, "claire", "voters.view", "paris-2026", 2, "station=12-7");
        }
    }

    /** The SMS consent notice « sms-2026-01 », registered. */
    void smsNotice(Place p) throws Exception {
        Path notice = tmp.resolve("sms.txt");
        Files.writeString(notice, "Vous recevrez des SMS de la campagne ; répondez STOP pour ne plus en recevoir.");
        Run r = run(p, "", "consent", "notice", "sms-2026-01", "--channel", "sms", "--file", notice.toString());
        assertThat(r.exit()).as(r.err()).isZero();
    }

    /** Marie Dupont's e-mail address imported as a regular contact's (no e-mail consent). */
    void marieAsRegularContact(Place p) throws Exception {
        Path contacts = tmp.resolve("contacts.csv");
        Files.writeString(contacts, "email;first_name;sector;consent_email\nmarie.dupont@example.fr;Marie;12;non\n");
        Run r = run(p, "", "contacts", "import", contacts.toString(), "--source", "regular-contacts");
        assertThat(r.exit()).as(r.err()).isZero();
    }

    /** Every table; the PostgreSQL schema's own name (in Flyway's history) differs from store to store. */
    String dump(Place p) {
        try (Store s = p.open().get()) {
            return TestStores.dumpAll(s).replaceAll("script=\"t_[0-9a-f]+\"", "script=SCHEMA");
        }
    }

    /** The dump of a restored store without the restore's own audit entry (the one thing a restore adds). */
    static String withoutRestoreEntry(String dump) {
        List<String> lines = new ArrayList<>(List.of(dump.split("\n", -1)));
        int removed = 0;
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (lines.get(i).contains("|action=backup.restore|")) {
                lines.remove(i);
                removed++;
            }
        }
        assertThat(removed).isEqualTo(1);
        return String.join("\n", lines).replaceAll("## audit_entry \\((\\d+)\\)", "## audit_entry (#)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void aBackupRestoresEveryTableIntoAnEmptyStore(String database) throws Exception {
        Place source = place(database, "source");
        fill(source);
        Path file = tmp.resolve("sauvegarde.terrain");
        String before = dump(source);
        Run backup = run(source, PASSPHRASE + "\n", "backup", "--out", file.toString());
        assertThat(backup.exit()).as(backup.err()).isZero();
        assertThat(backup.out()).contains("✔ sauvegarde chiffrée");
        assertThat(dump(source)).contains("|action=backup.write|target=sauvegarde.terrain|");
        byte[] bytes = Files.readAllBytes(file);
        assertThat(new String(bytes, StandardCharsets.ISO_8859_1)).startsWith("TERRAIN\u0001")
                .doesNotContain("DUPONT").doesNotContain("argon2id").doesNotContain("manifest");

        Place target = place(database, "target");
        Run restore = run(target, PASSPHRASE + "\n", "restore", file.toString());
        assertThat(restore.exit()).as(restore.err()).isZero();
        assertThat(withoutRestoreEntry(dump(target)))
                .isEqualTo(before.replaceAll("## audit_entry \\((\\d+)\\)", "## audit_entry (#)"));
        assertThat(run(target, "", "audit", "verify").exit()).isIn(0, 2); // the chain holds (when the audit command exists)
        // identities continue after the restored ids: a new account and a new import can be added
        assertThat(run(target, "un autre mot de passe\n", "user", "add", "paul", "--role", "analyst").exit()).isZero();
        try (Store s = target.open().get()) {
            var chain = AuditLog.all(s);
            assertThat(chain.get(chain.size() - 2).action()).isEqualTo("backup.restore");
            assertThat(chain.get(chain.size() - 1).action()).isEqualTo("user.add"); // the account added just above
            assertThat(fr.terrain.privacy.AuditChain.verify(chain)).isEmpty();
        }
    }

    @Test
    void theSuppressionListKeyTravelsWithTheBackupSoItsHashesStillMatch() throws Exception {
        Place source = place("h2", "source-key");
        fill(source);
        Run suppressed = run(source, "", "suppress", "--email", "Marie.Dupont@Example.fr", "--reason", "objection");
        assertThat(suppressed.exit()).as(suppressed.err()).isZero();
        Path file = tmp.resolve("avec-cle.terrain");
        assertThat(run(source, PASSPHRASE + "\n", "backup", "--out", file.toString()).exit()).isZero();

        Place target = place("h2", "target-key");
        Run restore = run(target, PASSPHRASE + "\n", "restore", file.toString());
        assertThat(restore.exit()).as(restore.err()).isZero();
        assertThat(Files.readAllBytes(tmp.resolve("target-key").resolve(fr.terrain.store.HashKeyFile.NAME)))
                .isEqualTo(Files.readAllBytes(tmp.resolve("source-key").resolve(fr.terrain.store.HashKeyFile.NAME)));
    }

    /** An audit checkpoint edited by hand: the restore still lands, says so, and leaves the file for who looks into it. */
    @Test
    void aRestoreOverAnUnreadableAuditCheckpointLandsAndLeavesTheFileAsItWas() throws Exception {
        Place source = place("h2", "source-checkpoint");
        fill(source);
        Path file = tmp.resolve("point.terrain");
        assertThat(run(source, PASSPHRASE + "\n", "backup", "--out", file.toString()).exit()).isZero();
        Place target = place("h2", "target-checkpoint");
        Path checkpoint = tmp.resolve("target-checkpoint").resolve(fr.terrain.compliance.AuditCheck.HEAD_FILE);
        Files.createDirectories(checkpoint.getParent());
        String edited = "1.first=" + "a".repeat(64) + "\n1.store=H2\n1.seq=douze\n1.hash=" + "b".repeat(64) + "\n";
        Files.writeString(checkpoint, edited);

        Run restore = run(target, PASSPHRASE + "\n", "restore", file.toString());
        assertThat(restore.exit()).as(restore.out() + restore.err()).isZero();
        assertThat(restore.out()).contains("✔ sauvegarde restaurée")
                .contains("point de contrôle du journal d'audit illisible, laissé tel quel")
                .contains("clé « 1.seq » : numéro d'entrée attendu, trouvé « douze »");
        assertThat(Files.readString(checkpoint)).isEqualTo(edited);
        assertThat(voters(target)).containsExactly("DUPONT", "DURAND");
    }

    static List<String> voters(Place p) {
        try (Store s = p.open().get()) {
            return s.jdbi().withHandle(h -> h.createQuery("SELECT birth_name FROM voter ORDER BY birth_name")
                    .mapTo(String.class).list());
        }
    }

    static java.util.Set<String> suppression(Place p) {
        try (Store s = p.open().get()) {
            List<String> rows = s.jdbi().withHandle(h -> h.createQuery(
                    "SELECT kind || ':' || identifier_hash || ':' || reason FROM suppression").mapTo(String.class).list());
            return new java.util.TreeSet<String>(rows);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void aRestoreInPlaceDoesNotBringBackWhomTheStoreLetGoSinceTheBackup(String database) throws Exception {
        Place p = place(database, "in-place");
        fill(p);
        String[] dupont = {"--name", "dupont", "--first-names", "Marie", "--birth-date", "1970-04-03"};
        List<String> request = new ArrayList<>(List.of("rights", "add", "--type", "erasure", "--received-on", "2026-02-01"));
        request.addAll(List.of(dupont));
        Run added = run(p, "", request.toArray(String[]::new));
        assertThat(added.exit()).as(added.err()).isZero();
        Path file = tmp.resolve("avant.terrain");
        assertThat(run(p, PASSPHRASE + "\n", "backup", "--out", file.toString()).exit()).isZero();

        // after the backup: Marie Dupont is erased (her request was open in the backup), Paul Durand objects by post
        Run erased = run(p, "", "rights", "erase", "1");
        assertThat(erased.exit()).as(erased.err()).isZero();
        Run objected = run(p, "", "suppress", "--name", "Durand", "--first-names", "paul émile", "--address",
                "14 rue de Picpus", "--postcode", "75012", "--via", "letter");
        assertThat(objected.exit()).as(objected.err()).isZero();
        // and asks, by e-mail, what the campaign holds on him: a request the backup does not have
        Run asked = run(p, "", "rights", "add", "--type", "access", "--received-on", "2026-02-05", "--via", "email",
                "--name", "durand", "--first-names", "Paul Émile", "--birth-date", "1990-11-30");
        assertThat(asked.exit()).as(asked.err()).isZero();
        assertThat(voters(p)).isEmpty();
        java.util.Set<String> listed = suppression(p);
        Run checked = run(p, "", "audit", "verify"); // a checkpoint at the log's head, as the server sets daily
        assertThat(checked.exit()).as(checked.out() + checked.err()).isZero();

        Run restored = run(p, PASSPHRASE + "\n", "restore", file.toString(), "--replace");
        assertThat(restored.exit()).as(restored.err()).isZero();
        // the backup held both voters and no suppression: both would be back without the list carried over
        assertThat(restored.out()).contains("1 personne(s) effacée(s) de nouveau")
                .contains("1 ligne(s) de liste électorale retirée(s)")
                .contains("1 demande(s) de droits reçue(s) depuis la sauvegarde gardée(s), 1 mise(s) à jour");
        assertThat(voters(p)).isEmpty();
        assertThat(suppression(p)).isEqualTo(listed);
        try (Store s = p.open().get()) {
            long dupontRecords = s.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM person WHERE birth_name = 'DUPONT'")
                    .mapTo(Long.class).one());
            assertThat(dupontRecords).isZero();
            var erasure = fr.terrain.store.RightsRequests.find(s, 1).orElseThrow();
            assertThat(erasure.status()).as("the request the backup held open is closed: it was done")
                    .isEqualTo(fr.terrain.privacy.RightsRequest.Status.DONE);
            assertThat(erasure.report()).as("with the erasure's own report").contains("\"deleted\"");
            var access = fr.terrain.store.RightsRequests.find(s, 2).orElseThrow();
            assertThat(access.kind()).isEqualTo(fr.terrain.privacy.RightsRequest.Kind.ACCESS);
            assertThat(access.status()).isEqualTo(fr.terrain.privacy.RightsRequest.Status.RECEIVED);
            assertThat(access.dueOn()).isEqualTo(java.time.LocalDate.of(2026, 3, 5)); // a month after 5 February
            assertThat(fr.terrain.store.Persons.find(s, access.personId().orElseThrow()).orElseThrow().birthName())
                    .isEqualToIgnoringCase("DURAND"); // recorded as typed: his list row went with his objection
            var chain = AuditLog.all(s);
            assertThat(chain.get(chain.size() - 1).detail()).contains("personne(s) effacée(s) de nouveau")
                    .contains("le journal d'audit de la base remplacée (entrées n° 1 à");
        }
        // the log is the backup's now, said in its restore entry: the checkpoint moved with it, no false alarm
        assertThat(restored.out()).contains("point de contrôle du journal d'audit placé après la restauration");
        Run verified = run(p, "", "audit", "verify");
        assertThat(verified.exit()).as(verified.out() + verified.err()).isZero();
        // and a new extract of the list brings neither back
        Run again = run(p, "", "import", "voters", tmp.resolve("liste.csv").toString(), "--source", "electoral-list",
                "--election", "paris-2026", "--provider", "Préfecture", "--collected-on", "2026-02-10");
        assertThat(again.exit()).as(again.err()).isZero();
        assertThat(voters(p)).isEmpty();
    }

    /** A person who objected before the backup and was erased after it: their hashes were listed already, as an objection. */
    @Test
    void anObjectorErasedAfterTheBackupStaysErased() throws Exception {
        Place p = place("h2", "objector");
        fill(p);
        Run added = run(p, "", "rights", "add", "--type", "erasure", "--received-on", "2026-02-01", "--name", "dupont",
                "--first-names", "Marie", "--birth-date", "1970-04-03");
        assertThat(added.exit()).as(added.err()).isZero();
        Run objected = run(p, "", "suppress", "--person", CommandRun.personNumber(added.out()), "--via", "letter");
        assertThat(objected.exit()).as(objected.err()).isZero();
        Path file = tmp.resolve("objector.terrain");
        assertThat(run(p, PASSPHRASE + "\n", "backup", "--out", file.toString()).exit()).isZero();

        Run erased = run(p, "", "rights", "erase", "1");
        assertThat(erased.exit()).as(erased.err()).isZero();
        Run restored = run(p, PASSPHRASE + "\n", "restore", file.toString(), "--replace");
        assertThat(restored.exit()).as(restored.err()).isZero();
        try (Store s = p.open().get()) {
            long dupont = s.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM person WHERE birth_name = 'DUPONT'")
                    .mapTo(Long.class).one());
            assertThat(dupont).as("erased after the backup, back after its restore").isZero();
        }
    }

    /**
     * Restoring an older backup, then a newer one in place: the rows the second restore adds (a withdrawal) must not take
     * ids the newer backup's rows hold.
     */
    @Test
    void reapplyingAfterAnEarlierRestoreDoesNotCollideWithRestoredIds() throws Exception {
        Place p = place("h2", "twice");
        fill(p);
        Path older = tmp.resolve("older.terrain");
        assertThat(run(p, PASSPHRASE + "\n", "backup", "--out", older.toString()).exit()).isZero();
        Path notice = tmp.resolve("notice.txt");
        Files.writeString(notice, "Vous recevrez les courriels de la campagne ; un lien dans chacun permet de se désinscrire.");
        assertThat(run(p, "", "consent", "notice", "courriel-2026-01", "--channel", "email", "--file", notice.toString())
                .exit()).isZero();
        Run consent = run(p, "", "consent", "record", "--channel", "email", "--notice", "courriel-2026-01", "--method",
                "web-form", "--at", "2026-01-12", "--email", "marie.dupont@example.fr", "--name", "dupont",
                "--first-names", "Marie", "--birth-date", "1970-04-03");
        assertThat(consent.exit()).as(consent.err()).isZero();
        Path newer = tmp.resolve("newer.terrain");
        assertThat(run(p, PASSPHRASE + "\n", "backup", "--out", newer.toString()).exit()).isZero();

        Run back = run(p, PASSPHRASE + "\n", "restore", older.toString(), "--replace");
        assertThat(back.exit()).as(back.err()).isZero();
        assertThat(run(p, "", "suppress", "--email", "marie.dupont@example.fr").exit()).isZero();
        Run forward = run(p, PASSPHRASE + "\n", "restore", newer.toString(), "--replace");
        assertThat(forward.exit()).as(forward.err()).isZero();
        assertThat(forward.out()).contains("1 consentement(s) retiré(s)");
    }

    /**
     * A restriction (art. 18) asked after the backup stays in force through a restore, and one lifted after it stays
     * lifted: `terrain voters select` is the witness (a restricted person is listed nowhere).
     */
    @Test
    void aRestrictionAskedOrLiftedSinceTheBackupStaysSoAfterARestore() throws Exception {
        Place p = place("h2", "restriction");
        fill(p);
        String[] select = {"voters", "select", "--election", "paris-2026", "--all"};
        String[] restrictDurand = {"rights", "add", "--type", "restriction", "--name", "durand", "--first-names", "Paul",
            "--birth-date", "1990-11-30", "--received-on", "2026-02-01"};
        Run first = run(p, "", restrictDurand);
        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(first.out()).contains("limitation, reçue le 01/02/2026", "limitation en vigueur dès maintenant");
        assertThat(run(p, "", select).out()).contains("DUPONT").doesNotContain("DURAND");
        Path file = tmp.resolve("limitation.terrain");
        assertThat(run(p, PASSPHRASE + "\n", "backup", "--out", file.toString()).exit()).isZero();

        // after the backup: DURAND's restriction lifted, DUPONT restricted
        Run lifted = run(p, "", "rights", "lift", "1", "--note", "exactitude vérifiée, personne informée le 3 février");
        assertThat(lifted.exit()).as(lifted.err()).isZero();
        assertThat(lifted.out()).contains("limitation levée", "traitée");
        assertThat(run(p, "", "rights", "lift", "1", "--note", "encore").err()).contains("aucune limitation en vigueur");
        assertThat(run(p, "", "rights", "add", "--type", "restriction", "--name", "dupont", "--first-names", "Marie",
                "--birth-date", "1970-04-03").exit()).isZero();
        assertThat(run(p, "", select).out()).contains("DURAND").doesNotContain("DUPONT");

        Run restored = run(p, PASSPHRASE + "\n", "restore", file.toString(), "--replace");
        assertThat(restored.exit()).as(restored.err()).isZero();
        assertThat(run(p, "", select).out()).as("as the store was, not as the backup was").contains("DURAND")
                .doesNotContain("DUPONT");
    }

    /**
     * A restriction asked after the backup by a person known only by her e-mail (a contact, no name or birth date) still
     * keeps her from every campaign after a restore: the request is added back to a record of no identity, and the
     * restriction must follow her address, as it did in the store.
     */
    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void aRestrictionOfAnEmailContactAskedSinceTheBackupStillStopsHerMailAfterARestore(String database) throws Exception {
        Place p = place(database, "restriction-contact");
        fill(p);
        long person;
        try (Store s = p.open().get()) {
            person = MailFixture.campaign(s, "lettre", 1).persons().get(0);
        }
        Path file = tmp.resolve("limitation-contact.terrain");
        assertThat(run(p, PASSPHRASE + "\n", "backup", "--out", file.toString()).exit()).isZero();
        Run added = run(p, "", "rights", "add", "--type", "restriction", "--person", Long.toString(person));
        assertThat(added.exit()).as(added.err()).isZero();
        assertThat(restrictedContacts(p)).containsExactly(true);

        Run restored = run(p, PASSPHRASE + "\n", "restore", file.toString(), "--replace");
        assertThat(restored.exit()).as(restored.err()).isZero();
        assertThat(restrictedContacts(p)).as("as the store was, not as the backup was").containsExactly(true);
    }

    /** Whether each e-mail contact is restricted, in contact order. */
    List<Boolean> restrictedContacts(Place p) {
        try (Store s = p.open().get()) {
            return MailStore.facts(s, java.time.Instant.now()).stream().map(ContactFacts::restricted).toList();
        }
    }

    /**
     * What a restore cannot keep it says, and what it can it keeps: a rectification made by hand since the backup is
     * undone (the request survives, its correction does not), a consent given since is lost; an address a hard bounce
     * marked undeliverable since stays so (sending to it again harms the campaign's sending reputation).
     */
    @Test
    void aRestoreSaysWhichRectificationsAndConsentsItLosesAndKeepsUndeliverableAddresses() throws Exception {
        Place p = place("h2", "losses");
        fill(p);
        marieAsRegularContact(p);
        smsNotice(p);
        Path file = tmp.resolve("pertes.terrain");
        assertThat(run(p, PASSPHRASE + "\n", "backup", "--out", file.toString()).exit()).isZero();

        for (String[] args : new String[][] {
            {"rights", "add", "--type", "rectification", "--received-on", "2026-02-01", "--name", "dupont", "--first-names",
                "Marie", "--birth-date", "1970-04-03"},
            {"rights", "close", "1", "--note", "courriel corrigé à la main"},
            {"consent", "record", "--channel", "sms", "--notice", "sms-2026-01", "--method", "paper-form", "--at",
                "2026-02-02", "--phone", "06 12 34 56 78", "--name", "dupont", "--first-names", "Marie", "--birth-date",
                "1970-04-03"}}) {
            Run r = run(p, "", args);
            assertThat(r.exit()).as(r.err()).isZero();
        }
        try (Store s = p.open().get()) {
            // as a hard bounce leaves it (MailStore.recordBounces), without a mailbox to read it from
            s.jdbi().useHandle(h -> h.createUpdate("UPDATE mail_contact SET undeliverable_at = TIMESTAMP '2026-02-03 10:00:00'"
                    + " WHERE email = 'marie.dupont@example.fr'").execute());
        }

        Run restored = run(p, PASSPHRASE + "\n", "restore", file.toString(), "--replace");
        assertThat(restored.exit()).as(restored.err()).isZero();
        assertThat(restored.out()).contains("1 adresse(s) de courriel non distribuable(s) depuis la sauvegarde gardée(s)")
                .contains("⚠ rectification(s) faite(s) depuis la sauvegarde, que la restauration a défaite(s) : demande(s) n° 1")
                .contains("⚠ 1 consentement(s) donné(s) depuis la sauvegarde perdu(s)");
        try (Store s = p.open().get()) {
            Object undeliverable = s.jdbi().withHandle(h -> h.createQuery("SELECT undeliverable_at FROM mail_contact"
                    + " WHERE email = 'marie.dupont@example.fr'").mapTo(java.time.LocalDateTime.class).one());
            assertThat(undeliverable).isEqualTo(java.time.LocalDateTime.of(2026, 2, 3, 10, 0));
            String audit = s.jdbi().withHandle(h -> h.createQuery("SELECT detail FROM audit_entry WHERE action = 'backup.restore'")
                    .mapTo(String.class).one());
            assertThat(audit).contains("demande(s) n° 1").contains("1 consentement(s)");
        }
    }

    /** Choices that are not on the suppression list: a consent withdrawn by letter, a refusal of e-mail tracking. */
    @Test
    void aConsentWithdrawnAndATrackingRefusalSinceTheBackupAreKept() throws Exception {
        Place p = place("h2", "choices");
        fill(p);
        smsNotice(p);
        Run recorded = run(p, "", "consent", "record", "--channel", "sms", "--notice", "sms-2026-01", "--method",
                "paper-form", "--at", "2026-01-12", "--phone", "06 12 34 56 78", "--name", "dupont", "--first-names",
                "Marie", "--birth-date", "1970-04-03");
        assertThat(recorded.exit()).as(recorded.err()).isZero();
        String marie = CommandRun.personNumber(recorded.out());
        marieAsRegularContact(p);
        Path file = tmp.resolve("choix.terrain");
        assertThat(run(p, PASSPHRASE + "\n", "backup", "--out", file.toString()).exit()).isZero();

        Run withdrawn = run(p, "", "consent", "withdraw", "--person", marie, "--channel", "sms", "--method", "letter", "--at",
                "2026-02-01T09:00");
        assertThat(withdrawn.exit()).as(withdrawn.err()).isZero();
        Run refused = run(p, "", "tracking", "refuse", "--email", "marie.dupont@example.fr");
        assertThat(refused.exit()).as(refused.err()).isZero();

        Run restored = run(p, PASSPHRASE + "\n", "restore", file.toString(), "--replace");
        assertThat(restored.exit()).as(restored.err()).isZero();
        assertThat(restored.out()).contains("1 retrait(s) de consentement et 1 refus du suivi des courriels postérieurs"
                + " à la sauvegarde gardés");
        assertThat(run(p, "", "consent", "show", "--person", marie).out()).containsPattern("sms +retiré");
        try (Store s = p.open().get()) {
            long optedOut = s.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM mail_tracking_optout")
                    .mapTo(Long.class).one());
            assertThat(optedOut).isEqualTo(1);
        }
    }

    @Test
    void aRestoreInPlaceThatCouldNotKeepTheSuppressionListIsRefused() throws Exception {
        Place other = place("h2", "other-installation");
        fill(other);
        assertThat(run(other, "", "suppress", "--email", "quelquun@example.fr").exit()).isZero(); // makes its own key
        Path file = tmp.resolve("autre.terrain");
        assertThat(run(other, PASSPHRASE + "\n", "backup", "--out", file.toString()).exit()).isZero();

        Place p = place("h2", "ours");
        fill(p);
        for (String email : List.of("marie.dupont@example.fr", "a@example.fr", "b@example.fr")) { // more rows than the backup
            assertThat(run(p, "", "suppress", "--email", email).exit()).isZero();
        }
        String before = dump(p);
        Run refused = run(p, PASSPHRASE + "\n", "restore", file.toString(), "--replace");
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err()).contains("la sauvegarde vient d'une autre clé").contains("rien n'a été modifié");
        assertThat(dump(p)).isEqualTo(before);
        // nor did the identities the refused restore had moved: new rows still get ids of their own
        Run more = run(p, "", "suppress", "--email", "paul.durand@example.fr");
        assertThat(more.exit()).as(more.err()).isZero();
        assertThat(run(p, "un autre mot de passe\n", "user", "add", "paul", "--role", "analyst").exit()).isZero();
    }

    @Test
    void aBackupOfH2RestoresIntoPostgresqlAndBack() throws Exception {
        Place h2 = place("h2", "h2");
        fill(h2);
        Path first = tmp.resolve("h2.terrain");
        String before = dump(h2);
        assertThat(run(h2, PASSPHRASE + "\n", "backup", "--out", first.toString()).exit()).isZero();
        Place pg = place("postgresql", "pg");
        Run toPg = run(pg, PASSPHRASE + "\n", "restore", first.toString());
        assertThat(toPg.exit()).as(toPg.err()).isZero();
        Path second = tmp.resolve("pg.terrain");
        assertThat(run(pg, PASSPHRASE + "\n", "backup", "--out", second.toString()).exit()).isZero();
        Place back = place("h2", "back");
        Run toH2 = run(back, PASSPHRASE + "\n", "restore", second.toString());
        assertThat(toH2.exit()).as(toH2.err()).isZero();
        String after = dump(back);
        // the round trip adds the restore into PostgreSQL and the restore back (a backup's own entry follows it)
        for (String action : List.of("backup.restore", "backup.restore")) {
            int i = after.lastIndexOf("|action=" + action + "|");
            assertThat(i).as(action).isPositive();
            int start = after.lastIndexOf('\n', i) + 1;
            int end = after.indexOf('\n', i);
            after = after.substring(0, start) + after.substring(end < 0 ? after.length() : end + 1);
        }
        assertThat(after.replaceAll("## audit_entry \\((\\d+)\\)", "#").strip())
                .isEqualTo(before.replaceAll("## audit_entry \\((\\d+)\\)", "#").strip());
    }

    @Test
    void aWrongPassphraseANonEmptyStoreAndAnAlteredFileChangeNothing() throws Exception {
        Place source = place("h2", "source");
        fill(source);
        Path file = tmp.resolve("sauvegarde.terrain");
        assertThat(run(source, PASSPHRASE + "\n", "backup", "--out", file.toString()).exit()).isZero();
        Run again = run(source, PASSPHRASE + "\n", "backup", "--out", file.toString());
        assertThat(again.exit()).isEqualTo(1);
        assertThat(again.err()).contains("existe déjà (--force pour le remplacer)");
        Run folder = run(source, PASSPHRASE + "\n", "backup", "--out", tmp.toString(), "--force");
        assertThat(folder.exit()).as("a directory given for the file: --force is no answer").isEqualTo(2);
        assertThat(folder.err()).contains("--out " + tmp + " est un répertoire : donnez le fichier à écrire, par ex. "
                + tmp.resolve("terrain-"));
        assertThat(tmp).isDirectory();
        assertThat(run(source, "courte\n", "backup", "--out", tmp.resolve("x").toString()).err())
                .contains("phrase de passe trop courte");

        Place empty = place("h2", "empty");
        String emptyDump = dump(empty);
        Run wrong = run(empty, "pas la bonne phrase de passe\n", "restore", file.toString());
        assertThat(wrong.exit()).isEqualTo(1);
        assertThat(wrong.err()).contains("phrase de passe incorrecte").contains("rien n'a été modifié");
        assertThat(dump(empty)).isEqualTo(emptyDump);

        String full = dump(source);
        Run notEmpty = run(source, PASSPHRASE + "\n", "restore", file.toString());
        assertThat(notEmpty.exit()).isEqualTo(1);
        assertThat(notEmpty.err()).contains("la base n'est pas vide").contains("--replace");
        Run wrongReplace = run(source, "pas la bonne phrase de passe\n", "restore", file.toString(), "--replace");
        assertThat(wrongReplace.exit()).isEqualTo(1);
        assertThat(dump(source)).isEqualTo(full);

        byte[] altered = Files.readAllBytes(file);
        altered[altered.length - 5] ^= 1;
        Path bad = tmp.resolve("altered.terrain");
        Files.write(bad, altered);
        Run tampered = run(source, PASSPHRASE + "\n", "restore", bad.toString(), "--replace");
        assertThat(tampered.exit()).isEqualTo(1);
        assertThat(tampered.err()).containsAnyOf("altéré", "incorrecte");
        Path cut = tmp.resolve("cut.terrain");
        Files.write(cut, java.util.Arrays.copyOf(Files.readAllBytes(file), 60));
        assertThat(run(source, PASSPHRASE + "\n", "restore", cut.toString(), "--replace").err()).contains("tronquée");
        assertThat(dump(source)).isEqualTo(full);

        Run replaced = run(source, PASSPHRASE + "\n", "restore", file.toString(), "--replace");
        assertThat(replaced.exit()).as(replaced.err()).isZero();
    }
}
