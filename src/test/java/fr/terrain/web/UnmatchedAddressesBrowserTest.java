package fr.terrain.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import fr.terrain.account.Role;
import fr.terrain.election.Election;
import fr.terrain.election.ElectionKind;
import fr.terrain.ingest.ElectoralListReader;
import fr.terrain.ingest.Importer;
import fr.terrain.ingest.Progress;
import fr.terrain.privacy.SourceCategory;
import fr.terrain.store.Elections;
import fr.terrain.store.Store;
import fr.terrain.store.TestStores;
import io.javalin.Javalin;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The page of unmatched records in Debian's Chromium: an organizer signs in, sees the misspelt
 * addresses of their sector (no name), one row per address with its voters, a hundred at a time, corrects
 * one in the row's form, and the row leaves the list.
 */
class UnmatchedAddressesBrowserTest {
    @RegisterExtension
    static final Chromium chromium = new Chromium();

    @TempDir
    Path home;

    @Test
    void anOrganizerCorrectsAMisspeltStreetAndTheRecordIsMatched() throws Exception {
        try (Store store = TestStores.h2(home)) {
            Elections.add(store, List.of(new Election("paris-2026-t1", "paris-2026", ElectionKind.MUNICIPALES, "paris", 1,
                    LocalDate.of(2026, 3, 15), null)));
            Path ban = home.resolve("adresses.csv");
            Files.writeString(ban, "id;id_fantoir;numero;rep;nom_voie;code_postal;code_insee;nom_commune;lon;lat\n"
                    + "75112_7302_00014;75112_7302;14;;Rue de Picpus;75012;75112;Paris 12e Arrondissement;2.3961;48.8449\n",
                    StandardCharsets.UTF_8);
            new Importer(store, Progress.NONE, false).addresses(ban);
            Path list = home.resolve("liste.csv");
            StringBuilder lines = new StringBuilder(String.join(";", ElectoralListReader.COLUMNS) + "\n"
                    + "LG;LE;01/01/2026;75;75112;Paris 12e;2;M;DURAND;;Paul;30/11/2000;Paris;75;FRANCE;;École;7;;8;;;14;RUE;DE PICPSU;;75012;PARIS;FRANCE\n"
                    + "LG;LE;01/01/2026;75;75112;Paris 12e;3;F;BERNARD;;Anne;02/02/1962;Nantes;44;FRANCE;;École;7;;8;APT 5;;14;rue;de picpsu;;75012;PARIS;FRANCE\n"
                    + "LG;LE;01/01/2026;75;75120;Paris 20e;4;M;PETIT;;Jean;15/01/1950;Paris;75;FRANCE;;École;3;;8;;;9;RUE;DES PYRENEES;;75020;PARIS;FRANCE\n");
            // 101 more addresses of the 12th on a street the BAN does not know: two pages of them
            for (int n = 101; n <= 201; n++) {
                lines.append("LG;LE;01/01/2026;75;75112;Paris 12e;").append(n).append(";F;MOREAU;;Lise;01/01/1980;Paris;75;FRANCE;;École;7;;8;;;")
                        .append(n).append(";RUE;DU PARC INCONNU;;75012;PARIS;FRANCE\n");
            }
            Files.writeString(list, lines, StandardCharsets.UTF_8);
            new Importer(store, Progress.NONE, false).voters(list, "paris-2026", SourceCategory.ELECTORAL_LIST, "Préfecture",
                    LocalDate.of(2026, 1, 10), Map.of(), null);
            TestAccounts.user(store, "claire", Role.ORGANIZER, 12);
            Javalin app = WebApp.create(store).start(0);
            try {
                Browser browser = chromium.browser();
                Page page = browser.newContext(new Browser.NewContextOptions().setLocale("fr-FR")).newPage();
                String base = "http://localhost:" + app.port();
                page.navigate(base + "/login?next=/adresses/non-rapprochees");
                page.fill("#name", "claire");
                page.fill("#password", TestAccounts.PASSWORD);
                page.click("button[type=submit]");
                page.waitForURL(url -> !url.contains("/login"));
                page.navigate(base + "/adresses/non-rapprochees");
                Locator rows = page.locator("#unmatched tbody tr");
                rows.first().waitFor();
                // sector 12 only: Durand's and Bernard's misspelt address first (two voters), not the 20th; never a name
                assertThat(rows.count()).isEqualTo(100);
                assertThat(rows.first().innerText()).startsWith("2").contains("12-7").contains("14 RUE DE PICPSU")
                        .contains("voie inconnue");
                assertThat(page.content()).doesNotContain("DURAND").doesNotContain("BERNARD").doesNotContain("PETIT")
                        .doesNotContain("MOREAU");
                assertThat(page.locator("#summary").innerText())
                        .isEqualTo("103 électeur(s) non rapproché(s) sur 103 dans vos secteurs (103 voie inconnue), à 102 adresse(s).");
                assertThat(page.locator("#range").innerText()).isEqualTo("adresses 1 à 100 sur 102");
                assertThat(page.locator("#previous").isDisabled()).isTrue();
                page.click("#next");
                page.waitForFunction("() => document.querySelectorAll('#unmatched tbody tr').length === 2");
                assertThat(page.locator("#range").innerText()).isEqualTo("adresses 101 à 102 sur 102");
                assertThat(page.locator("#next").isDisabled()).isTrue();
                page.click("#previous");
                page.waitForFunction("() => document.querySelectorAll('#unmatched tbody tr').length === 100");

                Locator street = rows.first().locator("input[name=street]");
                street.fill("Rue de Picpus");
                rows.first().locator("button").click();
                page.locator("#message:not([hidden])").waitFor();
                assertThat(page.locator("#message").innerText()).contains("14 Rue de Picpus").contains("2 électeur(s)");
                assertThat(page.locator("#message").getAttribute("class")).isEqualTo("ok");
                page.waitForFunction("() => document.querySelector('#summary').innerText.startsWith('101 ')");
                assertThat(page.locator("#summary").innerText()).startsWith("101 électeur(s) non rapproché(s) sur 103");
                assertThat(rows.first().innerText()).doesNotContain("PICPSU");
                assertThat(page.locator("#range").innerText()).isEqualTo("adresses 1 à 100 sur 101");
            } finally {
                app.stop();
            }
        }
    }
}
