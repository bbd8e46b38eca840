package fr.terrain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import fr.terrain.account.Secrets;
import fr.terrain.store.InvitationLinks;
import fr.terrain.store.Store;
import fr.terrain.web.QrReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code terrain invite} and {@code terrain team}: the link printed once, its QR code, the checks. */
class InviteCommandTest {
    @TempDir
    Path dir;

    List<String> home() {
        return List.of("--home", dir.resolve("home").toString());
    }

    @Test
    void invitePrintsTheLinkAndWritesAQrCodeThatReadsBackAsTheLink() throws Exception {
        CommandRun team = CommandRun.of(home(), "team", "add", "12e Bel-Air", "--sector", "12");
        assertThat(team.exit()).as(team.err()).isZero();
        assertThat(team.out()).contains("« 12e Bel-Air », 12e arrondissement");
        CommandRun first = CommandRun.of(home(), "team", "add", "Les Halles", "--sector", "1");
        assertThat(first.out()).as(first.err()).contains("« Les Halles », 1er arrondissement");
        Path png = dir.resolve("invitation.png");
        CommandRun run = CommandRun.of(home(), "invite", "--role", "canvasser", "--sectors", "12", "--team", "12e Bel-Air",
                "--days", "3", "--qr", png.toString(), "--base-url", "https://terrain.example.fr/");
        assertThat(run.exit()).as(run.err()).isZero();
        Matcher m = Pattern.compile("https://terrain\\.example\\.fr/invitation/([A-Za-z0-9_-]{43})").matcher(run.out());
        assertThat(m.find()).as(run.out()).isTrue();
        assertThat(run.out()).contains("canvasser, secteurs 12e, équipe « 12e Bel-Air »");
        assertThat(QrReader.read(Files.readAllBytes(png))).isEqualTo(m.group());
        try (Store store = Store.h2(dir.resolve("home"))) {
            InvitationLinks.Invitation i = InvitationLinks.find(store, Secrets.sha256(m.group(1))).orElseThrow();
            assertThat(i.expiresAt()).isBetween(Instant.now().plus(Duration.ofDays(3)).minusSeconds(120),
                    Instant.now().plus(Duration.ofDays(3)));
            assertThat(i.teamId()).isPresent();
        }
        Path svg = dir.resolve("invitation.svg");
        CommandRun second = CommandRun.of(home(), "invite", "--role", "organizer", "--sectors", "11,12", "--qr", svg.toString());
        assertThat(second.exit()).as(second.err()).isZero();
        String link = second.out().lines().filter(l -> l.startsWith("http")).findFirst().orElseThrow();
        assertThat(link).startsWith("http://localhost:7070/invitation/");
        assertThat(QrReader.readSvg(Files.readString(svg))).isEqualTo(link);
    }

    @Test
    void inviteRefusesOtherRolesUnknownTeamsAndBadFiles() throws Exception {
        CommandRun admin = CommandRun.of(home(), "invite", "--role", "admin", "--sectors", "12");
        assertThat(admin.exit()).as("a role no invitation gives: the command line is wrong, exit 2").isEqualTo(2);
        assertThat(admin.err()).contains("militant (canvasser) ou organisateur (organizer), pas « administrateur »");
        Path qr = dir.resolve("refusee.png");
        CommandRun team = CommandRun.of(home(), "invite", "--role", "canvasser", "--sectors", "12", "--team", "personne",
                "--qr", qr.toString());
        assertThat(team.exit()).isEqualTo(1);
        assertThat(team.err()).contains("équipe inconnue dans les secteurs de l'invitation");
        assertThat(qr).as("no invitation, no QR file (an empty one was left)").doesNotExist();
        Files.writeString(qr, "le QR d'une invitation précédente");
        CommandRun again = CommandRun.of(home(), "invite", "--role", "canvasser", "--sectors", "12", "--team", "personne",
                "--qr", qr.toString());
        assertThat(again.exit()).isEqualTo(1);
        assertThat(qr).as("a file already there is left as it was").hasContent("le QR d'une invitation précédente");
        CommandRun days = CommandRun.of(home(), "invite", "--role", "canvasser", "--sectors", "12", "--days", "90");
        assertThat(days.exit()).as("an option's value out of its range: exit code 2").isEqualTo(2);
        assertThat(days.err()).contains("--days 90 : de 1 à 30 jours");
        CommandRun file = CommandRun.of(home(), "invite", "--role", "canvasser", "--sectors", "12", "--qr", "x.gif");
        assertThat(file.exit()).as("the command line itself is wrong: exit code 2").isEqualTo(2);
        assertThat(file.err()).contains(".png ou .svg");
        // a QR code that cannot be written: refused before the invitation exists (a live link was left behind)
        CommandRun unwritable = CommandRun.of(home(), "invite", "--role", "canvasser", "--sectors", "12", "--qr",
                "/proc/terrain-sortie/invitation.png");
        assertThat(unwritable.exit()).isEqualTo(1);
        assertThat(unwritable.err()).contains("impossible d'écrire dans /proc/terrain-sortie/invitation.png");
        assertThat(unwritable.out()).doesNotContain("/invitation/");
        try (Store s = Store.h2(dir.resolve("home"))) {
            long invitations = s.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM invitation").mapTo(Long.class)
                    .one());
            assertThat(invitations).isZero();
        }
        CommandRun none = CommandRun.of(home(), "invite", "--role", "canvasser", "--sectors", "");
        assertThat(none.exit()).isEqualTo(2);
        assertThat(none.err()).contains("au moins un secteur");
        CommandRun help = CommandRun.of(List.of(), "invite", "--help");
        assertThat(help.out()).contains("--role").contains("--sectors").contains("--team").contains("--days").contains("--qr");
    }
}
