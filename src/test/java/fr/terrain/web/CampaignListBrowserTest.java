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
            } finally {
                app.stop();
            }
        }
    }
}
