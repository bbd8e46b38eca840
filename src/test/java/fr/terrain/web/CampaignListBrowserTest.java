package fr.terrain.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import fr.terrain.account.Role;
import fr.terrain.mail.Campaign;
import fr.terrain.mail.Segment;
import fr.terrain.mail.Template;
import fr.terrain.mail.tracking.SmallCells;
import fr.terrain.store.MailFixture;
import fr.terrain.store.MailStore;
import fr.terrain.store.Store;
import fr.terrain.store.TestStores;
import io.javalin.Javalin;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The campaign list (/campagnes) in Chromium, as an analyst reads it: a campaign sent to the people who opened a
 * previous one, fewer than ten, shows the small-cell text instead of its counts; a campaign to a sector shows them.
 */
class CampaignListBrowserTest {
    @RegisterExtension
    static final Chromium chromium = new Chromium();

    @TempDir
    Path home;

    @Test
    void anEngagedCampaignUnderTenShowsTheSmallCellTextInsteadOfItsCounts() {
        try (Store store = TestStores.h2(home)) {
            // a letter to 15 people of the 12th, 3 of whom opened it; then a reminder to those who opened
            MailFixture.Sent letter = MailFixture.campaign(store, "lettre", Collections.nCopies(15, 12));
            store.jdbi().useHandle(h -> {
                for (long outbox : letter.outbox().subList(0, 3)) {
                    h.createUpdate("INSERT INTO mail_event (outbox_id, kind, occurred_at) VALUES (:o, 'open', :t)")
                            .bind("o", outbox).bind("t", LocalDateTime.ofInstant(Instant.now(), ZoneOffset.UTC)).execute();
                }
            });
            Campaign reminder = MailStore.createCampaign(store, "relance", Template.parse("subject: S\n\nCorps"),
                    Segment.parse("sector:12+engaged:7d"), Optional.empty(), "test");
            assertThat(MailStore.freeze(store, reminder, id -> false, "parisdemain.fr", Instant.now(), "test").recipients())
                    .isEqualTo(3);
            MailStore.createCampaign(store, "reunion", Template.parse("subject: S\n\nCorps"), Segment.parse("all"),
                    Optional.of(Instant.parse("2030-12-15T17:00:00Z")), "test"); // 18:00 in Paris
            TestAccounts.Session analyst = TestAccounts.session(store, TestAccounts.user(store, "ana", Role.ANALYST));
            Javalin app = WebApp.create(store).start(0);
            Browser browser = chromium.browser();
            try {
                Page page = MapBrowserTest.signedIn(browser, analyst);
                page.navigate("http://localhost:" + app.port() + "/campagnes");
                page.locator("#campaigns tbody tr[data-name='relance']").waitFor();
                String reminderRow = page.locator("#campaigns tbody tr[data-name='relance']").innerText();
                assertThat(reminderRow).contains(SmallCells.TOO_FEW_TEXT).doesNotContain("3");
                assertThat(page.locator("#campaigns tbody tr[data-name='lettre']").innerText()).contains("15 / 15")
                        .contains("15 envoyés");
                // the send time as the editor asks for it (JJ/MM/AAAA HH:MM), not « 2030-12-15 18:00 »
                assertThat(page.locator("#campaigns tbody tr[data-name='reunion']").innerText())
                        .contains("programmée (15/12/2030 18:00)");
            } finally {
                app.stop();
            }
        }
    }

    /**
     * The editor's preview: a long line of text wraps instead of widening the page, and a preview that fails leaves
     * nothing of the one before (its recipients, subject and text stayed under the error).
     */
    @Test
    void aFailedPreviewLeavesNothingOfTheOneBeforeAndALongLineWraps() {
        try (Store store = TestStores.h2(home)) {
            MailFixture.campaign(store, "lettre", Collections.nCopies(15, 12));
            TestAccounts.Session director = TestAccounts.session(store, TestAccounts.user(store, "dir", Role.DIRECTOR));
            Javalin app = WebApp.create(store).start(0);
            try {
                Page page = MapBrowserTest.signedIn(chromium.browser(), director);
                page.navigate("http://localhost:" + app.port() + "/campagnes");
                page.locator("#template").waitFor();
                page.fill("#name", "appel");
                page.fill("#template", "subject: Réunion publique\n\nBonjour, " + "venez nombreux ".repeat(40));
                page.click("#preview");
                page.waitForFunction("() => document.getElementById('previewMeta').textContent.includes('objet')");
                assertThat(page.textContent("#previewText")).contains("venez nombreux");
                assertThat(page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth"))
                        .as("the page no wider than the window").isEqualTo(true);

                page.fill("#segment", "sector:75112"); // a commune's code where the sector's number is expected
                page.click("#preview");
                page.waitForFunction("() => !document.getElementById('message').hidden");
                assertThat(page.textContent("#previewMeta")).doesNotContain("objet");
                assertThat(page.textContent("#previewText")).isEmpty();
            } finally {
                app.stop();
            }
        }
    }
}
