package fr.terrain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import fr.terrain.ingest.ElectoralListReader;
import fr.terrain.privacy.SourceCategory;
import fr.terrain.store.ImportLog;
import fr.terrain.store.Store;
import fr.terrain.store.TestStores;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The source registry as a user meets it: every forbidden or unknown source, and an incomplete
 * commercial declaration, is refused by {@code terrain import voters} with the rule it breaks,
 * leaving every table and {@code terrain status} as they were — on H2 and on PostgreSQL.
 */
class SourceRegistryTest {
    static final List<String> FORBIDDEN = List.of("public-sector-file", "municipal-file", "other-role-file",
            "hr-payroll", "patients-clients", "scraped-social-media");

    @TempDir
    Path tmp;

    record Run(int exit, String out, String err) {}

    /** The store the CLI reaches with --db (PostgreSQL in a fresh schema) or --home (H2). */
    private List<String> where = List.of();

    Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cli = Terrain.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(where);
        int exit = cli.execute(all.toArray(String[]::new));
        return new Run(exit, out.toString(), err.toString());
    }

    private Supplier<Store> open(String database) {
        if (database.equals("h2")) {
            where = List.of("--home", tmp.resolve("home").toString());
            return () -> TestStores.h2(tmp.resolve("home"));
        }
        Store pg = TestStores.postgres();
        String schema = pg.description().substring(pg.description().lastIndexOf(" schema ") + 8);
        pg.close();
        where = List.of("--db", TestStores.PG_URL + "?user=" + TestStores.PG_USER + "&currentSchema=" + schema,
                "--home", tmp.resolve("unused").toString());
        return () -> Store.url(TestStores.PG_URL, TestStores.PG_USER, null, schema);
    }

    private Path electoralList() throws java.io.IOException {
        Path list = tmp.resolve("liste.csv");
        Files.writeString(list, String.join(";", ElectoralListReader.COLUMNS) + "\n"
                + "LG;LE;01/01/2026;75;75112;Paris 12e;1;F;DUPONT;;Marie;03/04/1970;Lyon;69;FRANCE;;École;7;;8;;;12;RUE;DE PICPUS;;75012;PARIS;FRANCE\n",
                StandardCharsets.UTF_8);
        return list;
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void forbiddenUnknownAndIncompleteSourcesAreRefusedWithTheRuleAndChangeNothing(String database) throws Exception {
        Supplier<Store> store = open(database);
        try {
            Path list = electoralList();
            assertThat(run("election", "add", "paris-2026", "--kind", "municipales", "--round1", "2026-03-15",
                    "--round2", "2026-03-22").exit()).isZero();
            Run first = run("import", "voters", list.toString(), "--source", "electoral-list", "--election", "paris-2026",
                    "--provider", "Préfecture de police", "--collected-on", "2026-01-10");
            assertThat(first.exit()).as(first.err()).isZero();
            String status = run("status").out();
            String before;
            try (Store s = store.get()) {
                before = TestStores.dumpAll(s);
            }
            for (String forbidden : FORBIDDEN) {
                Run r = run("import", "voters", list.toString(), "--source", forbidden, "--election", "paris-2026",
                        "--provider", "Mairie");
                assertThat(r.exit()).as(forbidden).isEqualTo(1);
                String rule = SourceCategory.find(forbidden).orElseThrow().description();
                assertThat(r.err()).as(forbidden).contains("source refusée (" + forbidden + ")").contains(rule)
                        .contains("rien n'a été importé");
            }
            Run unknown = run("import", "voters", list.toString(), "--source", "fichier-du-club", "--election",
                    "paris-2026");
            assertThat(unknown.exit()).isEqualTo(1);
            assertThat(unknown.err()).contains("catégorie de source inconnue « fichier-du-club »")
                    .contains("déclare une catégorie de source connue");
            Run commercial = run("import", "voters", list.toString(), "--source", "commercial-with-consent",
                    "--election", "paris-2026", "--provider", "Loueur SA");
            assertThat(commercial.exit()).isEqualTo(1);
            assertThat(commercial.err()).contains("il manque son contact (--provider-contact), les canaux couverts")
                    .contains("Les fichiers du secteur privé");
            Run badChannel = run("import", "voters", list.toString(), "--source", "commercial-with-consent",
                    "--election", "paris-2026", "--provider", "Loueur SA", "--provider-contact", "dpo@loueur.example",
                    "--consent-channels", "pigeon");
            assertThat(badChannel.err()).contains("canal de consentement inconnu « pigeon »");
            Run complete = run("import", "voters", list.toString(), "--source", "commercial-with-consent",
                    "--election", "paris-2026", "--provider", "Loueur SA", "--provider-contact", "dpo@loueur.example",
                    "--consent-channels", "email,sms");
            assertThat(complete.exit()).isEqualTo(1); // a commercial file is not an electoral list
            assertThat(complete.err()).contains("une liste d'électeurs vient d'une liste électorale");
            try (Store s = store.get()) {
                assertThat(TestStores.dumpAll(s)).isEqualTo(before);
                var log = ImportLog.list(s);
                assertThat(log).hasSize(1);
                assertThat(log.get(0).sourceCategory()).isEqualTo("electoral-list");
                var voter = s.jdbi().withHandle(h -> h.createQuery("SELECT source_category, provider, collected_on"
                        + " FROM voter").mapToMap().one());
                assertThat(voter).containsEntry("source_category", "electoral-list")
                        .containsEntry("provider", "Préfecture de police");
                assertThat(voter.get("collected_on").toString()).isEqualTo("2026-01-10");
            }
            assertThat(run("status").out()).isEqualTo(status);
        } finally {
            if (database.equals("postgresql")) {
                TestStores.dropSchema(store.get());
            }
        }
    }
}
