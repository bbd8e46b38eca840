package fr.terrain.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import fr.terrain.store.Store;
import fr.terrain.store.TestStores;
import io.javalin.Javalin;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The public sign-up page (/inscription) in Chromium (ADR 0033): with Paris's stations only it asks for the
 * arrondissement's number; once the store holds Concarneau's stations it offers the sectors that have stations by
 * name, and the one chosen is what the pending sign-up is filed under; above the cap of a list (ADR 0037), it suggests
 * them as the visitor types.
 */
class SignupBrowserTest {
    @RegisterExtension
    static final Chromium chromium = new Chromium();

    @TempDir
    Path home;

    /** Signs up lea@exemple.fr with the sector field as it is, and waits for the confirmation to be sent. */
    static void signUp(Page page, GreenMail smtp) {
        page.locator("input[name='email']").fill("lea@exemple.fr");
        page.locator("#consent").check();
        page.locator("button[type='submit']").click();
        page.getByText("Vérifiez votre messagerie").first().waitFor();
        assertThat(smtp.waitForIncomingEmail(10_000, 1)).isTrue(); // stored, then sent, after the reply
    }

    @Test
    void theSectorFieldIsParissNumberOrAListOfTheSectorsThatHaveStations() throws Exception {
        GreenMail smtp = SignupFixture.smtp(home, "Concarneau Demain");
        try (Store store = TestStores.h2(home)) {
            SignupFixture.notice(store);
            SignupFixture.station(store, "12-7");
            Javalin app = WebApp.create(store).start(0);
            try (BrowserContext context = chromium.browser().newContext(Chromium.desktop())) {
                Page page = context.newPage();
                String url = "http://localhost:" + app.port() + "/inscription";
                page.navigate(url);
                page.locator("#who").getByText("Concarneau Demain").waitFor();
                assertThat(page.locator("#sector-label").innerText()).isEqualTo("Arrondissement");
                assertThat(page.locator("input[name='secteur'][type='number']").count()).isEqualTo(1);
                assertThat(page.locator("select[name='secteur']").count()).isZero();

                SignupFixture.station(store, "29039-1");
                SignupFixture.named(store, "29039", "Concarneau");
                page.navigate(url);
                page.locator("select[name='secteur']").waitFor();
                assertThat(page.locator("#sector-label").innerText()).isEqualTo("Commune ou arrondissement");
                assertThat(page.locator("input[name='secteur']").count()).isZero();
                assertThat(page.locator("select[name='secteur'] option").allInnerTexts())
                        .containsExactly("—", "12e arrondissement", "Concarneau (29039)");
                page.locator("select[name='secteur']").selectOption("29039");
                signUp(page, smtp);
                assertThat(SignupFixture.filed(store)).containsExactly(29039);
            } finally {
                app.stop();
                smtp.stop();
            }
        }
    }

    /**
     * ADR 0037: above the cap (lowered to 1 here) the page gets no list but searches as the visitor types, suggests the
     * communes that have stations by name, and sends the chosen one's number.
     */
    @Test
    void aboveTheCapTheVisitorTypesAndChoosesAmongTheSuggestions() throws Exception {
        GreenMail smtp = SignupFixture.smtp(home, "Finistère Demain");
        MailRoutes.signupListMax = 1;
        try (Store store = TestStores.h2(home)) {
            SignupFixture.notice(store);
            SignupFixture.station(store, "29039-1");
            SignupFixture.station(store, "29046-1");
            SignupFixture.named(store, "29039", "Concarneau");
            SignupFixture.named(store, "29046", "Douarnenez");
            Javalin app = WebApp.create(store).start(0);
            try (BrowserContext context = chromium.browser().newContext(Chromium.desktop())) {
                Page page = context.newPage();
                page.navigate("http://localhost:" + app.port() + "/inscription");
                page.locator("#who").getByText("Finistère Demain").waitFor();
                page.locator("#sector-search").waitFor();
                assertThat(page.locator("select[name='secteur']").count()).isZero();
                assertThat(page.locator("#sector-label").innerText()).isEqualTo("Commune");
                // the field is named by its label, and says what to type
                assertThat(page.getByLabel("Commune (facultatif)").getAttribute("id")).isEqualTo("sector-search");
                assertThat(page.locator("#sector-help").innerText()).contains("au moins 2 caractères").contains("2 possibles");

                page.locator("#sector-search").pressSequentially("conc");
                page.locator("#sector-help").getByText("1 proposition.").waitFor();
                assertThat(page.locator("#sector-options option").evaluateAll("os => os.map(o => o.value)"))
                        .isEqualTo(List.of("Concarneau (29039)"));
                page.locator("#sector-search").fill("Concarneau (29039)"); // what choosing the suggestion writes
                assertThat(page.locator("input[name='secteur']").inputValue()).isEqualTo("29039");
                signUp(page, smtp);
                assertThat(SignupFixture.filed(store)).containsExactly(29039);
            } finally {
                app.stop();
                smtp.stop();
            }
        } finally {
            MailRoutes.signupListMax = MailRoutes.SIGNUP_LIST_MAX;
        }
    }
}
