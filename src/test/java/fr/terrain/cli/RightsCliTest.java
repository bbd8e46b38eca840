package fr.terrain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import fr.terrain.privacy.AuditEntry;
import fr.terrain.store.AuditLog;
import fr.terrain.store.Store;
import fr.terrain.store.TestStores;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** terrain consent, suppress and rights, run as a user would, on the embedded database. */
class RightsCliTest {
    @TempDir
    Path home;

    @TempDir
    Path work;


    CommandRun run(String... args) {
        return CommandRun.of(List.of("--home", home.toString()), args);
    }

    CommandRun ok(String... args) {
        CommandRun r = run(args);
        assertThat(r.exit()).as(String.join(" ", args) + "\n" + r.out() + r.err()).isZero();
        return r;
    }

    Path voterList() throws IOException {
        Path list = work.resolve("liste.csv");
        Files.writeString(list, String.join(";", fr.terrain.ingest.ElectoralListReader.COLUMNS) + "\n"
                + "LG;LE;01/01/2026;75;75112;Paris 12e;1;F;DUPONT;;Marie;03/04/1970;Lyon;69;FRANCE;;École;7;;8;;;12;RUE;DE PICPUS;;75012;PARIS;FRANCE\n"
                + "LG;LE;01/01/2026;75;75112;Paris 12e;2;M;DURAND;;Paul;30/11/1990;Paris;75;FRANCE;;École;8;;8;;;14;RUE;DE PICPUS;;75012;PARIS;FRANCE\n"
                + "LG;LE;01/01/2026;75;75112;Paris 12e;3;F;LEROY;;Anne;15/06/1985;Paris;75;FRANCE;;École;8;;8;;;3;AV;DAUMESNIL;;75012;PARIS;FRANCE\n",
                StandardCharsets.UTF_8);
        return list;
    }

    static void assertOwnerOnly(Path file) throws IOException {
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                    .as(file + " holds personal data").isEqualTo("rw-------");
        }
    }

    List<String> voters() {
        try (Store s = Store.h2(home)) {
            return s.jdbi().withHandle(h -> h.createQuery("SELECT birth_name FROM voter ORDER BY 1").mapTo(String.class).list());
        }
    }

    @Test
    void consentSuppressionAndRightsFromTheCommandLine() throws IOException {
        ok("election", "add", "paris-2026", "--kind", "municipales", "--round1", "2026-03-15");
        Path list = voterList();
        ok("import", "voters", list.toString(), "--source", "electoral-list", "--election", "paris-2026", "--provider",
                "Préfecture de police", "--collected-on", "2026-01-10");
        assertThat(home.resolve("suppression.key")).exists();

        Path notice = work.resolve("sms.txt");
        Files.writeString(notice, "Vous recevrez les SMS de la campagne. Répondez STOP pour ne plus en recevoir.");
        ok("consent", "notice", "sms-2026-01", "--channel", "sms", "--file", notice.toString());
        String[] dupont = {"--name", "dupont", "--first-names", "Marie", "--birth-date", "1970-04-03"};
        CommandRun recorded = ok(concat(new String[] {"consent", "record", "--channel", "sms", "--notice", "sms-2026-01", "--method",
            "paper-form", "--at", "2026-01-12", "--evidence", "formulaire 42", "--phone", "06 12 34 56 78"}, dupont));
        // the day given is the day shown (midnight in Paris, which UTC writes the day before)
        String person = CommandRun.personNumber(recorded.out());
        assertThat(recorded.out()).contains("personne n° " + person + " : consentement sms donné le 12/01/2026 00:00 (Paris)");
        assertThat(run(concat(new String[] {"consent", "record", "--channel", "sms", "--notice", "inconnue", "--method",
            "web-form"}, dupont)).err()).contains("mention inconnue");
        ok("consent", "withdraw", "--person", person, "--channel", "sms", "--method", "sms-stop", "--at", "2026-02-01T09:00");
        CommandRun shown = ok("consent", "show", "--person", person, "--as-of", "2026-01-20");
        assertThat(shown.out()).containsPattern("sms +donné").contains("Historique (2)")
                .as("the day asked, as Paris writes it").contains("État au 20/01/2026 00:00 (Paris)")
                // when each was recorded, in Paris time too (an ISO instant in UTC was printed)
                .containsPattern("enregistré par \\S+ le \\d\\d/\\d\\d/\\d{4} \\d\\d:\\d\\d \\(Paris\\)")
                .doesNotContainPattern("\\d{4}-\\d\\d-\\d\\dT");
        assertThat(ok("consent", "show", "--person", person).out()).containsPattern("sms +retiré");

        CommandRun added = ok(concat(new String[] {"rights", "add", "--type", "access", "--received-on", "2026-02-14"}, dupont));
        assertThat(added.out()).contains("n° 1 accès, reçue le 14/02/2026, échéance 16/03/2026, reçue — personne n° " + person);
        assertThat(ok("rights", "list", "--overdue", "--as-of", "2026-03-16").out()).contains("Aucune demande en retard.");
        assertThat(ok("rights", "list", "--overdue", "--as-of", "2026-03-17").out()).contains("EN RETARD")
                .contains("1 demande(s), 1 en retard au 17/03/2026")
                // in words and French days, the person's number (a random id of up to 16 digits) in a column that fits
                .containsPattern("\\n1 +accès +" + person + " 14/02/2026  16/03/2026  reçue +EN RETARD");

        Path out = work.resolve("export");
        CommandRun exported = ok("rights", "export", "1", "--out", out.toString());
        // the campaign has not said who it is yet: the answer says so, and the command names the settings to fill in
        assertThat(exported.err()).contains("campaign.controller, campaign.address, campaign.contact")
                .contains("privacy.properties");
        assertThat(Files.readString(out.resolve("acces-1.html"))).contains("Responsable du traitement</th><td>à renseigner")
                .contains("<link rel=\"icon\" href=\"data:,\">"); // nothing for the browser to fetch
        Files.writeString(home.resolve("privacy.properties"), "campaign.controller=Liste Paris en commun\n"
                + "campaign.address=10 rue de Picpus, 75012 Paris\ncampaign.contact=donnees@exemple.fr\n"
                + "campaign.dpo=aucun délégué désigné\nregister.processors=Hébergeur SAS (Roubaix)\n"
                + "register.transfers=aucun\n", StandardCharsets.UTF_8);
        exported = ok("rights", "export", "1", "--out", out.toString());
        assertThat(exported.err()).doesNotContain("⚠");
        String json = Files.readString(out.resolve("acces-1.json"));
        assertThat(json).contains("\"keptThrough\" : \"2026-04-15\"").contains("\"complaint\" : \"Commission nationale de l'informatique");
        assertThat(json).contains("\"provider\" : \"Préfecture de police\"").contains("\"collectedOn\" : \"2026-01-10\"")
                .contains("\"sourceCategory\" : \"electoral-list\"").contains("+33612345678").contains("formulaire 42")
                .contains("Répondez STOP");
        String html = Files.readString(out.resolve("acces-1.html"));
        assertThat(html).contains("Préfecture de police").contains("DE PICPUS").contains("Répondez STOP")
                .contains("Responsable du traitement</th><td>Liste Paris en commun").contains("<h2>Vos droits</h2>")
                .contains("en écrivant à donnees@exemple.fr").contains("3 place de Fontenoy").doesNotContain("<script");
        // written for a French reader: Paris time, French dates, words rather than codes
        assertThat(html).as("given on 12/01 at midnight in Paris, which UTC writes the 11th")
                .contains("<td>12/01/2026 à 00:00</td>").doesNotContain("2026-01-11T23:00:00Z")
                .contains("<td>01/02/2026 à 09:00</td>").contains("reçue le 14/02/2026").contains("03/04/1970")
                .containsPattern("Document établi le \\d\\d/\\d\\d/\\d{4} à \\d\\d:\\d\\d\\.")
                .containsPattern("Fiche créée le</th><td>\\d\\d/\\d\\d/\\d{4} à \\d\\d:\\d\\d<")
                .doesNotContainPattern("\\d{4}-\\d\\d-\\d\\d");
        assertThat(html).contains("<td>SMS</td>").contains("formulaire papier").contains("réponse STOP par SMS")
                .contains("<td>accès</td>").contains("<td>en cours</td>").contains("par l'équipe de campagne")
                .doesNotContain("cli:").doesNotContain("(electoral-list)").doesNotContain(">sms<")
                .doesNotContain("paper-form").doesNotContain(">access<");
        assertThat(json).as("the JSON keeps the machine forms").contains("\"recordedBy\" : \"cli:")
                .contains("\"method\" : \"paper-form\"");
        // the row's last day (15/04/2026) is past, the daily purge has not run: said as a duty, not as a promise of
        // when (a demo's daily run deletes nothing)
        assertThat(html).contains("soit jusqu'au 15/04/2026 inclus ; durée écoulée : ces données doivent être supprimées.")
                .doesNotContain("prochaine purge");
        assertThat(html).as("the consent's proof").contains("<td>formulaire 42</td>");
        assertThat(html).as("nothing follows in the answer").doesNotContain("voir ci-dessous");
        for (String name : List.of("acces-1.json", "acces-1.html")) {
            assertOwnerOnly(out.resolve(name));
        }
        assertThat(ok("rights", "close", "1").out()).contains("traitée");

        // an objection by post, matched to the list whatever the spelling
        CommandRun pigeon = run("suppress", "--name", "Durand", "--first-names", "paul", "--address", "14, r. de Picpus",
                "--postcode", "75012", "--via", "pigeon");
        assertThat(pigeon.exit()).as("an option's wrong value: a usage error").isEqualTo(2);
        assertThat(pigeon.err()).contains("--via : moyen de réception inconnu « pigeon »");
        assertThat(voters()).as("nobody suppressed").contains("DURAND");
        CommandRun suppressed = ok("suppress", "--name", "Durand", "--first-names", "paul", "--address", "14, r. de Picpus",
                "--postcode", "75012", "--via", "letter");
        // the given name and address, and the birth date the list holds for him (he may move)
        assertThat(suppressed.out()).contains("2 empreinte(s) ajoutée(s)").contains("1 ligne(s) de liste électorale");
        assertThat(voters()).containsExactly("DUPONT", "LEROY");
        // his list row is gone; what is still held on him (identity, hashes, requests) is still explained
        ok("rights", "add", "--type", "access", "--name", "durand", "--first-names", "Paul", "--birth-date", "1990-11-30");
        ok("rights", "export", "2", "--out", out.toString());
        String objector = Files.readString(out.resolve("acces-2.html"));
        assertThat(objector).contains("Aucune donnée de liste électorale").doesNotContain("Aucune donnée personnelle")
                .contains("empreintes (HMAC) de vos identifiants sur la liste d&#39;opposition")
                .contains("obligation légale (RGPD art. 6.1.c, art. 12 et 21)").contains("tant que dure votre opposition");

        // erasure
        ok(concat(new String[] {"rights", "add", "--type", "erasure"}, dupont));
        assertThat(run("rights", "close", "3").err()).contains("terrain rights erase 3");
        CommandRun erased = ok("rights", "erase", "3", "--out", out.toString());
        assertThat(erased.out()).contains("personne n° " + person + " effacée").containsPattern("voter +1").containsPattern("person +1")
                .contains("Conservé");
        assertThat(Files.readString(out.resolve("effacement-3.json"))).doesNotContain("DUPONT");
        assertOwnerOnly(out.resolve("effacement-3.json"));
        assertThat(voters()).containsExactly("LEROY");
        assertThat(run("rights", "export", "3", "--out", out.toString()).err()).contains("effacée");

        // a new extract of the list: neither comes back
        CommandRun reimport = ok("import", "voters", list.toString(), "--source", "electoral-list", "--election", "paris-2026",
                "--provider", "Préfecture de police", "--collected-on", "2026-02-01");
        assertThat(reimport.out()).contains("2 électeur(s) ignoré(s) : inscrits sur la liste d'opposition");
        assertThat(voters()).containsExactly("LEROY");

        try (Store s = Store.h2(home)) {
            assertThat(AuditLog.all(s)).extracting(AuditEntry::action).contains("consent.notice", "consent.record",
                    "consent.withdraw", "consent.view", "rights.add", "rights.export", "rights.close", "suppression.add",
                    "rights.erase");
            assertThat(AuditLog.all(s)).allSatisfy(e -> assertThat(e.detail() + e.target()).doesNotContain("DUPONT")
                    .doesNotContain("Durand").doesNotContain("+336"));
        }
    }

    /**
     * A person who gave their e-mail with a consent, then came in again through a contacts import (a record of its
     * own): their erasure leaves the address nowhere.
     */
    @Test
    void anErasureTakesTheSameAddressFromEveryRecord() throws IOException {
        String[] adam = {"--name", "Adam", "--first-names", "Cédric", "--birth-date", "1978-11-30"};
        consentThenImport(adam, "cedric.adam@example.org", "cedric.adam@example.org;Cédric");
        try (Store s = Store.h2(home)) {
            assertThat(TestStores.dumpAll(s)).contains("cedric.adam@example.org");
        }
        // access first: the file holds the contact record the campaign keeps, though it sits on the other record
        ok(concat(new String[] {"rights", "add", "--type", "access"}, adam));
        Path out = work.resolve("acces");
        ok("rights", "export", "1", "--out", out.toString());
        assertThat(Files.readString(out.resolve("acces-1.json"))).contains("\"emailContacts\"")
                .contains("\"firstName\" : \"Cédric\"").contains("\"sector\" : 12");
        assertThat(Files.readString(out.resolve("acces-1.html"))).contains("Contact par courriel").contains("Cédric")
                .contains("Aucun message de campagne");
        ok("rights", "close", "1");
        ok(concat(new String[] {"rights", "add", "--type", "erasure"}, adam));
        CommandRun erased = ok("rights", "erase", "2");
        assertThat(erased.out()).contains("autre(s) fiche(s) de la même adresse électronique")
                .containsPattern("effacée le \\d\\d/\\d\\d/\\d{4} à \\d\\d:\\d\\d\\n"); // not 2026-12-01T17:03:44.512Z
        try (Store s = Store.h2(home)) {
            assertThat(TestStores.dumpAll(s)).doesNotContain("cedric.adam@example.org").doesNotContain("Cédric")
                    .contains("autre@example.org");
        }
    }

    /** The consent was recorded under one spelling of an accented address, the import under another: one address. */
    @Test
    void anErasureFindsAnAccentedAddressWrittenAnotherWay() throws IOException {
        String[] muller = {"--name", "Müller", "--first-names", "Élodie", "--birth-date", "1981-02-14"};
        consentThenImport(muller, "Élodie.Müller@Exemple.FR", "élodie.müller@exemple.fr;Élodie");
        ok(concat(new String[] {"rights", "add", "--type", "erasure"}, muller));
        CommandRun erased = ok("rights", "erase", "1");
        assertThat(erased.out()).contains("autre(s) fiche(s) de la même adresse électronique")
                .containsPattern("effacée le \\d\\d/\\d\\d/\\d{4} à \\d\\d:\\d\\d\\n"); // not 2026-12-01T17:03:44.512Z
        try (Store s = Store.h2(home)) {
            assertThat(TestStores.dumpAll(s)).doesNotContain("élodie.müller@exemple.fr").contains("autre@example.org");
        }
    }

    /**
     * A request refused for what it says of itself (received in the future, an unknown way of arrival, a birth date
     * no living person has) leaves nothing: no person with that name and birth date was created before the refusal.
     */
    @Test
    void aRefusedRequestLeavesNoIdentityBehind() {
        ok("election", "add", "paris-2026", "--kind", "municipales", "--round1", "2026-03-15");
        String[] fantome = {"rights", "add", "--type", "objection", "--name", "Fantome", "--first-names", "Jean"};
        for (String[] refused : List.of(new String[] {"--birth-date", "1966-06-06", "--received-on", "2030-01-01"},
                new String[] {"--birth-date", "1966-06-06", "--via", "pigeon"},
                new String[] {"--birth-date", "2031-02-02"}, new String[] {"--birth-date", "1800-02-02"})) {
            CommandRun r = run(concat(fantome, refused));
            assertThat(r.exit()).as(String.join(" ", refused)).isNotZero();
            assertThat(r.err()).as(String.join(" ", refused)).containsAnyOf("dans le futur", "moyen de réception inconnu",
                    "date de naissance impossible");
        }
        try (fr.terrain.store.Store store = fr.terrain.store.Store.h2(home)) {
            long persons = store.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM person").mapTo(Long.class).one());
            assertThat(persons).isZero();
        }
        // what an option says wrong is a usage error (exit 2, as the README says), not a refusal of the data (1)
        assertThat(run("rights", "add", "--type", "acces", "--name", "X", "--first-names", "Y", "--birth-date",
                "1966-06-06").exit()).isEqualTo(2);
        assertThat(run("rights", "add", "--type", "access", "--name", "X").exit()).isEqualTo(2);
        ok(concat(fantome, new String[] {"--birth-date", "1966-06-06", "--via", "email"}));
    }

    /**
     * A consent to e-mail recorded for {@code person} under {@code consentEmail}, then a members import (a record of
     * its own) of {@code importLine} ({@code email;first_name}, sector 12) and another address.
     */
    void consentThenImport(String[] person, String consentEmail, String importLine) throws IOException {
        Path notice = work.resolve("courriel.txt");
        Files.writeString(notice, "Vous recevrez les courriels de la campagne ; un lien dans chacun permet de se désinscrire.");
        ok("consent", "notice", "courriel-2026-01", "--channel", "email", "--file", notice.toString());
        ok(concat(new String[] {"consent", "record", "--channel", "email", "--notice", "courriel-2026-01", "--method",
            "web-form", "--at", "2026-10-12", "--email", consentEmail}, person));
        Path contacts = work.resolve("contacts.csv");
        Files.writeString(contacts, "email;first_name;sector;consent_email\n" + importLine + ";12;oui\n"
                + "autre@example.org;Anne;11;oui\n", StandardCharsets.UTF_8);
        ok("contacts", "import", contacts.toString(), "--source", "members");
    }

    /**
     * A change to personal data and its audit entry land together or not at all: with the audit log unable to take an
     * entry (its lock row gone), each command is refused and the store stays as it was. The change was committed first,
     * then its entry refused: a request, an objection, a consent on record that the log never heard of.
     */
    @Test
    void aChangeWhoseAuditEntryCannotBeWrittenDoesNotLand() throws IOException {
        ok("election", "add", "paris-2026", "--kind", "municipales", "--round1", "2026-03-15");
        ok("import", "voters", voterList().toString(), "--source", "electoral-list", "--election", "paris-2026",
                "--provider", "Préfecture de police", "--collected-on", "2026-01-10");
        Path notice = work.resolve("sms.txt");
        Files.writeString(notice, "Vous recevrez les SMS de la campagne. Répondez STOP pour ne plus en recevoir.");
        ok("consent", "notice", "sms-2026-01", "--channel", "sms", "--file", notice.toString());
        ok("rights", "add", "--type", "restriction", "--voter", "1");
        ok("rights", "add", "--type", "access", "--voter", "3");
        ok("rights", "add", "--type", "objection", "--voter", "2");
        try (Store s = Store.h2(home)) {
            s.jdbi().useHandle(h -> h.execute("DELETE FROM audit_lock"));
        }
        String before = dump();
        for (String[] command : List.of(new String[] {"rights", "add", "--type", "access", "--voter", "3"},
                new String[] {"rights", "start", "2"}, new String[] {"rights", "extend", "2", "--reason", "demande complexe"},
                new String[] {"rights", "lift", "1", "--note", "informée le 02/12"},
                new String[] {"rights", "close", "2", "--refuse", "demande manifestement infondée"},
                new String[] {"rights", "close", "2", "--note", "réponse envoyée"}, new String[] {"rights", "close", "3"},
                new String[] {"suppress", "--voter", "3", "--reason", "objection"},
                new String[] {"suppress", "--email", "paul.durand@exemple.fr", "--reason", "objection"},
                new String[] {"consent", "notice", "sms-2026-02", "--channel", "sms", "--file", notice.toString()},
                new String[] {"consent", "record", "--voter", "1", "--channel", "sms", "--notice", "sms-2026-01", "--method",
                    "paper-form", "--phone", "06 12 34 56 78"},
                new String[] {"consent", "withdraw", "--voter", "1", "--channel", "sms", "--method", "sms-stop"})) {
            CommandRun r = run(command);
            assertThat(r.exit()).as(String.join(" ", command) + "\n" + r.out() + r.err()).isEqualTo(1);
            assertThat(r.err()).as(String.join(" ", command)).contains("la ligne de verrou a disparu");
            assertThat(dump()).as(String.join(" ", command) + " changed the store unaudited").isEqualTo(before);
        }
        try (Store s = Store.h2(home)) {
            s.jdbi().useHandle(h -> h.execute("INSERT INTO audit_lock (id) VALUES (1)"));
        }
        ok("rights", "close", "3");
        try (Store s = Store.h2(home)) {
            assertThat(AuditLog.all(s)).extracting(AuditEntry::action).endsWith("suppression.add", "rights.close");
        }
        assertThat(ok("audit", "verify").out()).contains("journal intact");
    }

    private String dump() {
        try (Store s = Store.h2(home)) {
            return TestStores.dumpAll(s);
        }
    }

    static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
