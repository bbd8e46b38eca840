package fr.terrain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import fr.terrain.ingest.ContactListReader;
import fr.terrain.ingest.InputError;
import fr.terrain.store.Store;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code terrain contacts import}: bad lines named, nothing stored; encodings and separators tolerated. */
class ContactsImportTest {
    @TempDir
    Path home;

    @TempDir
    Path files;

    CommandRun run(String... args) {
        return CommandRun.of(List.of("--home", home.toString()), args);
    }

    long contacts() {
        try (Store s = Store.h2(home)) {
            return s.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM mail_contact").mapTo(Long.class).one()
                    + h.createQuery("SELECT COUNT(*) FROM person").mapTo(Long.class).one());
        }
    }

    @Test
    void badLinesAreNamedWithTheirColumnAndNothingIsStored() throws Exception {
        Path f = files.resolve("contacts.csv");
        Files.writeString(f, "email;first_name;sector;consent_email\nok@exemple.fr;Ana;11;oui\npas-une-adresse;Bo;12;oui\n"
                + "c@exemple.fr;Cy;12;peut-être\n", StandardCharsets.UTF_8);
        CommandRun r = run("contacts", "import", f.toString(), "--source", "regular-contacts");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("contacts.csv:3:1: [email] adresse électronique invalide « pas-une-adresse »")
                .contains("contacts.csv:4:4: [consent_email] attendu « oui » ou « non », trouvé « peut-être »")
                .contains("Rien n'a été modifié");
        assertThat(contacts()).isZero();
        CommandRun forbidden = run("contacts", "import", f.toString(), "--source", "municipal-file");
        assertThat(forbidden.exit()).isEqualTo(1);
        assertThat(forbidden.err()).contains("fichier de la commune ne peut pas servir à la communication politique");
    }

    /** What is no sector (0, 100, a station of area 150) would hide the contact from every organizer: refused where written. */
    @Test
    void aSectorThatIsNoSectorIsNamedWithItsLineAndColumnAndNothingIsStored() throws Exception {
        Path f = files.resolve("secteurs.csv");
        Files.writeString(f, "email;first_name;sector;consent_email;station\nok@exemple.fr;Ana;20;oui;20-3\n"
                + "b@exemple.fr;Bo;100;oui;\nc@exemple.fr;Cy;0;non;\nd@exemple.fr;Di;2O004;oui;\n"
                + "e@exemple.fr;Ed;11;oui;12-7\nf@exemple.fr;Flo;;oui;150-1\ng@exemple.fr;Gus;12;oui;75112_0007\n",
                StandardCharsets.UTF_8);
        CommandRun r = run("contacts", "import", f.toString(), "--source", "regular-contacts");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("secteurs.csv:3:3: [sector] « 100 » n'est ni un arrondissement (1 à 99) ni le code"
                        + " INSEE d'une commune (29039, Corse 2A004)")
                .contains("secteurs.csv:4:3: [sector] « 0 » n'est ni un arrondissement")
                .contains("secteurs.csv:5:3: [sector] « 2O004 » n'est ni un arrondissement")
                .contains("secteurs.csv:6:5: [station] bureau 12-7 dans le 12e arrondissement, mais secteur 11 sur la même"
                        + " ligne")
                .contains("secteurs.csv:7:5: [station] bureau 150-1 : 150 n'est ni un arrondissement (1 à 99) ni une commune")
                .doesNotContain("secteurs.csv:2:").doesNotContain("secteurs.csv:8:")
                .contains("Rien n'a été modifié");
        assertThat(contacts()).isZero();
    }

    /**
     * ADR 0033: a contact's sector is a commune as an organizer's is (ADR 0032), written as INSEE does, and its station
     * lies in it; a Paris arrondissement's INSEE code is refused with the number to write, and a station of another
     * commune is named with its line and column.
     */
    @Test
    void aCommuneSectorAndAStationOfThatCommuneAreImportedAndMistakesNamed() throws Exception {
        Path bad = files.resolve("communes.csv");
        Files.writeString(bad, "email;first_name;secteur;consent_email;bureau\nok@exemple.fr;Ana;29039;oui;29039-3\n"
                + "b@exemple.fr;Bo;75112;oui;12-7\nc@exemple.fr;Cy;29039;oui;29040-1\n", StandardCharsets.UTF_8);
        CommandRun refused = run("contacts", "import", bad.toString(), "--source", "regular-contacts");
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err()).contains("communes.csv:3:3: [secteur] « 75112 » est Paris 12e : écrivez 12")
                .contains("communes.csv:4:5: [bureau] bureau 29040-1 dans la commune 29040, mais secteur 29039 sur la"
                        + " même ligne")
                .doesNotContain("communes.csv:2:").contains("Rien n'a été modifié");
        assertThat(contacts()).isZero();

        Path good = files.resolve("concarneau.csv");
        Files.writeString(good, "email;first_name;secteur;consent_email;bureau\nana@exemple.fr;Ana;29039;oui;29039-3\n"
                + "bo@exemple.fr;Bo; 29039 ;oui;\ncy@exemple.fr;Cy;2a004;oui;\ndi@exemple.fr;Di;12.0;oui;12-7\n",
                StandardCharsets.UTF_8);
        CommandRun r = run("contacts", "import", good.toString(), "--source", "regular-contacts");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("4 contacts enregistrés");
        try (Store s = Store.h2(home)) {
            List<String> rows = s.jdbi().withHandle(h -> h.createQuery("SELECT email || ' ' || sector || ' '"
                    + " || COALESCE(station_code, '-') FROM mail_contact ORDER BY email").mapTo(String.class).list());
            assertThat(rows)
                    .containsExactly("ana@exemple.fr 29039 29039-3", "bo@exemple.fr 29039 -", "cy@exemple.fr 20004 -",
                            "di@exemple.fr 12 12-7");
        }
    }

    /**
     * Addresses are lower-cased whole, accents included, and a domain has one spelling (letters or A-labels): an
     * objection written one way blocks a later import written another way, and a file cannot hold the same address
     * twice under two Unicode forms.
     */
    @Test
    void anObjectionByAnAccentedAddressBlocksItsImportWhateverTheSpelling() throws Exception {
        assertThat(run("suppress", "--email", "Élodie.Müller@Exemple.FR", "--via", "letter").exit()).isZero();
        assertThat(run("suppress", "--email", "françois@xn--exemple--i1a.fr", "--via", "email").exit()).isZero();
        Path f = files.resolve("accents.csv");
        Files.writeString(f, "email;first_name;sector;consent_email\nélodie.müller@exemple.fr;Élodie;11;oui\n"
                + "François@Exemple-É.fr;François;12;oui\nana@exemple.fr;Ana;12;oui\n", StandardCharsets.UTF_8);
        CommandRun r = run("contacts", "import", f.toString(), "--source", "regular-contacts");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("3 lignes lues, 1 contacts enregistrés").contains("2 refusés (liste d'opposition)");

        Path twice = files.resolve("deux-formes.csv");
        Files.writeString(twice, "email;first_name;sector;consent_email\nzoé@exemple.fr;Zoé;11;oui\n"
                + "zoe\u0301@exemple.fr;Zoé;11;oui\n", StandardCharsets.UTF_8);
        CommandRun dup = run("contacts", "import", twice.toString(), "--source", "regular-contacts");
        assertThat(dup.exit()).isEqualTo(1);
        assertThat(dup.err()).contains("deux-formes.csv:3:1: [email] adresse déjà présente ligne 2 : zoé@exemple.fr");
    }

    @Test
    void windows1252WithCommasIsReadLikeUtf8WithSemicolons() throws Exception {
        Path f = files.resolve("export.csv");
        Files.write(f, "email,prénom,secteur,consent_email\r\nhelene@exemple.fr,Hélène,20,non\r\n"
                .getBytes(Charset.forName("windows-1252")));
        CommandRun r = run("contacts", "import", f.toString(), "--source", "members");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("1 contacts enregistrés").contains("1 sans consentement");
        try (Store s = Store.h2(home)) {
            String first = s.jdbi().withHandle(h -> h.createQuery("SELECT first_name FROM mail_contact").mapTo(String.class)
                    .one());
            assertThat(first).isEqualTo("Hélène");
        }
    }

    /** A damaged file is read or refused with located problems, never half-read (the reader alone: no database). */
    @Property(tries = 300)
    void aDamagedFileIsReadOrRefusedWithItsLocation(@ForAll @IntRange(min = 0, max = 200) int at,
            @ForAll byte value, @ForAll @IntRange(min = 0, max = 2) int kind) throws Exception {
        byte[] good = ("email;first_name;sector;consent_email\na@exemple.fr;Ana;11;oui\nb@exemple.fr;Bo;12;non\n"
                + "c@exemple.fr;Cy;;oui\n").getBytes(StandardCharsets.UTF_8);
        int i = Math.min(at, good.length - 1);
        byte[] bad = switch (kind) {
            case 0 -> { byte[] b = good.clone(); b[i] = value; yield b; }
            case 1 -> java.util.Arrays.copyOf(good, i);
            default -> { byte[] b = new byte[good.length + 1]; System.arraycopy(good, 0, b, 0, i); b[i] = value;
                System.arraycopy(good, i, b, i + 1, good.length - i); yield b; }
        };
        Path f = Files.createTempFile("contacts", ".csv");
        try {
            Files.write(f, bad);
            var list = ContactListReader.read(f);
            assertThat(list.rows()).isNotEmpty().allMatch(r -> r.email().contains("@"))
                    // a sector is an arrondissement (1 to 99: Lyon, Marseille and others too) or a commune (ADR 0033);
                    // one byte changed in « 11 » can make 21, a sector like any other — not 0, 111 or a letter
                    .allMatch(r -> r.sector() == null || fr.terrain.election.SectorCodes.isArrondissement(r.sector()));
        } catch (InputError e) {
            assertThat(e.problems()).isNotEmpty().allMatch(p -> p.file().endsWith(f.getFileName().toString()));
        } finally {
            Files.deleteIfExists(f);
        }
    }
}
