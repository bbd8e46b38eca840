package fr.terrain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import fr.terrain.store.Accounts;
import fr.terrain.store.Store;
import fr.terrain.store.Volunteers;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sectors that are communes on the command line (ADR 0032): an organizer of Concarneau (29039), a team there, an
 * invitation there, each named from the BAN's {@code nom_commune} (the fixture ReuDoorsCliTest uses: 52 addresses of
 * commune 29039 « Concarneau »), and the spellings that are no sector refused as command-line mistakes.
 */
class CommuneSectorsCliTest {
    @TempDir
    Path home;

    CommandRun run(String... args) {
        return CommandRun.of(List.of("--home", home.toString()), args);
    }

    CommandRun withPassword(String... args) {
        return CommandRun.withInput("un mot de passe solide\n", List.of("--home", home.toString()), args);
    }

    @Test
    void anOrganizerATeamAndAnInvitationInACommune() throws IOException {
        Path addresses = home.resolve("adresses-29039-essai.csv");
        try (InputStream in = ReuDoorsCliTest.class.getResourceAsStream("adresses-29039-essai.csv")) {
            Files.copy(in, addresses);
        }
        CommandRun.ok(home, "import", "addresses", addresses.toString());

        CommandRun user = withPassword("user", "add", "morgane", "--role", "organizer", "--sectors", "29039");
        assertThat(user.exit()).as(user.err()).isZero();
        assertThat(user.out()).contains("✔ compte morgane : organizer, secteurs 29039");
        assertThat(run("user", "list").out()).containsPattern("morgane +organizer, secteurs 29039 ");

        CommandRun team = run("team", "add", "Centre-ville", "--sector", "29039");
        assertThat(team.exit()).as(team.err()).isZero();
        assertThat(team.out()).contains("« Centre-ville », Concarneau (29039)");
        // no BAN address of Douarnenez here: no name, its code
        assertThat(run("team", "add", "Port-Rhu", "--sector", "29046").out()).contains("« Port-Rhu », commune 29046");
        assertThat(run("team", "add", "Bel-Air", "--sector", "12").out()).contains("« Bel-Air », 12e arrondissement");
        assertThat(run("team", "add", "Louvre", "--sector", "1").exit()).isZero();
        assertThat(run("team", "list").out()).containsPattern("Bel-Air +12e arr\\.").containsPattern("Louvre +1er arr\\.")
                .containsPattern("Centre-ville +Concarneau \\(29039\\)").containsPattern("Port-Rhu +commune 29046");

        CommandRun invite = run("invite", "--role", "canvasser", "--sectors", "29039", "--team", "Centre-ville");
        assertThat(invite.exit()).as(invite.err()).isZero();
        assertThat(invite.out()).contains("canvasser, secteurs Concarneau (29039), équipe « Centre-ville »");
        // a team of that name in another sector is not the invitation's
        CommandRun elsewhere = run("invite", "--role", "canvasser", "--sectors", "29039", "--team", "Bel-Air");
        assertThat(elsewhere.exit()).isEqualTo(1);
        assertThat(elsewhere.err()).contains("équipe inconnue dans les secteurs de l'invitation");
        // Corsica as INSEE writes it: 2A004 is area 20004, as CommuneCodes reads the REU and the electoral list
        CommandRun corsica = run("invite", "--role", "organizer", "--sectors", "2a004,29039");
        assertThat(corsica.exit()).as(corsica.err()).isZero();
        assertThat(corsica.out()).contains("organizer, secteurs commune 20004, Concarneau (29039)");

        try (Store store = Store.h2(home)) {
            assertThat(Accounts.find(store, "morgane").orElseThrow().account().sectors()).containsExactly(29039);
            assertThat(Volunteers.teams(store, Optional.of(Set.of(29039)))).extracting(Volunteers.Team::name)
                    .containsExactly("Centre-ville");
        }
    }

    @Test
    void whatIsNoSectorIsRefusedAsACommandLineMistake() {
        for (String[] bad : List.of(new String[] {"75112", "Paris 12e : écrivez 12"},
                new String[] {"75056", "Paris, Lyon et Marseille"}, new String[] {"2903", "« 2903 » n'est ni un arrondissement"},
                new String[] {"100", "« 100 » n'est ni un arrondissement"}, new String[] {"00999", "code de commune « 00999 » inexistant"})) {
            CommandRun user = withPassword("user", "add", "x", "--role", "organizer", "--sectors", "11," + bad[0]);
            assertThat(user.exit()).as(bad[0] + " " + user.err()).isEqualTo(2);
            assertThat(user.err()).contains(bad[1]);
            CommandRun invite = run("invite", "--role", "canvasser", "--sectors", bad[0]);
            assertThat(invite.exit()).as(bad[0]).isEqualTo(2);
            assertThat(invite.err()).contains(bad[1]);
            CommandRun team = run("team", "add", "X", "--sector", bad[0]);
            assertThat(team.exit()).as(bad[0]).isEqualTo(2);
            assertThat(team.err()).contains(bad[1]);
        }
        CommandRun list = run("user", "list");
        assertThat(list.err()).as("not even a database was created").contains("aucune donnée dans");
        for (String command : List.of("user add", "invite", "team add")) {
            String help = CommandRun.of(List.of(), (command + " --help").split(" ")).out();
            assertThat(help).as(command).contains("29039").contains("2A004");
        }
    }

    /**
     * ADR 0033: a campaign's report names a commune's recipients by the commune (« Concarneau (29039) », else
     * « commune 29046 »), not as an arrondissement, and Paris's as before; so does its targeting record.
     */
    @Test
    void aCampaignReportNamesACommunesRecipientsByTheCommune() throws IOException {
        Path addresses = home.resolve("adresses-29039-essai.csv");
        try (InputStream in = ReuDoorsCliTest.class.getResourceAsStream("adresses-29039-essai.csv")) {
            Files.copy(in, addresses);
        }
        CommandRun.ok(home, "import", "addresses", addresses.toString());
        try (Store store = Store.h2(home)) {
            List<Integer> sectors = new java.util.ArrayList<>();
            for (int sector : new int[] {29039, 29046, 12}) {
                sectors.addAll(java.util.Collections.nCopies(10, sector));
            }
            fr.terrain.store.MailFixture.campaign(store, "lettre", sectors);
            store.jdbi().useHandle(h -> h.execute("UPDATE mail_campaign SET segment = 'sector:29046,12,29039'"));
        }
        CommandRun report = run("campaign", "report", "lettre");
        assertThat(report.exit()).as(report.err()).isZero();
        assertThat(report.out()).contains("  Concarneau (29039) : 10 destinataires")
                .contains("  commune 29046 : 10 destinataires").contains("  12e arrondissement : 10 destinataires")
                .contains("  ciblage (règlement (UE) 2024/900) : sélection géographique — arrondissement 12 ou Concarneau"
                        + " (29039) ou commune 29046")
                .doesNotContain("29039e");
        // the register of processing names the commune in the campaign's targeting too
        Path register = home.resolve("registre");
        CommandRun.ok(home, "register", "--out", register.toString());
        assertThat(Files.readString(register.resolve("registre-des-traitements.md"))).contains("| lettre | terminée |"
                + " sélection géographique — arrondissement 12 ou Concarneau (29039) ou commune 29046 |");
    }
}
