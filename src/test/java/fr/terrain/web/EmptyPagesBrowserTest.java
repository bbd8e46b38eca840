package fr.terrain.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import fr.terrain.account.Role;
import fr.terrain.store.Store;
import fr.terrain.store.TestStores;
import io.javalin.Javalin;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A campaign's first day, in Chromium: nothing imported, no volunteer, no turf, no e-mail campaign, no electoral
 * list. Each page says so and what to do next, instead of showing an empty table or a loading line.
 */
class EmptyPagesBrowserTest {
    @RegisterExtension
    static final Chromium chromium = new Chromium();

    @TempDir
    Path home;

    @Test
    void emptyPagesSayWhatIsMissingAndWhereToStart() {
        try (Store store = TestStores.h2(home)) {
            // a director: an organizer is a volunteer of their own sectors, and lists themself
            TestAccounts.Session director = TestAccounts.session(store, TestAccounts.user(store, "dir", Role.DIRECTOR));
            Javalin app = WebApp.create(store).start(0);
            Browser browser = chromium.browser();
            try {
                Page page = MapBrowserTest.signedIn(browser, director);
                String base = "http://localhost:" + app.port();

                page.navigate(base + "/terrain/equipes");
                page.waitForFunction("() => document.body.dataset.ready === 'yes'");
                assertThat(page.locator("#teams").innerText()).isEqualTo("Aucune équipe pour le moment.");
                assertThat(page.locator("#volunteers tbody").innerText())
                        .isEqualTo("Aucun·e bénévole dans vos secteurs : invitez-en avec le formulaire « Inviter un·e bénévole ».");

                page.navigate(base + "/terrain/affectation");
                page.waitForFunction("() => document.body.dataset.ready === 'yes'");
                assertThat(page.locator("#unassigned").innerText()).startsWith("Aucune tournée enregistrée.")
                        .contains("Découpez-en sur la page Découpage");
                assertThat(page.getAttribute("#unassigned a", "href")).isEqualTo(TurfCutRoutes.PAGE);
                assertThat(page.locator("#volunteers").innerText()).isEqualTo(
                        "Aucun·e bénévole dans vos secteurs. Invitez-en depuis la page Équipes.");
                page.locator("#volunteers a").click();
                page.waitForURL(u -> u.endsWith("/terrain/equipes"));

                page.navigate(base + "/adresses/non-rapprochees");
                page.locator("#message.error").waitFor();
                assertThat(page.locator("#message").innerText()).isEqualTo("aucune liste électorale importée");
                assertThat(page.locator("#summary").innerText()).as("no loading line left").isEmpty();

                // the direction's sectors are all of them: not « dans vos secteurs »
                page.navigate(base + "/terrain/progression");
                page.locator("#message:not([hidden])").waitFor();
                assertThat(page.locator("#message").innerText())
                        .isEqualTo("Aucune tournée enregistrée : elles se découpent sur la page Découpage.");

                page.navigate(base + "/campagnes");
                page.waitForFunction("() => document.querySelector('#campaigns tbody tr') !== null");
                assertThat(page.locator("#campaigns tbody").innerText()).isEqualTo("Aucune campagne pour le moment.");

                // no privacy.properties yet: the rights page says what an access answer would leave « à renseigner »
                page.navigate(base + "/droits");
                page.locator("#settingsMissing:not([hidden])").waitFor();
                assertThat(page.locator("#settingsMissing").innerText())
                        .contains("campaign.controller, campaign.address, campaign.contact").contains("privacy.properties");
            } finally {
                app.stop();
            }
        }
    }
}
