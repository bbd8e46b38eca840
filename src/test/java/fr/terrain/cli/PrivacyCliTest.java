package fr.terrain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import fr.terrain.store.AuditLog;
import fr.terrain.store.Store;
import fr.terrain.store.TestStores;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The issue's privacy acceptance, as a user types it: retention after the election, the audit log, the register. */
class PrivacyCliTest {
    @TempDir
    Path home;

    @TempDir
    Path files;


    CommandRun run(String... args) {
        return CommandRun.of(List.of("--home", home.toString()), args);
    }

    CommandRun ok(String... args) {
        CommandRun r = run(args);
        assertThat(r.exit()).as(String.join(" ", args) + "\n" + r.out() + r.err()).isZero();
        return r;
    }

    private long voters() {
        try (Store store = Store.h2(home)) {
            return store.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM voter").mapTo(Long.class).one());
        }
    }

    private void sql(String statement) {
        try (Store store = Store.h2(home)) {
            store.jdbi().useHandle(h -> h.execute(statement));
        }
    }

    /** A 400-voter synthetic list in the official layout, and the election paris-2026 (last round 2026-03-22). */
    private Path electoralListOfParis2026() {
        var cli = Terrain.commandLine();
        cli.setOut(new PrintWriter(new StringWriter()));
        cli.setErr(new PrintWriter(new StringWriter()));
        assertThat(cli.execute("generate", "city", "--voters", "400", "--seed", "5", "--out", files.toString())).isZero();
        ok("election", "add", "paris-2026", "--kind", "municipales", "--round1", "2026-03-15", "--round2", "2026-03-22");
        return files.resolve("demo_liste_electorale_400.csv");
    }

    /** Imports that list for paris-2026. */
    private Path importElectoralList() {
        Path list = electoralListOfParis2026();
        ok("import", "voters", list.toString(), "--source", "electoral-list", "--election", "paris-2026", "--provider",
                "Préfecture de police", "--collected-on", "2026-01-10");
        assertThat(voters()).isEqualTo(400);
        return list;
    }

    /**
     * A list imported for an election whose retention period is already over would go at the next daily retention
     * without a word: the import says so (a crawl imported Concarneau's list for rounds of March 2026 in December, and
     * found it deleted at the next start). A list of a coming election imports without it.
     */
    @Test
    void importingAListWhoseRetentionIsAlreadyOverSaysItWillBeDeleted() {
        Path list = electoralListOfParis2026();
        CommandRun past = ok("import", "voters", list.toString(), "--source", "electoral-list", "--election",
                "paris-2026", "--provider", "Préfecture de police", "--collected-on", "2026-01-10");
        // today is after 22 April 2026 (the last round + one month of the default policy)
        assertThat(past.out()).contains("durée de conservation déjà écoulée pour cette liste",
                "dernier tour le 22/03/2026", "jusqu'au 22/04/2026 inclus", "la supprimera à son prochain passage");

        java.time.LocalDate coming = java.time.LocalDate.now().plusMonths(3);
        String next = "paris-" + coming.getYear();
        ok("election", "add", next, "--kind", "municipales", "--round1", coming.toString(), "--round2",
                coming.plusWeeks(1).toString());
        CommandRun future = ok("import", "voters", list.toString(), "--source", "electoral-list", "--election", next,
                "--provider", "Préfecture de police", "--collected-on", "2026-01-10");
        assertThat(future.out()).contains("400 enregistré").doesNotContain("durée de conservation");
    }

    @Test
    void theElectoralListIsPurgedAfterTheLastRoundWithAReportAndTheAuditLogHoldsTillARowIsAltered() throws IOException {
        Path file = importElectoralList();

        CommandRun early = ok("retention", "run", "--as-of", "2026-04-01");
        assertThat(early.out()).contains("conservé").contains("paris-2026").contains("jusqu'au 22/04/2026 inclus");
        assertThat(voters()).isEqualTo(400);

        CommandRun dry = ok("retention", "run", "--as-of", "2026-06-01", "--dry-run");
        assertThat(dry.out()).contains("à supprimer").contains("400 enregistrement(s) seraient supprimés");
        assertThat(voters()).isEqualTo(400);

        CommandRun purge = ok("retention", "run", "--as-of", "2026-06-01");
        assertThat(purge.out()).contains("supprimé").contains("400 enregistrement(s) supprimés")
                .contains("dernier tour le 22/03/2026").contains("rien de détenu : sign-in-list, members");
        assertThat(voters()).isZero();
        // the same file again is not imported back, and the report says why
        CommandRun again = ok("import", "voters", file.toString(), "--source", "electoral-list", "--election", "paris-2026",
                "--provider", "Préfecture de police", "--collected-on", "2026-01-10");
        assertThat(again.out()).contains("déjà importé").contains("supprimées le " + java.time.LocalDate.now(
                java.time.ZoneOffset.UTC).format(java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy"))
                + " par la politique de conservation");
        assertThat(voters()).isZero();
        List<Path> reports;
        try (Stream<Path> s = Files.list(home.resolve("reports"))) {
            reports = s.filter(p -> p.getFileName().toString().startsWith("retention-2026-06-01-")
                    && !p.getFileName().toString().contains("simulation")).sorted().toList();
        }
        assertThat(reports).hasSize(2);
        String json = Files.readString(reports.stream().filter(p -> p.toString().endsWith(".json")).findFirst().orElseThrow());
        assertThat(json).contains("\"verdict\" : \"delete\"", "\"scope\" : \"paris-2026\"", "\"deleted\" : 400",
                "\"dueOn\" : \"2026-04-23\"");
        String md = Files.readString(reports.stream().filter(p -> p.toString().endsWith(".md")).findFirst().orElseThrow());
        assertThat(md).contains("# Rapport de suppression au 01/06/2026", "| electoral-list | paris-2026 | 400 |");

        CommandRun list = ok("audit", "list", "--json");
        assertThat(list.out()).contains("\"action\" : \"voters.import\"", "\"action\" : \"retention.delete\"",
                "\"action\" : \"retention.run\"", "\"target\" : \"voters:paris-2026:electoral-list\"");
        CommandRun verify = ok("audit", "verify");
        assertThat(verify.out()).contains("journal intact, 4 entrées");

        sql("UPDATE audit_entry SET records = 1 WHERE seq = 2");
        CommandRun altered = run("audit", "verify");
        assertThat(altered.exit()).isEqualTo(1);
        assertThat(altered.err()).contains("journal altéré").contains("entrée n° 2");
    }

    private long count(String table) {
        try (Store store = Store.h2(home)) {
            return store.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM " + table).mapTo(Long.class).one());
        }
    }

    @Test
    void purgingTheListAlsoForgetsThePersonsOnlyItKeptButNotTheSuppressionHashes() throws IOException {
        importElectoralList();
        Path notice = files.resolve("porte-a-porte.txt");
        Files.writeString(notice, "Vos réponses sont notées avec votre accord ; vous pouvez le retirer à tout moment.");
        ok("consent", "notice", "pap-2026-01", "--channel", "canvass-opinion", "--file", notice.toString());
        ok("consent", "record", "--voter", "1", "--channel", "canvass-opinion", "--notice", "pap-2026-01", "--method",
                "canvassing", "--at", "2026-02-01T10:00");
        ok("suppress", "--voter", "2", "--reason", "objection");
        try (Store store = Store.h2(home)) { // the audit log in the DPO's words (it read « objection via letter »)
            assertThat(AuditLog.all(store)).filteredOn(e -> e.action().equals("suppression.add")).singleElement()
                    .satisfies(e -> assertThat(e.detail()).startsWith("opposition reçue par courrier : "));
        }
        long persons = count("person");
        assertThat(persons).isGreaterThanOrEqualTo(1);
        long hashes = count("suppression");
        assertThat(hashes).isPositive();

        // the persons erased with the list are in the summary and the deletion report, as in the audit log
        CommandRun purge = ok("retention", "run", "--as-of", "2026-06-01");
        assertThat(purge.out()).contains("et " + persons + " personne(s) sans plus aucune donnée");
        try (var reports = Files.list(home.resolve("reports"))) {
            Path report = reports.filter(f -> f.toString().endsWith(".md")).findFirst().orElseThrow();
            assertThat(Files.readString(report)).contains("effacées avec leur historique de consentement : " + persons + ".");
        }

        assertThat(count("voter")).isZero();
        assertThat(count("person")).isZero();
        assertThat(count("consent_event")).isZero();
        assertThat(count("suppression")).isEqualTo(hashes); // an objection outlives the list
    }

    /**
     * Prospects without consent (PRIVACY.md: purged after the election; by default 6 months after their collection):
     * the collection day dates them, the policy deletes them, those who consented stay, under the rule of regular
     * contacts (whose date Terrain does not follow: « à vérifier »); a contact of another kind keeps its « à vérifier ».
     */
    @Test
    void prospectsWithoutConsentArePurgedSixMonthsAfterTheirCollection() throws IOException {
        Path prospects = home.resolve("prospects.csv");
        Files.writeString(prospects, "email;first_name;sector;consent_email\nsans@example.org;Léa;12;non\n"
                + "avec@example.org;Marc;12;oui\n", StandardCharsets.UTF_8);
        Path notice = home.resolve("courriel.txt");
        Files.writeString(notice, "Vous recevrez les courriels de la campagne ; un lien dans chacun permet de se désinscrire.");
        ok("consent", "notice", "courriel-2026-01", "--channel", "email", "--file", notice.toString());
        ok("contacts", "import", prospects.toString(), "--source", "campaign-collected", "--collected-on", "2026-01-05",
                "--notice", "courriel-2026-01");
        Path members = home.resolve("adherents.csv");
        Files.writeString(members, "email;first_name;sector;consent_email\nadherent@example.org;Anne;11;oui\n",
                StandardCharsets.UTF_8);
        ok("contacts", "import", members.toString(), "--source", "members", "--notice", "courriel-2026-01");

        // 2026-07-05 is the collection day + 6 months: still kept; the day after, deleted
        CommandRun kept = ok("retention", "run", "--as-of", "2026-07-05", "--dry-run");
        assertThat(kept.out()).doesNotContain("supprimé : prospects-courriel");
        CommandRun dry = ok("retention", "run", "--as-of", "2026-07-06", "--dry-run");
        assertThat(dry.out()).contains("prospects-courriel:2026-01-05");
        // the one who consented is kept as regular contacts are, not « 6 mois après la collecte, faute de consentement »
        assertThat(dry.out().lines().filter(l -> l.contains("contacts-courriel-consentis"))).singleElement()
                .satisfies(l -> assertThat(l).startsWith("à vérifier").contains("campaign-collected")
                        .contains("3 ans après le dernier contact à l'initiative de la personne")
                        .doesNotContain("faute de consentement"));
        assertThat(emails()).containsExactlyInAnyOrder("sans@example.org", "avec@example.org", "adherent@example.org");
        ok("retention", "run", "--as-of", "2026-07-06");
        assertThat(emails()).containsExactlyInAnyOrder("avec@example.org", "adherent@example.org");
        try (Store store = Store.h2(home)) {
            assertThat(TestStores.dumpAll(store)).doesNotContain("sans@example.org").doesNotContain("Léa");
        }
    }

    private List<String> emails() {
        try (Store store = Store.h2(home)) {
            return store.jdbi().withHandle(h -> h.createQuery("SELECT email FROM mail_contact").mapTo(String.class).list());
        }
    }

    /** The text table writes counts as a French reader reads them (« 1 357 638 », the demo's list), the JSON as numbers. */
    @Test
    void auditListWritesLargeCountsInFrench() {
        try (Store store = Store.h2(home)) {
            fr.terrain.store.AuditLog.append(store, "cli:test", "voters.import", "election:demo-2026", 1_357_638, "liste");
        }
        assertThat(ok("audit", "list").out()).contains(" 1 357 638  liste");
        assertThat(ok("audit", "list", "--json").out()).contains("\"records\" : 1357638");
    }

    @Test
    void adminActionsAreAuditedAndCuttingTheLastEntriesIsCaughtByTheCheckpoint() {
        CommandRun add = runWithInput("un mot de passe solide\n", "user", "add", "paul", "--role", "analyst");
        assertThat(add.exit()).as(add.err()).isZero();
        String token = ok("token", "create", "--user", "paul", "--label", "export").out().lines()
                .filter(l -> l.startsWith("trn_")).findFirst().orElseThrow();
        ok("token", "revoke", "1");
        ok("user", "disable", "paul");
        CommandRun list = ok("audit", "list");
        assertThat(list.out()).contains("user.add", "token.create", "token.revoke", "user.disable", "user:paul")
                .doesNotContain(token); // only the prefix that token list shows
        assertThat(ok("audit", "list", "--actor", "personne").out()).contains("Aucune entrée");
        assertThat(ok("audit", "list", "--since", "2999-01-01").out()).contains("Aucune entrée");
        assertThat(ok("audit", "verify").out()).contains("journal intact, 4 entrées");

        sql("DELETE FROM audit_entry WHERE seq >= 3"); // what is left is still a whole chain
        CommandRun cut = run("audit", "verify");
        assertThat(cut.exit()).as(cut.err()).isEqualTo(1);
        assertThat(cut.err()).contains("entrées n° 3 à 4 ont été supprimées");
    }

    /**
     * A round's date typed wrong after the list came: the list's retention counts from it, so it is changed only when
     * asked (--replace), audited, and the deadline follows; an election under a list cannot be removed.
     */
    @Test
    void aMistypedRoundDateIsReplacedOnlyWhenAskedAndTheListsDeadlineFollows() {
        importElectoralList();
        assertThat(ok("retention", "run", "--as-of", "2026-04-01", "--dry-run").out()).contains("jusqu'au 22/04/2026 inclus");
        String[] corrected = {"election", "add", "paris-2026", "--kind", "municipales", "--round1", "2026-03-15",
                "--round2", "2026-03-29"};
        CommandRun refused = run(corrected);
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err()).contains("paris-2026-t2 existe déjà avec d'autres valeurs : municipales, tour 2 le"
                + " 22/03/2026 (--replace pour les remplacer)");
        assertThat(ok("retention", "run", "--as-of", "2026-04-01", "--dry-run").out()).contains("jusqu'au 22/04/2026 inclus");

        List<String> replacing = new java.util.ArrayList<>(List.of(corrected));
        replacing.add("--replace");
        CommandRun replaced = ok(replacing.toArray(String[]::new));
        assertThat(replaced.out()).contains("✔ paris-2026-t1 : municipales, tour 1, 2026-03-15\n")
                .contains("✔ paris-2026-t2 : municipales, tour 2, 2026-03-29 (remplace : municipales, tour 2 le 22/03/2026)");
        assertThat(ok("retention", "run", "--as-of", "2026-04-01", "--dry-run").out()).contains("jusqu'au 29/04/2026 inclus");
        assertThat(ok("audit", "list").out()).contains("election.change", "election:paris-2026-t2",
                "municipales, tour 2 le 22/03/2026 → municipales, tour 2 le 29/03/2026");

        CommandRun remove = run("election", "remove", "paris-2026");
        assertThat(remove.exit()).isEqualTo(1);
        assertThat(remove.err()).contains("paris-2026 garde sa liste électorale (400 électeur(s))");
        // nor its last round alone: the list's deletion would come forward to the first round's date
        CommandRun last = run("election", "remove", "paris-2026-t2");
        assertThat(last.exit()).isEqualTo(1);
        assertThat(last.err()).contains("ses tours restent (une date mal tapée se corrige par terrain election add");
        assertThat(ok("retention", "run", "--as-of", "2026-04-01", "--dry-run").out()).contains("jusqu'au 29/04/2026 inclus");
        assertThat(voters()).isEqualTo(400);
    }

    /**
     * A checkpoint file edited by hand or cut short cannot vouch for the log: a refusal naming the file and its key, the
     * file left as it is (an internal error before, or a hash too short to quote).
     */
    @Test
    void anUnreadableCheckpointIsNamedAndLeftAsItIs() throws IOException {
        CommandRun add = runWithInput("un mot de passe solide\n", "user", "add", "paul", "--role", "analyst");
        assertThat(add.exit()).as(add.err()).isZero();
        ok("user", "disable", "paul");
        ok("audit", "verify");
        Path file = home.resolve("audit-head.properties");
        String good = Files.readString(file);
        for (String[] edit : List.of(new String[] {"1.seq=2", "1.seq=deux", "clé « 1.seq » : numéro d'entrée attendu, trouvé « deux »"},
                new String[] {"1.hash=", "1.hash=abc\n#", "clé « 1.hash » : empreinte SHA-256 attendue"},
                new String[] {"1.seq=2", "1.seq=2\\u00", "fichier illisible"})) {
            String edited = good.replaceFirst(java.util.regex.Pattern.quote(edit[0]), java.util.regex.Matcher.quoteReplacement(edit[1]));
            assertThat(edited).isNotEqualTo(good);
            Files.writeString(file, edited);
            CommandRun r = run("audit", "verify");
            assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(1);
            assertThat(r.err()).contains("journal non vérifié : point de contrôle illisible", file.toString(), edit[2])
                    .doesNotContain("erreur interne");
            assertThat(Files.readString(file)).isEqualTo(edited);
        }
    }

    @Test
    void theRegisterNamesTheSourcesImportedAndTheRetentionConfiguredAndItsPdfOpens() throws IOException {
        Files.writeString(home.resolve("privacy.properties"), """
                retention.electoral-list=P15D
                campaign.controller=Association de financement de la liste « Paris demain »
                campaign.dpo=dpo@example.org
                """);
        importElectoralList();
        Path out = files.resolve("registre");
        CommandRun r = ok("register", "--out", out.toString());
        assertThat(r.out()).contains("sources importées : electoral-list");
        String md = Files.readString(out.resolve("registre-des-traitements.md"));
        assertThat(md).contains("### electoral-list", "Préfecture de police", "Enregistrements détenus aujourd'hui : 400",
                "15 jours après le dernier tour de l'élection", "| members | 3 mois après la fin de l'adhésion | non",
                "Paris demain", "dpo@example.org").doesNotContain("### sign-in-list");
        assertThat(Files.readString(out.resolve("aipd-modele.md"))).contains("Analyse d'impact", "electoral-list");
        try (PDDocument pdf = Loader.loadPDF(out.resolve("registre-des-traitements.pdf").toFile())) {
            String text = new PDFTextStripper().getText(pdf);
            assertThat(text).contains("Registre des activités de traitement", "electoral-list", "Paris demain");
        }
        assertThat(md).as("French dates").containsPattern("Imports : 1 \\(du \\d\\d/\\d\\d/\\d{4} au")
                .containsPattern("généré par Terrain le \\d\\d/\\d\\d/\\d{4}");
        // a volunteer's profile is members' data held without any import: the register lists it, and says it is used
        ok("user", "add", "sarah", "--role", "canvasser", "--sectors", "12", "--generate-password");
        try (Store store = Store.h2(home)) {
            long sarah = fr.terrain.store.Accounts.find(store, "sarah").orElseThrow().id();
            assertThat(fr.terrain.store.Volunteers.setAvailability(store, sarah, List.of(), java.util.Optional.empty(),
                    java.time.Instant.now())).isTrue();
        }
        ok("register", "--out", out.toString());
        String withVolunteer = Files.readString(out.resolve("registre-des-traitements.md"));
        assertThat(withVolunteer).contains("### members", "Imports : aucun (données saisies dans Terrain",
                "| members | 3 mois après la fin de l'adhésion | oui");

        Files.writeString(home.resolve("privacy.properties"), "retention.electoral-list=un mois\n");
        CommandRun bad = run("retention", "run", "--dry-run");
        assertThat(bad.exit()).isEqualTo(1);
        assertThat(bad.err()).contains("retention.electoral-list", "P1M");
    }

    /**
     * `retention policy --init` writes the template, and to a file written before keys were added to it (or by hand)
     * adds only what it lacks — the hints of `register` and `rights export` send everyone there.
     */
    @Test
    void policyInitWritesTheTemplateThenAddsOnlyTheKeysAFileLacks() throws IOException {
        assertThat(ok("retention", "policy", "--init").out()).contains("privacy.properties écrit");
        assertThat(Files.readString(home.resolve("privacy.properties"))).contains("campaign.dpo=", "register.transfers=");
        Files.writeString(home.resolve("privacy.properties"), "retention.electoral-list=P15D\ncampaign.controller=Paris demain\n");
        CommandRun added = ok("retention", "policy", "--init");
        assertThat(added.out()).contains("clé(s) ajoutée(s), à compléter", "campaign.dpo", "register.transfers")
                .doesNotContain("campaign.controller,").contains("electoral-list             15 jours");
        String file = Files.readString(home.resolve("privacy.properties"));
        assertThat(file).startsWith("retention.electoral-list=P15D\ncampaign.controller=Paris demain\n")
                .contains("campaign.dpo=").doesNotContain("retention.electoral-list=P1M");
        assertThat(ok("retention", "policy", "--init").out()).contains("a déjà toutes les clés du modèle");
    }

    CommandRun runWithInput(String stdin, String... args) {
        java.io.InputStream saved = System.in;
        System.setIn(new java.io.ByteArrayInputStream(stdin.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        try {
            return run(args);
        } finally {
            System.setIn(saved);
        }
    }
}
