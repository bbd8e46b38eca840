package fr.terrain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import fr.terrain.RealData;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commands of the issue, run as a user would, on the embedded database. */
class CliTest {
    @TempDir
    Path home;


    CommandRun run(String... args) {
        return CommandRun.of(List.of("--home", home.toString()), args);
    }

    /** Runs with this text on standard input (not a terminal), as {@code echo … | terrain …} would. */
    CommandRun runWithInput(String stdin, String... args) {
        return CommandRun.withInput(stdin, List.of("--home", home.toString()), args);
    }

    private String storedHash(String name) {
        try (var store = fr.terrain.store.Store.h2(home)) {
            return fr.terrain.store.Accounts.find(store, name).orElseThrow().passwordHash();
        }
    }

    /** A mailbox without its password is a user's mistake: one French line naming the variable, exit 1, no trace. */
    @Test
    void aMailboxWithoutItsPasswordIsSaidInOneLine() {
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv("TERRAIN_MAILBOX_PASSWORD") == null);
        CommandRun r = run("campaign", "bounces", "--mailbox", "imap://rebonds@127.0.0.1:1/INBOX");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("TERRAIN_MAILBOX_PASSWORD").doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void emptyListsSayWhatToDo() {
        // a data directory that does not exist (a mistyped --home): said, and not created empty
        CommandRun nothing = run("election", "list");
        assertThat(nothing.exit()).isEqualTo(1);
        assertThat(nothing.err()).isEqualTo("erreur : aucune donnée dans " + home.toAbsolutePath().normalize()
                + " (--home ou TERRAIN_HOME) : rien n'y a été importé ; terrain import … ou terrain demo d'abord\n");
        assertThat(home.resolve("terrain.mv.db")).doesNotExist();
        fr.terrain.store.Store.h2(home).close(); // an empty store
        CommandRun elections = run("election", "list");
        assertThat(elections.exit()).isZero();
        assertThat(elections.out()).isEqualTo("Aucune élection (terrain election add …, ou terrain import results …).\n");
        CommandRun campaigns = run("campaign", "list");
        assertThat(campaigns.exit()).isZero();
        assertThat(campaigns.out()).startsWith("Aucune campagne (terrain campaign create");
        assertThat(run("election", "add", "paris-2026", "--kind", "municipales", "--round1", "2026-03-15", "--round2",
                "2026-03-22").exit()).isZero();
        assertThat(run("election", "list").out()).doesNotContain("Aucune").contains("paris-2026-t1").contains("paris-2026-t2");
    }

    @Test
    void userAddReadsThePasswordFromStandardInputAndStoresOnlyItsHash() {
        CommandRun add = runWithInput("un mot de passe solide\nligne suivante ignorée\n", "user", "add", "claire", "--role",
                "organizer", "--sectors", "20,11, 12");
        assertThat(add.exit()).as(add.err()).isZero();
        assertThat(add.out()).contains("✔ compte claire : organizer, secteurs 11,12,20").doesNotContain("solide");
        String hash = storedHash("claire");
        assertThat(hash).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
        assertThat(fr.terrain.account.PasswordHasher.standard().verify("un mot de passe solide", hash)).isTrue();

        CommandRun list = run("user", "list");
        assertThat(list.out()).containsPattern("claire +organizer, secteurs 11,12,20 +créé le \\d{4}-\\d{2}-\\d{2}");

        CommandRun again = runWithInput("un autre mot de passe\n", "user", "add", "claire", "--role", "analyst");
        assertThat(again.exit()).isEqualTo(1);
        assertThat(again.err()).contains("le compte « claire » existe déjà");

        CommandRun dpo = runWithInput("une phrase longue et secrète\n", "user", "add", "delegue", "--role", "dpo");
        assertThat(dpo.exit()).as(dpo.err()).isZero();
        assertThat(dpo.out()).contains("✔ compte delegue : dpo, tous secteurs");
    }

    @Test
    void aGeneratedPasswordIsPrintedOnceAndWorks() {
        CommandRun add = runWithInput("ignoré car --generate-password\n", "user", "add", "chef", "--role", "admin",
                "--generate-password");
        assertThat(add.exit()).as(add.err()).isZero();
        var m = java.util.regex.Pattern.compile("affiché une seule fois, notez-le\\) : (\\S+)").matcher(add.out());
        assertThat(m.find()).as(add.out()).isTrue();
        assertThat(fr.terrain.account.PasswordHasher.standard().verify(m.group(1), storedHash("chef"))).isTrue();
        assertThat(add.out()).contains("admin, tous secteurs");
    }

    @Test
    void unknownRolesShortPasswordsAndBadSectorsAreRefusedInFrench() {
        CommandRun role = runWithInput("un mot de passe solide\n", "user", "add", "x", "--role", "chef");
        assertThat(role.exit()).as("an unreadable option value: exit code 2, as picocli's own").isEqualTo(2);
        assertThat(role.err()).contains("rôle inconnu « chef » ; rôles : admin, director, organizer, canvasser, analyst, dpo");
        CommandRun shortPassword = runWithInput("court\n", "user", "add", "x", "--role", "analyst");
        assertThat(shortPassword.exit()).isEqualTo(1);
        assertThat(shortPassword.err()).contains("mot de passe trop court : 12 caractères au moins");
        CommandRun sectors = runWithInput("un mot de passe solide\n", "user", "add", "x", "--role", "organizer", "--sectors", "onze");
        assertThat(sectors.exit()).isEqualTo(2);
        assertThat(sectors.err()).contains("secteurs illisibles « onze »");
        CommandRun name = runWithInput("un mot de passe solide\n", "user", "add", "a b", "--role", "analyst");
        assertThat(name.exit()).isEqualTo(1);
        assertThat(name.err()).contains("nom d'utilisateur invalide");
        CommandRun none = runWithInput("", "user", "add", "x", "--role", "analyst");
        assertThat(none.exit()).isEqualTo(1);
        assertThat(none.err()).contains("aucun mot de passe sur l'entrée standard");
        assertThat(run("user", "list").out()).contains("Aucun compte");
        assertThat(run("user", "add").exit()).isEqualTo(2);
    }

    @Test
    void disablingAndResettingAPassword() {
        assertThat(runWithInput("un mot de passe solide\n", "user", "add", "paul", "--role", "canvasser", "--sectors", "3")
                .exit()).isZero();
        CommandRun reset = runWithInput("un nouveau mot de passe\n", "user", "password", "paul");
        assertThat(reset.exit()).as(reset.err()).isZero();
        assertThat(fr.terrain.account.PasswordHasher.standard().verify("un nouveau mot de passe", storedHash("paul"))).isTrue();
        assertThat(run("user", "disable", "paul").out()).contains("✔ compte paul désactivé");
        assertThat(run("user", "list").out()).containsPattern("paul .*DÉSACTIVÉ");
        assertThat(run("user", "disable", "personne").err()).contains("compte inconnu : personne");
        assertThat(runWithInput("un nouveau mot de passe\n", "user", "password", "personne").exit()).isEqualTo(1);
    }

    @Test
    void tokensAreShownOnceListedByPrefixAndRevoked() {
        assertThat(runWithInput("un mot de passe solide\n", "user", "add", "robot", "--role", "analyst").exit()).isZero();
        CommandRun create = run("token", "create", "--user", "robot", "--label", "export nocturne");
        assertThat(create.exit()).as(create.err()).isZero();
        var m = java.util.regex.Pattern.compile("^(trn_[A-Za-z0-9_-]{43})$", java.util.regex.Pattern.MULTILINE)
                .matcher(create.out());
        assertThat(m.find()).as(create.out()).isTrue();
        String token = m.group(1);
        try (var store = fr.terrain.store.Store.h2(home)) {
            String stored = store.jdbi().withHandle(h -> h.createQuery("SELECT token_hash FROM api_token")
                    .mapTo(String.class).one());
            assertThat(stored).isEqualTo(fr.terrain.account.Secrets.sha256(token));
        }

        CommandRun list = run("token", "list", "--user", "robot");
        assertThat(list.out()).contains(token.substring(0, 12) + "…").contains("export nocturne").doesNotContain(token)
                .containsPattern("1 +robot .* non");
        assertThat(run("token", "list", "--user", "personne").out()).contains("Aucun jeton");

        assertThat(run("token", "revoke", "1").out()).contains("✔ jeton n° 1").contains("révoqué");
        assertThat(run("token", "list").out()).containsPattern("1 +robot .* \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}\\s*$");
        CommandRun twice = run("token", "revoke", "1");
        assertThat(twice.exit()).isEqualTo(1);
        assertThat(twice.err()).contains("déjà révoqué");
        assertThat(run("token", "revoke", "99").err()).contains("jeton inconnu : n° 99");
        assertThat(run("token", "create", "--user", "personne").err()).contains("compte inconnu : personne");
    }

    @Test
    void helpListsTheAccountCommands() {
        CommandRun help = run("--help");
        assertThat(help.out()).contains("user").contains("token").contains("terrain user add NOM --role");
    }

    @Test
    void importFolderLoadsTheSharedDataAndStatusCountsIt() {
        CommandRun folder = run("import", "folder", RealData.root().toString());
        // the deliberately corrupted BAN fixture is refused, everything else is imported
        assertThat(folder.exit()).isEqualTo(1);
        assertThat(folder.err()).contains("ban_adresses_38002_22col_testfixture.csv:11:13");
        assertThat(folder.out()).contains("ignoré : documentation").contains("table dérivée en pourcentages")
                // the Ville de Paris originals, one file per arrondissement, are one import; the long file built from
                // them holds the same round: skipped, naming where the round came from
                .contains("✔ original (20 fichiers) — résultats Ville de Paris par bureau, une colonne par liste")
                .contains("paris_municipales_2020_t1_bv_long.csv — ignoré : résultats de paris-2020-t1 déjà pris plus"
                        + " haut dans paris-municipales-2020-t1/original")
                .doesNotContain("format large");

        CommandRun status = run("status");
        assertThat(status.exit()).isZero();
        assertThat(status.out())
                .containsPattern("paris-2020-t1 .* 897 bureaux, 9 561 lignes de résultats, .* découpage 2020, 897 bureaux reliés")
                .containsPattern("paris-2014-t1 .* 76 bureaux")
                .containsPattern("paris-2014-t2 .* 76 bureaux")
                .containsPattern("paris-pres-2012-t1 .* 869 bureaux")
                .contains("2019 : 896 bureaux").contains("2020 : 897 bureaux").contains("2024 : 902 bureaux (902 avec contour, 902 avec lieu de vote")
                .contains("Arrondissements : 20")
                .contains("contours 2013 : 992 IRIS")
                .contains("table filosofi-2018 : 870 IRIS × 28 indicateurs")
                .contains("Adresses (BAN) : 5 395")
                .doesNotContain("REU"); // INSEE's sample of 3 communes of Finistère: not Paris's stations
        assertThat(folder.out()).contains("reu_adresses_bv_sample_finistere.csv — ignoré : adresses des électeurs du REU");

        CommandRun again = run("import", "folder", RealData.root().toString());
        assertThat(again.out()).contains("0 fichier(s) importé(s), 19 déjà à jour");
        assertThat(run("status").out()).isEqualTo(status.out());
        try (var store = fr.terrain.store.Store.h2(home)) {
            assertThat(ServeCommand.holdsTheDemoCity(store)).as("real data: serve applies the retention").isFalse();
        }
    }

    @Test
    void importReuSaysItCountsAddressesNotElectorsAndABadLineIsLocated() throws IOException {
        CommandRun help = run("import", "reu", "--help");
        assertThat(help.out()).contains("Bureaux de vote d'après les adresses de leurs électeurs").contains("--vintage");
        Path bad = Files.writeString(home.resolve("reu-2023.csv"), "id_brut_bv_reu;longitude;latitude;geo_type;"
                + "geo_score;nb_adresses\n29039_1;-3.91;47.87;housenumber;0.96;2\n29039_2;-3.92;47.88;housenumber;0.96;-1\n");
        CommandRun refused = run("import", "reu", bad.toString());
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err()).contains("reu-2023.csv:3:6: [nb_adresses] attendu un effectif (0 ou plus), trouvé -1");
        assertThat(run("status").out()).contains("Bureaux de vote par découpage\n  aucun");
        CommandRun imported = run("import", "reu", RealData.file("reu-adresses-bv-sample/reu_adresses_bv_sample_finistere.csv")
                .toString(), "--vintage", "2023");
        assertThat(imported.exit()).isZero();
        assertThat(imported.out()).contains("12 335 lignes lues, 31 bureaux enregistrés → reu:2023:")
                .contains("15 187 adresses d'électeurs (Σ nb_adresses : des adresses, pas des électeurs) ; contours"
                        + " approchés, tracés d'après ces adresses (cellules de Voronoï), pas des contours officiels")
                .contains("note : 407 ligne(s) (1 039 adresses) ne dessinent aucun contour : géocodé à la rue");
        assertThat(run("status").out()).contains("2023 : 31 bureaux (31 avec contour dont 31 approché(s) d'après les"
                + " adresses du REU, pas officiel(s), 0 avec lieu de vote, 0 avec inscrits, 15 187 adresses d'électeurs du REU)");
    }

    /**
     * {@code import reu --communes}: a code that is no commune's, or one of Paris (not read in the REU), is a mistake of
     * the command line (exit 2, nothing opened); a commune the file does not hold is one of the data (exit 1); the
     * chosen communes' stations are stored, and the report says how many rows of others were passed.
     */
    @Test
    void importReuCommunesRefusesABadCodeAsAUsageMistakeAndAnAbsentCommuneAsData() {
        String sample = RealData.file("reu-adresses-bv-sample/reu_adresses_bv_sample_finistere.csv").toString();
        assertThat(run("import", "reu", "--help").out()).contains("--communes");
        for (String bad : List.of("2903", "29039,2C004", "75056", "29039,abcde")) {
            CommandRun refused = run("import", "reu", sample, "--communes", bad);
            assertThat(refused.exit()).as(bad).isEqualTo(2);
            assertThat(refused.err()).as(bad).contains("--communes : ").doesNotContain("\tat ");
        }
        assertThat(run("import", "reu", sample, "--communes", "2903").err())
                .contains("--communes : code de commune « 2903 » : attendu 5 caractères comme 29039 (Corse : 2A004)");
        assertThat(Files.exists(home.resolve("terrain.mv.db"))).as("no store opened").isFalse();
        CommandRun absent = run("import", "reu", sample, "--communes", "29039,29930");
        assertThat(absent.exit()).isEqualTo(1);
        assertThat(absent.err()).contains("commune(s) 29930 demandée(s) par --communes absente(s) du fichier");
        CommandRun imported = run("import", "reu", sample, "--communes", "29116");
        assertThat(imported.exit()).isZero();
        assertThat(imported.out()).contains("12 335 lignes lues, 1 bureaux enregistrés")
                .contains("55 ligne(s) des communes demandées (29116) ; 12 280 ligne(s) d'autres communes passées");
    }

    @Test
    void aCorruptedCopyOfThe2020FileFailsWithLineAndColumnAndChangesNothing() throws IOException {
        assertThat(run("import", "results", RealData.file(RealData.RESULTS_2020).toString()).exit()).isZero();
        String before = run("status", "--json").out();

        List<String> lines = new ArrayList<>(Files.readAllLines(RealData.file(RealData.RESULTS_2020)));
        // nb_inscr is the 11th field; corrupt it on file line 101
        String[] fields = lines.get(100).split(";", -1);
        fields[10] = fields[10] + "x";
        lines.set(100, String.join(";", fields));
        Path copy = home.resolve("copie.csv");
        Files.write(copy, lines);

        CommandRun failed = run("import", "results", copy.toString(), "--election", "paris-2020-t1");
        assertThat(failed.exit()).isEqualTo(1);
        assertThat(failed.err()).contains("copie.csv:101:11: [nb_inscr]").contains("Rien n'a été modifié")
                .doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(run("status", "--json").out()).isEqualTo(before);
    }

    @Test
    void anUnknownKindIsAUsageErrorAndOpensNoStore() {
        CommandRun r = run("import", "results", RealData.file(RealData.RESULTS_2020).toString(), "--kind", "foo");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--kind : type d'élection inconnu « foo »");
        assertThat(Files.exists(home.resolve("terrain.mv.db"))).isFalse();
    }

    /** README: exit code 2 for an option's value the command refuses of itself, whatever the data; nothing created. */
    @Test
    void optionValuesRefusedWhateverTheDataAreUsageErrors() {
        Map<List<String>, String> refused = new LinkedHashMap<>();
        refused.put(List.of("election", "add", "paris-2026", "--kind", "cantonales", "--round1", "2026-03-15"),
                "--kind : type d'élection inconnu « cantonales » ; types : municipales, presidentielle, legislatives,"
                        + " europeennes, regionales, departementales");
        refused.put(List.of("demo", "--scale", "lyon", "--no-serve"), "--scale : échelle inconnue « lyon » ; échelles : paris, small");
        refused.put(List.of("suppress", "--email", "a@b.fr", "--reason", "colère"), "--reason : motif inconnu « colère »");
        refused.put(List.of("suppress", "--reason", "stop"), "rien à inscrire : --person, --voter, --email, --phone ou --name");
        refused.put(List.of("consent", "notice", "v1", "--channel", "pigeon", "--file", "mention.txt"),
                "--channel : canal inconnu « pigeon »");
        for (var c : refused.entrySet()) {
            CommandRun r = run(c.getKey().toArray(String[]::new));
            assertThat(r.exit()).as(c.getKey().toString()).isEqualTo(2);
            assertThat(r.err()).as(c.getKey().toString()).contains(c.getValue());
        }
        assertThat(home.resolve("terrain.mv.db")).doesNotExist();
    }

    @Test
    void theDataOptionsMayComeBeforeTheCommand() {
        assertThat(run("election", "add", "paris-2026", "--kind", "municipales", "--round1", "2026-03-15").exit()).isZero();
        CommandRun first = CommandRun.typed("--home", home.toString(), "status");
        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(first.out()).contains("paris-2026").isEqualTo(run("status").out());
        assertThat(CommandRun.typed("--home=" + home, "election", "list").out()).contains("paris-2026-t1");

        assertThat(Terrain.storeOptionsAfterTheCommand("--home", "D", "--db=jdbc:h2:mem:x", "import", "voters", "F",
                "--", "-liste.csv")).containsExactly("import", "voters", "F", "--home", "D", "--db=jdbc:h2:mem:x", "--",
                "-liste.csv");
        assertThat(Terrain.storeOptionsAfterTheCommand("status", "--home", "D")).containsExactly("status", "--home", "D");
        assertThat(Terrain.storeOptionsAfterTheCommand("--home", "D", "--help")).containsExactly("--home", "D", "--help");
        // nothing but the options: left as typed, for the usual message
        CommandRun alone = CommandRun.typed("--home", home.toString());
        assertThat(alone.exit()).isEqualTo(2);
        assertThat(alone.err()).contains("terrain attend d'abord une commande");
    }

    /**
     * The demo on PostgreSQL with a data directory not made yet: it writes its check of the city and its keys there, and
     * answered « fichier introuvable : …/.demo-check… » (the directory was made only for the embedded database).
     */
    @Test
    void theDemoOnPostgresqlMakesItsDataDirectory() throws Exception {
        fr.terrain.store.Store pg = fr.terrain.store.TestStores.postgres();
        String schema = pg.description().substring(pg.description().lastIndexOf(" schema ") + " schema ".length());
        pg.close();
        Path fresh = home.resolve("pas-encore");
        try {
            CommandRun r = CommandRun.of(List.of(), "demo", "--scale", "small", "--no-serve", "--home", fresh.toString(),
                    "--db", fr.terrain.store.TestStores.PG_URL + "?user=" + fr.terrain.store.TestStores.PG_USER
                            + "&currentSchema=" + schema);
            assertThat(r.exit()).as(r.out() + r.err()).isZero();
            assertThat(fresh.resolve("suppression.key")).exists();
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(java.nio.file.Files.getPosixFilePermissions(fresh)))
                    .isEqualTo("rwx------");
        } finally {
            fr.terrain.store.TestStores.dropSchema(fr.terrain.store.Store.url(fr.terrain.store.TestStores.PG_URL,
                    fr.terrain.store.TestStores.PG_USER, null, schema));
        }
    }

    /**
     * An existing PostgreSQL base (here a schema) that holds no store is refused by a command that only reads, as a data
     * directory without its H2 file is, and is left empty: `status` and `audit verify` made it a store (50 tables).
     */
    @Test
    void aReadingCommandRefusesAnEmptyPostgresqlBaseAndLeavesItEmpty() throws Exception {
        String schema = "t_vide_" + Long.toHexString(System.nanoTime());
        String url = fr.terrain.store.TestStores.PG_URL;
        try (var c = java.sql.DriverManager.getConnection(url, fr.terrain.store.TestStores.PG_USER, null)) {
            c.createStatement().execute("CREATE SCHEMA " + schema);
            String db = url + "?user=" + fr.terrain.store.TestStores.PG_USER + "&currentSchema=" + schema;
            for (String[] command : List.of(new String[] {"status"}, new String[] {"audit", "verify"})) {
                List<String> args = new java.util.ArrayList<>(List.of(command));
                args.addAll(List.of("--db", db));
                CommandRun r = run(args.toArray(String[]::new));
                assertThat(r.exit()).as(r.err()).isEqualTo(1);
                assertThat(r.err()).startsWith("erreur : aucune donnée dans la base jdbc:postgresql:")
                        .contains("terrain import … ou terrain demo d'abord");
            }
            var tables = c.createStatement().executeQuery("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = '"
                    + schema + "'");
            tables.next();
            assertThat(tables.getInt(1)).isZero();
        } finally {
            try (var c = java.sql.DriverManager.getConnection(url, fr.terrain.store.TestStores.PG_USER, null)) {
                c.createStatement().execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
    }

    @Test
    void aStoreThatCannotBeOpenedIsOneLineInFrenchNotAStackTrace() throws IOException {
        String absent = fr.terrain.store.TestStores.PG_URL.replaceFirst("/[^/?]*(\\?.*)?$", "/terrain_base_absente")
                + "?user=" + fr.terrain.store.TestStores.PG_USER;
        CommandRun noDatabase = run("status", "--db", absent);
        assertThat(noDatabase.exit()).isEqualTo(1);
        assertThat(noDatabase.err()).startsWith("erreur : impossible d'ouvrir la base jdbc:postgresql:")
                .doesNotContain("\tat ").doesNotContain("Exception");
        assertThat(noDatabase.err()).contains("cette base n'existe pas sur le serveur (createdb NOM pour la créer)");
        CommandRun mysql = run("status", "--db", "jdbc:mysql://127.0.0.1/terrain");
        assertThat(mysql.exit()).isEqualTo(1);
        assertThat(mysql.err()).contains("base non prise en charge : jdbc:mysql://127.0.0.1/terrain")
                .doesNotContain("\tat ");
        Path file = Files.writeString(home.resolve("un-fichier"), "pas un répertoire");
        CommandRun badHome = CommandRun.of(List.of("--home", file.resolve("données").toString()), "election", "add",
                "paris-2026", "--kind", "municipales", "--round1", "2026-03-15");
        assertThat(badHome.exit()).isEqualTo(1);
        assertThat(badHome.err()).contains("impossible de créer le répertoire des données").doesNotContain("\tat ");
        // the file itself given as --home: said before H2 tries it (which printed 54 lines of stack trace)
        CommandRun fileHome = CommandRun.of(List.of("--home", file.toString()), "status");
        assertThat(fileHome.exit()).isEqualTo(1);
        assertThat(fileHome.err()).isEqualTo("erreur : le répertoire des données " + file + " est un fichier, pas un"
                + " répertoire (--home ou TERRAIN_HOME)\n");
    }

    @Test
    void anElectionIdWithABadRoundNoYearOrAnotherYearIsRefusedAndNothingIsWritten() {
        String file = RealData.file(RealData.RESULTS_2020).toString();
        CommandRun round = run("import", "results", file, "--election", "paris-2020-t9");
        assertThat(round.exit()).isEqualTo(1);
        assertThat(round.err()).contains("--election paris-2020-t9 : un tour s'écrit -t1 ou -t2 ; l'élection sans son tour : paris-2020");
        CommandRun noYear = run("import", "results", file, "--election", "paris");
        assertThat(noYear.exit()).isEqualTo(1);
        assertThat(noYear.err()).contains("l'identifiant doit porter l'année");
        // the file's round 1 is dated 15 March 2020 (its "date" column)
        CommandRun otherYear = run("import", "results", file, "--election", "paris-2014");
        assertThat(otherYear.exit()).isEqualTo(1);
        assertThat(otherYear.err()).contains("l'identifiant nomme une élection de 2014, mais le tour a lieu le 2020-03-15");
        assertThat(run("status").out()).contains("Élections (0)").contains("Imports : 0");
        assertThat(run("import", "results", file, "--election", "paris-2020").exit()).isZero();
        assertThat(run("election", "list").out()).contains("paris-2020-t1");
        // the name the file would get anyway, given or not: the same import, skipped
        for (String[] same : List.of(new String[] {"--election", "paris-2020-t1"}, new String[0])) {
            List<String> args = new ArrayList<>(List.of("import", "results", file));
            args.addAll(List.of(same));
            CommandRun again = run(args.toArray(String[]::new));
            assertThat(again.exit()).isZero();
            assertThat(again.out() + again.err()).contains("déjà importé");
        }
        assertThat(run("status").out()).contains("Imports : 1");
    }

    @Test
    void aMissingFileAndAnImpossibleDateAreSaidInWords() {
        CommandRun stations = run("import", "stations", home.resolve("absent.geojson").toString());
        assertThat(stations.exit()).isEqualTo(1);
        assertThat(stations.err()).contains("fichier introuvable : " + home.resolve("absent.geojson"))
                .doesNotContain("Exception").doesNotContain("découpage");
        CommandRun results = run("import", "results", home.resolve("absent.csv").toString());
        assertThat(results.exit()).isEqualTo(1);
        assertThat(results.err()).contains("fichier introuvable").doesNotContain("Exception");
        CommandRun date = run("election", "add", "paris-2027", "--kind", "municipales", "--round1", "2027-13-45");
        assertThat(date.exit()).isEqualTo(2);
        assertThat(date.err()).contains("AAAA-MM-JJ").contains("2027-13-45").doesNotContain("Exception");
    }

    /** An output folder that cannot be made is said to be one (it read « fichier introuvable », as for a missing input). */
    @Test
    void anOutputFolderThatCannotBeMadeIsNamedAsSuch() {
        Path impossible = Path.of("/proc/terrain-sortie"); // /proc refuses new folders, even to root
        CommandRun register = run("register", "--out", impossible.toString());
        assertThat(register.exit()).isEqualTo(1);
        assertThat(register.err()).contains("impossible d'écrire dans " + impossible + " (chemin introuvable : " + impossible)
                .doesNotContain("fichier introuvable").doesNotContain("Exception");
        CommandRun backup = runWithInput("une phrase de passe assez longue\n", "backup", "--out",
                impossible.resolve("sauvegarde.tbk").toString());
        assertThat(backup.exit()).isEqualTo(1);
        assertThat(backup.err()).contains("impossible d'écrire dans " + impossible + " (chemin introuvable")
                .doesNotContain("fichier introuvable").doesNotContain("Exception");
        // an output file too (it read « fichier introuvable : /proc/terrain-sortie/liste.csv »)
        run("election", "add", "paris-2026", "--kind", "municipales", "--round1", "2026-03-15");
        Path list = impossible.resolve("liste.csv");
        CommandRun select = run("voters", "select", "--election", "paris-2026", "--all", "--out", list.toString());
        assertThat(select.exit()).isEqualTo(1);
        assertThat(select.err()).contains("impossible d'écrire dans " + list + " (chemin introuvable : " + list)
                .doesNotContain("fichier introuvable").doesNotContain("Exception");
    }

    @Test
    void unknownAndForbiddenSourcesAreRefusedByName() {
        CommandRun unknown = run("import", "results", RealData.file(RealData.RESULTS_2020).toString(), "--source", "fichier-achete");
        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(unknown.err()).contains("catégorie de source inconnue « fichier-achete »");
        CommandRun forbidden = run("import", "results", RealData.file(RealData.RESULTS_2020).toString(), "--source", "municipal-file");
        assertThat(forbidden.exit()).isEqualTo(1);
        assertThat(forbidden.err()).contains("source refusée (municipal-file)");
        assertThat(run("status").out()).contains("Élections (0)").contains("Imports : 0");
    }

    @Test
    void electionAddDeclaresBothRounds() {
        CommandRun add = run("election", "add", "paris-2026", "--kind", "municipales", "--round1", "2026-03-15",
                "--round2", "2026-03-22");
        assertThat(add.exit()).isZero();
        CommandRun list = run("election", "list");
        assertThat(list.out()).contains("paris-2026-t1").contains("2026-03-15").contains("paris-2026-t2").contains("2026-03-22");
        CommandRun conflict = run("election", "add", "paris-2026", "--kind", "municipales", "--round1", "2026-03-16");
        assertThat(conflict.exit()).isEqualTo(1);
        assertThat(conflict.err()).contains("existe déjà avec d'autres valeurs : municipales, tour 1 le 15/03/2026")
                .doesNotContain("Election[");
        // ids that cannot be meant: a round that is not one, no year, a year that is not the first round's
        for (String[] bad : List.of(new String[] {"paris-2027-t9", "un tour s'écrit -t1 ou -t2"},
                new String[] {"paris", "doit porter l'année"}, new String[] {"paris-2028", "élection de 2028"})) {
            CommandRun refused = run("election", "add", bad[0], "--kind", "municipales", "--round1", "2027-03-14");
            assertThat(refused.exit()).as(bad[0]).isEqualTo(1);
            assertThat(refused.err()).as(bad[0]).contains(bad[1]);
        }
        assertThat(run("election", "list").out()).doesNotContain("paris-2027").doesNotContain("paris-2028")
                .doesNotContain("paris-t1");
    }

    @Test
    void demoImportsTheSyntheticCityThroughTheOfficialImportersAndReusesIt() {
        CommandRun demo = run("demo", "--scale", "small", "--no-serve");
        assertThat(demo.exit()).as(demo.err()).isZero();
        assertThat(demo.out()).contains("Ville synthétique").contains("0 refusé(s)")
                .containsPattern("demo-2020-t1 .* découpage 2020")
                .containsPattern("demo-2026-t1 .* découpage 2020")
                .contains("Arrondissements : 20")
                .contains("utilisateur  : demo").containsPattern("mot de passe : [A-Za-z0-9]{5}-");
        // every registered voter of 2026 is on the synthetic list, and nobody else
        try (var store = fr.terrain.store.Store.h2(home)) {
            long registered = store.jdbi().withHandle(h -> h.createQuery(
                    "SELECT SUM(registered) FROM station_result WHERE election_id = 'demo-2026-t1'").mapTo(Long.class).one());
            long voters = store.jdbi().withHandle(h -> h.createQuery(
                    "SELECT COUNT(*) FROM voter WHERE contest = 'demo-2026' AND provider = :p AND station_code IS NOT NULL")
                    .bind("p", DemoCommand.DEMO_PROVIDER).mapTo(Long.class).one());
            assertThat(voters).isPositive().isEqualTo(registered);
            // a canvassing notice, so that the demo's phone notes opinions; a fictitious controller, not « à renseigner »
            var notice = fr.terrain.store.ConsentLedger.latestNotice(store, fr.terrain.privacy.ConsentChannel.CANVASS_OPINION)
                    .orElseThrow();
            assertThat(notice.version()).isEqualTo(DemoCommand.DEMO_NOTICE);
            assertThat(notice.text()).contains("Responsable du traitement : la liste fictive de la démonstration")
                    .doesNotContain(fr.terrain.privacy.CampaignIdentity.MISSING);
        }
        assertThat(demo.out()).contains("Mention de porte-à-porte de démonstration enregistrée (demo-porte-a-porte-1)");
        CommandRun again = run("demo", "--scale", "small", "--no-serve");
        assertThat(again.exit()).isZero();
        assertThat(again.out()).contains("0 fichier(s) importé(s)").contains("déjà importé")
                .contains("Compte de démonstration : demo").doesNotContain("mot de passe :")
                .doesNotContain("Mention de porte-à-porte de démonstration"); // registered once
    }

    @Test
    void aVoterListIsWrittenIntoAFolderThatDoesNotExistYet() {
        Path out = home.resolve("pas/encore/là");
        StringWriter err = new StringWriter();
        var cli = Terrain.commandLine();
        cli.setOut(new PrintWriter(new StringWriter()));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute("generate", "city", "--voters", "1000", "--seed", "3", "--out", out.toString());
        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.resolve("demo_liste_electorale_1000.csv")).isRegularFile();
    }

    @Test
    void seatsForACommuneFromAVotesFile() throws IOException {
        // 19 seats, round 1: A 884 of 1,428 (61.9 %) → bonus 10, then 6 of the 9 others: A 16, B 3.
        Path votes = home.resolve("votes.csv");
        Files.writeString(votes, "list;votes;average_age\nListe A;884;51,5\nListe B;544;47\n");
        CommandRun json = run("seats", "--system", "commune", "--seats", "19", "--round", "1", "--votes", votes.toString(), "--json");
        assertThat(json.exit()).as(json.err()).isZero();
        assertThat(json.out()).contains("\"system\" : \"commune\"", "\"seats_total\" : 19", "\"round\" : 1",
                "\"expressed\" : 1428", "\"bonus_to\" : \"Liste A\"", "\"bonus_seats\" : 10",
                "\"qualified_for_round_two\" : [ ]", "\"Liste A\" : 16", "\"Liste B\" : 3");
        CommandRun table = run("seats", "--system", "commune", "--seats", "19", "--round", "1", "--votes", votes.toString());
        assertThat(table.out()).contains("Prime majoritaire : 10 siège(s) à Liste A", "1 428 suffrages exprimés");
    }

    @Test
    void seatsReportsRoundTwoWhenNoListHasAMajority() throws IOException {
        Path votes = home.resolve("votes.csv");
        Files.writeString(votes, "liste,voix\nA,450\nB,300\nC,150\nD,100\n");
        CommandRun r = run("seats", "--system", "commune", "--seats", "33", "--round", "1", "--votes", votes.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("second tour", "Peuvent se maintenir : A, B, C, D");

        // 25 lists of 4 %: none may merge (5 %), said in a word rather than left blank
        StringBuilder many = new StringBuilder("liste,voix\n");
        for (char c = 'A'; c < 'A' + 25; c++) {
            many.append("Liste ").append(c).append(",40\n");
        }
        Files.writeString(votes, many.toString());
        CommandRun scattered = run("seats", "--system", "commune", "--seats", "33", "--round", "1", "--votes",
                votes.toString());
        assertThat(scattered.exit()).as(scattered.err()).isZero();
        assertThat(scattered.out()).contains("Peuvent fusionner (≥ 5 %) : aucune\n");
    }

    @Test
    void seatsRefusesABadVotesFileWithItsLocationAndMissingOptionsAsUsage() throws IOException {
        Path votes = home.resolve("votes.csv");
        Files.writeString(votes, "list;votes\nA;884\nB;beaucoup\n");
        CommandRun bad = run("seats", "--system", "commune", "--seats", "19", "--round", "1", "--votes", votes.toString());
        assertThat(bad.exit()).isEqualTo(1);
        assertThat(bad.err()).contains("votes.csv:3:2");
        assertThat(run("seats", "--system", "commune", "--seats", "19").exit()).isEqualTo(2);
        assertThat(run("seats", "--system", "lyon-1982", "--election", "x").exit()).isEqualTo(2);
        CommandRun tie = run("seats", "--system", "commune", "--seats", "2", "--round", "2", "--votes",
                write("list;votes\nA;400\nB;400\n"));
        assertThat(tie.exit()).isEqualTo(1);
        assertThat(tie.err()).contains("average_age");
        assertThat(run("seats", "--system", "paris-1982", "--election", "paris-2031-t1").exit()).isEqualTo(1);
    }

    private String write(String content) throws IOException {
        Path p = Files.createTempFile(home, "votes", ".csv");
        Files.writeString(p, content);
        return p.toString();
    }

    /**
     * {@code import results} fills the arrondissement the 2014 file leaves implicit from its name, by the very rule
     * {@code import folder} applies; {@code --arrondissement} still wins, and a name that says nothing asks for it.
     */
    @Test
    void importResultsTakesTheArrondissementFromTheFileNameAsImportFolderDoes() throws IOException {
        Path real = RealData.file(RealData.RESULTS_2014);
        CommandRun inferred = run("import", "results", real.toString());
        assertThat(inferred.exit()).as(inferred.err()).isZero();
        assertThat(inferred.out()).contains("arrondissement 20 pris du nom du fichier");
        // counted by hand (awk on the file): 76 distinct num_bv in each of its two rounds; "paris20e": the 20th
        assertThat(stationArrondissements()).containsExactly(20);
        assertThat(run("status").out()).containsPattern("paris-2014-t1 .* 76 bureaux")
                .containsPattern("paris-2014-t2 .* 76 bureaux");

        // the option overrides the name (a deliberate, if odd, choice: the stations become 19-1 … 19-76)
        CommandRun forced = run("import", "results", real.toString(), "--arrondissement", "19",
                "--election", "paris-2014-autre");
        assertThat(forced.exit()).as(forced.err()).isZero();
        assertThat(forced.out()).doesNotContain("pris du nom du fichier");
        assertThat(stationArrondissements()).containsExactly(19, 20);

        // a name without an arrondissement: the question, in one line, exit 1, nothing written
        Path anonymous = Files.copy(real, home.resolve("resultats.csv"));
        String before = run("status", "--json").out();
        CommandRun asked = run("import", "results", anonymous.toString(), "--election", "paris-2014-trois");
        assertThat(asked.exit()).isEqualTo(1);
        assertThat(asked.err()).contains("resultats.csv").contains("précisez --arrondissement N")
                .doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(run("status", "--json").out()).isEqualTo(before);
    }

    /**
     * The README's order (./terrain demo, then the tour's import folder ../shared/data) put the real Paris contours
     * over the demo's (same codes 20-1…, same vintage 2020) and re-joined its 2026 round to the real 2024 découpage:
     * one database holds the demo city or real data, and an import that would mix them is refused, changing nothing.
     */
    @Test
    void theDemoCityAndRealDataAreNeverMixedInOneDatabase() throws IOException {
        assertThat(run("demo", "--scale", "small", "--no-serve").exit()).isZero();
        String demo = run("status", "--json").out();
        CommandRun folder = run("import", "folder", RealData.root().toString());
        assertThat(folder.exit()).isEqualTo(1);
        assertThat(folder.err()).contains("tient la ville de démonstration").contains("--home DIR")
                .doesNotContain("Exception").doesNotContain("\tat ");
        CommandRun results = run("import", "results", RealData.file(RealData.RESULTS_2014).toString());
        assertThat(results.exit()).isEqualTo(1);
        assertThat(results.err()).contains("Rien n'a été importé");
        assertThat(run("import", "stations", RealData.root().resolve("paris-bureaux-de-vote-geo/secteurs_bv_paris_2020.geojson")
                .toString()).exit()).isEqualTo(1);
        assertThat(run("status", "--json").out()).isEqualTo(demo);
        // the demo city's own data may come again (generated files: import folder DIR --territory demo)
        assertThat(run("demo", "--scale", "small", "--no-serve").exit()).isZero();

        // the other way round: real data first, then the demo is refused
        Path real = home.resolve("paris");
        CommandRun paris = CommandRun.of(List.of("--home", real.toString()), "import", "results",
                RealData.file(RealData.RESULTS_2014).toString());
        assertThat(paris.exit()).as(paris.err()).isZero();
        CommandRun demoOverReal = CommandRun.of(List.of("--home", real.toString()), "demo", "--scale", "small", "--no-serve");
        assertThat(demoOverReal.exit()).isEqualTo(1);
        assertThat(demoOverReal.err()).contains("tient des données réelles (paris-2014-t1");
        assertThat(CommandRun.of(List.of("--home", real.toString()), "status").out()).doesNotContain("demo-");
    }

    /**
     * Two synthetic cities share their station codes as the demo and Paris do: {@code demo --seed 2} over the seed-1
     * demo put the second city's contours and results over the first's turfs and lists. Refused like real data, nothing
     * generated nor written; the same seed again (another folder of the same files too) still imports as unchanged.
     */
    @Test
    void twoDemoCitiesOfDifferentSeedsAreNeverMixedInOneDatabase() {
        assertThat(run("demo", "--scale", "small", "--no-serve").exit()).isZero();
        String demo = run("status", "--json").out();

        CommandRun seed2 = run("demo", "--scale", "small", "--seed", "2", "--no-serve");
        assertThat(seed2.exit()).as(seed2.out() + seed2.err()).isEqualTo(1);
        assertThat(seed2.err()).contains("une autre ville de démonstration").contains("--home DIR")
                .contains("Rien n'a été importé").doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(home.resolve("demo-city-small-2")).doesNotExist();
        assertThat(home.toFile().list()).noneMatch(f -> f.startsWith(".demo-check")); // its contours, written aside

        Path other = home.resolve("graine-2");
        assertThat(CommandRun.typed("generate", "city", "--scale", "small", "--seed", "2", "--out", other.toString())
                .exit()).isZero();
        CommandRun folder = run("import", "folder", other.toString(), "--territory", "demo");
        assertThat(folder.exit()).isEqualTo(1);
        assertThat(folder.err()).contains("une autre ville de démonstration").contains("--home DIR");
        CommandRun results = run("import", "results", other.resolve("demo_municipales_2026_t1_bv_long.csv").toString(),
                "--territory", "demo");
        assertThat(results.exit()).isEqualTo(1);
        assertThat(results.err()).contains("une autre ville de démonstration");
        assertThat(run("status", "--json").out()).isEqualTo(demo);

        // the same seed again: from the demo's own folder, or generated anew elsewhere
        assertThat(run("demo", "--scale", "small", "--no-serve").out()).contains("0 fichier(s) importé(s)");
        Path same = home.resolve("graine-1");
        assertThat(CommandRun.typed("generate", "city", "--scale", "small", "--seed", "1", "--out", same.toString())
                .exit()).isZero();
        CommandRun again = run("import", "folder", same.toString(), "--territory", "demo");
        assertThat(again.exit()).as(again.err()).isZero();
        assertThat(again.out()).contains("0 fichier(s) importé(s)");
        assertThat(run("status", "--json").out()).isEqualTo(demo);
    }

    private List<Integer> stationArrondissements() {
        try (var store = fr.terrain.store.Store.h2(home)) {
            return store.jdbi().withHandle(h -> h.createQuery(
                    "SELECT DISTINCT arrondissement FROM station_result ORDER BY arrondissement").mapTo(Integer.class).list());
        }
    }

    /** A command out of memory printed Java's stack trace and exited 1, as for a refused file (found by a crawl). */
    @Test
    void runningOutOfMemoryIsSaidInFrenchWithTheSettingThatGivesJavaMore() throws Exception {
        assertThat(Terrain.outOfMemory(6L << 30)).startsWith("erreur : mémoire insuffisante (Java peut prendre au plus"
                + " 6 144 Mio)").contains("TERRAIN_JAVA_OPTS=-Xmx12g ./terrain");
        assertThat(Terrain.outOfMemory(512L << 20)).contains("-Xmx2g");
        // wrapped on its way out (« Self-suppression not permitted », the pool closing under it): said the same
        var cli = Terrain.commandLine();
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err));
        int exit = cli.getExecutionExceptionHandler().handleExecutionException(new IllegalArgumentException(
                "Self-suppression not permitted", new OutOfMemoryError("Java heap space")), cli, null);
        assertThat(exit).isEqualTo(3);
        assertThat(err.toString()).startsWith("erreur : mémoire insuffisante").doesNotContain("\tat ");
    }

    /** An election imported by mistake goes with one command, audited; a mistyped one is named, and changes nothing. */
    @Test
    void electionRemoveTakesBackAnImportedElectionAndNamesAnUnknownOne() throws Exception {
        assertThat(run("import", "results", RealData.file(RealData.RESULTS_2014).toString(), "--arrondissement", "20").exit())
                .isZero();
        assertThat(run("import", "results", RealData.file(RealData.RESULTS_2020).toString()).exit()).isZero();
        CommandRun unknown = run("election", "remove", "paris-2041");
        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(unknown.err()).contains("aucune élection ni aucun tour « paris-2041 » (terrain election list)");

        CommandRun removed = run("election", "remove", "paris-2014-t2");
        assertThat(removed.exit()).as(removed.err()).isZero();
        // the 20th's 76 stations of round 2 and its three lists (Calandra, Perifan, Simonnet), counted in the file
        assertThat(removed.out()).contains("✔ paris-2014-t2 supprimé (municipales, tour 2, 2014-03-30)",
                "3 liste(s), 76 résultat(s) par bureau supprimés ; consigné au journal d'audit");
        assertThat(run("election", "list").out()).contains("paris-2014-t1", "paris-2020-t1").doesNotContain("paris-2014-t2");
        assertThat(run("audit", "list").out()).contains("election.remove", "election:paris-2014-t2");
        CommandRun seats = run("seats", "--system", "paris-1982", "--election", "paris-2014-t2");
        assertThat(seats.exit()).isEqualTo(1);
        // and the file brings it back (a crawl was told « déjà importé, rien à faire », the round staying gone)
        CommandRun again = run("import", "results", RealData.file(RealData.RESULTS_2014).toString(), "--arrondissement", "20");
        assertThat(again.exit()).as(again.err()).isZero();
        assertThat(again.out()).doesNotContain("rien à faire");
        assertThat(run("election", "list").out()).contains("paris-2014-t2");
    }

    @Test
    void seatsOnAFileCoveringOneSectorSayWhichSectorsHaveNoResults() throws Exception {
        // the 2014 file holds the 20th only (76 stations): its round 2 gives Calandra 11 of the 14 seats of the
        // sector, not of the 163-seat council; the table says so as the JSON does (sectors_without_results)
        assertThat(run("import", "results", RealData.file(RealData.RESULTS_2014).toString(), "--arrondissement", "20").exit())
                .isZero();
        CommandRun r = run("seats", "--system", "paris-1982", "--election", "paris-2014-t2");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("Conseil : 14 siège(s) attribué(s) à ce tour",
                "secteurs sans résultats importés : 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19"
                        + " (149 sièges sur 163)");
        CommandRun json = run("seats", "--system", "paris-1982", "--election", "paris-2014-t2", "--json");
        assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.out()).get("sectors_without_results"))
                .hasSize(19);
    }

    @Test
    void seatsForParis2020RoundOneGiveThe7thToDatiAndSendTheOthersToRoundTwo() throws Exception {
        assertThat(run("import", "results", RealData.file(RealData.RESULTS_2020).toString()).exit()).isZero();
        CommandRun r = run("seats", "--system", "paris-1982", "--election", "paris-2020-t1", "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.out());
        assertThat(json.get("sectors")).hasSize(17);
        var seventh = json.get("sectors").get("7");
        assertThat(seventh.get("bonus_to").asText()).isEqualTo("Mme DATI Rachida");
        assertThat(seventh.get("seats").get("Mme DATI Rachida").asInt()).isEqualTo(4);
        assertThat(seventh.get("seats_total").asInt()).isEqualTo(4);
        var centre = json.get("sectors").get("1");
        assertThat(centre.get("bonus_to").isNull()).isTrue();
        assertThat(centre.get("qualified_for_round_two")).hasSize(4);
        assertThat(json.get("council").get("Mme DATI Rachida").asInt()).isEqualTo(4);
        CommandRun table = run("seats", "--system", "paris-1982", "--election", "paris-2020-t1");
        assertThat(table.out()).contains("Secteur 7", "Prime majoritaire : 2 siège(s) à Mme DATI Rachida",
                "secteurs au second tour : 1, 5, 6, 8");
        CommandRun reform = run("seats", "--system", "paris-2025", "--election", "paris-2020-t1", "--json");
        assertThat(reform.exit()).as(reform.err()).isZero();
        assertThat(reform.out()).contains("\"council_ballot\"");
        // Paris stations (arrondissements 17 to 20) lie in no sector of Marseille's table: a clear error.
        CommandRun marseille = run("seats", "--system", "paris-1982", "--city", "marseille", "--election", "paris-2020-t1");
        assertThat(marseille.exit()).isEqualTo(1);
        assertThat(marseille.err()).contains("n'appartient à aucun secteur de la table marseille-1982");
        assertThat(run("seats", "--system", "paris-1982", "--city", "toulouse", "--election", "paris-2020-t1").exit())
                .isEqualTo(2);
    }

    @Test
    void underThe2025LawTheArrondissementSeatsComeFromTheirOwnBallot() throws Exception {
        // L.271 as completed by loi n° 2025-795: the council and the arrondissement councils are
        // elected « par deux scrutins distincts », each with its own count. The council ballot here
        // is the 2020 round 1 (7th: Dati 7,678 of 15,146 exprimés = 50.69 %, an absolute majority);
        // the arrondissement ballot a copy of the 7th's stations with Dati's votes halved (about
        // 3,839 of 15,146 = 25.3 %, no absolute majority): by L.262 al. 2 that ballot gives no seat
        // in round 1, whatever the council ballot says.
        Path original = RealData.file(RealData.RESULTS_2020);
        List<String> lines = Files.readAllLines(original);
        List<String> seventh = new ArrayList<>(List.of(lines.get(0)));
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(";", -1);
            if (f[7].equals("7")) {
                if (f[16].equals("Mme DATI Rachida")) {
                    f[17] = String.valueOf(Integer.parseInt(f[17]) / 2);
                }
                seventh.add(String.join(";", f));
            }
        }
        Path sectorFile = home.resolve("arrondissements-2020-t1.csv");
        Files.write(sectorFile, seventh);
        assertThat(run("import", "results", original.toString()).exit()).isZero();
        CommandRun imported = run("import", "results", sectorFile.toString(), "--election", "paris-arrondissements-2020-t1");
        assertThat(imported.exit()).as(imported.err()).isZero();
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();

        var same = mapper.readTree(run("seats", "--system", "paris-2025", "--election", "paris-2020-t1", "--json").out());
        assertThat(same.get("sectors").get("7").get("bonus_to").asText()).isEqualTo("Mme DATI Rachida");

        CommandRun r = run("seats", "--system", "paris-2025", "--election", "paris-2020-t1",
                "--sector-election", "paris-arrondissements-2020-t1", "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        var json = mapper.readTree(r.out());
        assertThat(json.get("council_ballot")).isEqualTo(same.get("council_ballot"));
        var sector = json.get("sectors").get("7");
        assertThat(sector.get("bonus_to").isNull()).isTrue();
        assertThat(sector.get("qualified_for_round_two").size()).isGreaterThan(1);
        assertThat(json.get("sectors").has("5")).isFalse();

        CommandRun old = run("seats", "--system", "paris-1982", "--election", "paris-2020-t1",
                "--sector-election", "paris-arrondissements-2020-t1");
        assertThat(old.exit()).isEqualTo(2);
        assertThat(old.err()).contains("--sector-election");
    }

    @Test
    void doorsMatchAndTurfsOnTheDemoCity() throws IOException {
        CommandRun demo = run("demo", "--scale", "small", "--no-serve");
        assertThat(demo.exit()).as(demo.err()).isZero();
        Path unmatched = home.resolve("non-rapproches.csv");
        // seconds are written the French way whatever the machine's locale (a C or en_US shell printed « 73.1 s »)
        java.util.Locale machine = java.util.Locale.getDefault();
        java.util.Locale.setDefault(java.util.Locale.US);
        CommandRun match;
        CommandRun timed;
        try {
            match = run("doors", "match", "--unmatched", unmatched.toString());
            timed = run("turfs", "--stations", "20-1", "--doors-per-turf", "80");
        } finally {
            java.util.Locale.setDefault(machine);
        }
        assertThat(match.exit()).as(match.err()).isZero();
        assertThat(match.out()).contains("Rapprochement des électeurs de demo-2026").containsPattern("\\d+,\\d\\d % rapprochés")
                .containsPattern("adresses\\), \\d+,\\d s :")
                .contains("voie inconnue").contains("portes :");
        assertThat(timed.out()).containsPattern("portes, \\d+,\\d\\d s\\) :");
        assertThat(Files.readAllLines(unmatched).get(0)).startsWith("voter_id;import_id;bureau;numero");
        assertThat(Files.readString(unmatched)).doesNotContain("MARTIN"); // addresses only, never names

        // terrain serve on the demo city only reports what retention would delete (its election is long past)
        try (var store = fr.terrain.store.Store.h2(home)) {
            assertThat(ServeCommand.holdsTheDemoCity(store)).isTrue();
        }
        CommandRun turfs = run("turfs", "--stations", "20-1,20-2", "--doors-per-turf", "80", "--json");
        assertThat(turfs.exit()).as(turfs.err()).isZero();
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(turfs.out());
        assertThat(json.size()).isGreaterThanOrEqualTo(2);
        var first = json.get(0);
        assertThat(first.get("turf").asInt()).isEqualTo(1);
        assertThat(first.get("stations").get(0).asText()).isIn("20-1", "20-2");
        assertThat(first.get("doors").size()).isBetween(50, 110);
        assertThat(first.get("walking_metres").asDouble()).isPositive();
        assertThat(first.get("minutes").asDouble()).isGreaterThan(first.get("doors").size() * 1.2);
        assertThat(first.has("voters")).isTrue();
        assertThat(first.get("start").has("lon")).isTrue();

        CommandRun text = run("turfs", "--stations", "20-1", "--minutes-per-turf", "120");
        assertThat(text.exit()).as(text.err()).isZero();
        assertThat(text.out()).contains("Tournées de 20-1").contains("portes");
        assertThat(text.err()).doesNotContain("point de rendez-vous");
        assertThat(first.has("topic")).isTrue(); // topics and walk lists: WalkListTest
        // a meeting point 3 km north of the station's polling place (0.027° of latitude): every turf walks there and back
        CommandRun far = run("turfs", "--stations", "20-1", "--minutes-per-turf", "120", "--meeting-point",
                first.get("start").get("lon").asDouble() + "," + (first.get("start").get("lat").asDouble() + 0.027));
        assertThat(far.exit()).as(far.err()).isZero();
        assertThat(far.err()).contains("attention : le point de rendez-vous est à").contains("min aller-retour");

        // the top of a targeting plan (terrain target --csv): the stations given most hours, none without hours
        Path plan = home.resolve("plan.csv");
        Files.writeString(plan, "station;sector;registered;turnout;bloc_share;abstainers;sympathetic_abstainers;"
                + "sympathetic_low;sympathetic_high;persuadables;score;hours;expected_gain;marginal_value;top_topic\n"
                + "20-9;20;900;0.5;0.3;450;120;100;140;80;0.4;0.00;0;0.4;\n"
                + "20-2;20;900;0.5;0.3;450;120;100;140;80;0.5;5.50;2;0.3;\n"
                + "20-3;20;900;0.5;0.3;450;120;100;140;80;0.6;12.00;4;0.2;transports\n"
                + "20-1;20;900;0.5;0.3;450;120;100;140;80;0.7;5.50;2;0.3;\n");
        CommandRun fromPlan = run("turfs", "--from-plan", plan.toString(), "--top", "5", "--json");
        assertThat(fromPlan.exit()).as(fromPlan.err()).isZero();
        List<String> cut = new ArrayList<>();
        new com.fasterxml.jackson.databind.ObjectMapper().readTree(fromPlan.out())
                .forEach(t -> t.get("stations").forEach(c -> cut.add(c.asText())));
        // most hours first; 20-1 before 20-2 (same hours, higher score); 20-9 has no hour
        assertThat(cut.stream().distinct().toList()).containsExactly("20-3", "20-1", "20-2");
        assertThat(fromPlan.err()).contains("attention : plan.csv ne donne d'heures qu'à 3 bureau(x) ; --top 5 en demandait plus");
        CommandRun topOne = run("turfs", "--from-plan", plan.toString(), "--top", "1");
        assertThat(topOne.out()).contains("Tournées de 20-3,");
        assertThat(topOne.err()).doesNotContain("attention");
        assertThat(run("turfs", "--from-plan", plan.toString()).err())
                .contains("ne donne d'heures qu'à 3 bureau(x) ; les 10 bureaux par défaut (--top) en demandaient plus");
        Files.writeString(plan, Files.readString(plan).replace("5.50;2;0.3;\n20-3", "beaucoup;2;0.3;\n20-3"));
        CommandRun bad = run("turfs", "--from-plan", plan.toString());
        assertThat(bad.exit()).isEqualTo(1);
        assertThat(bad.err()).contains("plan.csv:3:").contains("hours");
        assertThat(run("turfs", "--from-plan", plan.toString(), "--stations", "20-1").err())
                .contains("--stations ou --from-plan, pas les deux");
        assertThat(run("turfs", "--stations", "20-1", "--top", "3").err()).contains("--top ne sert qu'avec --from-plan");

        // a store holding real elections besides the demo keeps its real retention, the demo's list included
        assertThat(run("election", "add", "paris-2026", "--kind", "municipales", "--round1", "2026-03-15").exit()).isZero();
        try (var store = fr.terrain.store.Store.h2(home)) {
            assertThat(ServeCommand.holdsTheDemoCity(store)).isFalse();
        }
    }
}
