package fr.terrain.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import fr.terrain.account.Role;
import fr.terrain.store.Store;
import fr.terrain.store.SuppressionList;
import fr.terrain.store.TestStores;
import io.javalin.Javalin;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The rights page on a phone, as the person answerable to the CNIL uses it (found by a crawl of /droits). */
class RightsBrowserTest {
    @RegisterExtension
    static final Chromium chromium = new Chromium();

    @TempDir
    Path home;

    @Test
    void aDoubleTapSendsOneObjectionAndEachFormAnswersBesideItself() {
        try (Store store = TestStores.h2(home)) {
            TestAccounts.Session dpo = TestAccounts.session(store, TestAccounts.user(store, "dpo", Role.DPO));
            Javalin app = WebApp.create(store).start(0);
            try {
                Page page = MapBrowserTest.signedIn(chromium.browser(), dpo, new Browser.NewContextOptions()
                        .setViewportSize(390, 844).setIsMobile(true).setHasTouch(true));
                AtomicInteger objections = new AtomicInteger();
                page.onRequest(r -> {
                    if (r.method().equals("POST") && r.url().endsWith("/api/suppressions")) {
                        objections.incrementAndGet();
                    }
                });
                page.navigate("http://localhost:" + app.port() + "/droits");
                page.waitForFunction("() => document.getElementById('summary').textContent !== ''");

                // nothing filled in: said with the form's words, beside the form (it was at the top, out of sight)
                page.click("#suppress button");
                page.locator("#suppress-status.error").waitFor();
                assertThat(page.locator("#suppress-status").innerText())
                        .startsWith("rien à inscrire : indiquez un courriel, un téléphone");
                assertThat(page.locator("#suppress-status").isVisible()).isTrue();
                assertThat(page.locator("#suppress-status").boundingBox().y).as("in view").isBetween(0.0, 844.0);

                objections.set(0);
                page.fill("#suppress input[name=email]", "double.clic@exemple.fr");
                page.dblclick("#suppress button");
                page.waitForFunction("() => document.getElementById('suppress-status').className === 'ok'");
                assertThat(page.locator("#suppress-status").innerText()).startsWith("1 empreinte(s) ajoutée(s)");
                assertThat(objections.get()).as("one request for a double tap").isEqualTo(1);
                assertThat(SuppressionList.size(store)).isEqualTo(1);

                // an access request, answered: its export stays at hand once the request is closed
                page.selectOption("#add select[name=kind]", "access");
                page.fill("#add input[name=name]", "Arnaud");
                page.fill("#add input[name=firstNames]", "Simone");
                page.fill("#add input[name=birthDate]", "1948-12-03");
                page.click("#add button");
                page.waitForFunction("() => document.getElementById('add-status').textContent.startsWith('Demande n° 1 ')");
                page.onDialog(d -> d.accept("réponse envoyée par courrier le 2 décembre"));
                page.locator("#requests button", new Page.LocatorOptions().setHasText("Traitée")).click();
                page.waitForFunction("() => document.querySelector('#requests tbody tr td:nth-child(6)').textContent"
                        + " === 'traitée'");
                assertThat(page.locator("#requests a[href='/droits/1/export']").count()).isEqualTo(1);
                assertThat(fr.terrain.store.RightsRequests.find(store, 1).orElseThrow().report())
                        .isEqualTo("réponse envoyée par courrier le 2 décembre");
                page.context().close();
            } finally {
                app.stop();
            }
        }
    }
}
