package fr.terrain.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import fr.terrain.election.StationCode;
import fr.terrain.privacy.ConsentChannel;
import fr.terrain.store.ConsentLedger;
import fr.terrain.store.Store;
import fr.terrain.store.TestStores;
import io.javalin.Javalin;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The public sign-up page (/inscription) in Chromium (ADR 0033): with Paris's stations only it asks for the
 * arrondissement's number; once the store holds Concarneau's stations it offers the sectors that have stations by
 * name, and the one chosen is what the pending sign-up is filed under.
 */
class SignupBrowserTest {
    @RegisterExtension
    static final Chromium chromium = new Chromium();

    @TempDir
    Path home;

    static void station(Store store, String code) {
        StationCode s = StationCode.parse(code);
        store.jdbi().useHandle(h -> h.createUpdate("INSERT INTO station (vintage, code, arrondissement, bureau_number)"
                + " VALUES (2022, :c, :a, :n)").bind("c", code).bind("a", s.area()).bind("n", s.number()).execute());
    }

    @Test
    void theSectorFieldIsParissNumberOrAListOfTheSectorsThatHaveStations() throws Exception {
        GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        Files.writeString(home.resolve("mail.properties"), "mail.list=Concarneau Demain\nmail.from=equipe@exemple.fr\n"
                + "mail.base-url=https://terrain.exemple.fr\nmail.signup-notice=inscription-1\nsmtp.host=127.0.0.1\n"
                + "smtp.port=" + smtp.getSmtp().getPort() + "\n", StandardCharsets.UTF_8);
        try (Store store = TestStores.h2(home)) {
            ConsentLedger.addNotice(store, "inscription-1", ConsentChannel.EMAIL, "Nous utilisons votre adresse pour vous"
                    + " envoyer nos messages de campagne.", "test");
            station(store, "12-7");
            Javalin app = WebApp.create(store).start(0);
            try (BrowserContext context = chromium.browser().newContext(Chromium.desktop())) {
                Page page = context.newPage();
                String url = "http://localhost:" + app.port() + "/inscription";
                page.navigate(url);
                page.locator("#who").getByText("Concarneau Demain").waitFor();
                assertThat(page.locator("#sector-label").innerText()).isEqualTo("Arrondissement");
                assertThat(page.locator("input[name='secteur'][type='number']").count()).isEqualTo(1);
                assertThat(page.locator("select[name='secteur']").count()).isZero();

                station(store, "29039-1");
                store.jdbi().useHandle(h -> h.createUpdate("INSERT INTO address (ban_id, house_number, street, insee_code,"
                        + " commune, lon, lat) VALUES ('29039_0001_00001', 1, 'Rue Vauban', '29039', 'Concarneau', -3.9,"
                        + " 47.9)").execute());
                page.navigate(url);
                page.locator("select[name='secteur']").waitFor();
                assertThat(page.locator("#sector-label").innerText()).isEqualTo("Commune ou arrondissement");
                assertThat(page.locator("input[name='secteur']").count()).isZero();
                assertThat(page.locator("select[name='secteur'] option").allInnerTexts())
                        .containsExactly("—", "12e arrondissement", "Concarneau (29039)");
                page.locator("input[name='email']").fill("lea@exemple.fr");
                page.locator("select[name='secteur']").selectOption("29039");
                page.locator("#consent").check();
                page.locator("button[type='submit']").click();
                page.getByText("Vérifiez votre messagerie").first().waitFor();
                assertThat(smtp.waitForIncomingEmail(10_000, 1)).isTrue(); // stored, then sent, after the reply
                List<Integer> filed = store.jdbi().withHandle(h -> h.createQuery("SELECT sector FROM mail_signup")
                        .mapTo(Integer.class).list());
                assertThat(filed).containsExactly(29039);
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
        GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        Files.writeString(home.resolve("mail.properties"), "mail.list=Finistère Demain\nmail.from=equipe@exemple.fr\n"
                + "mail.base-url=https://terrain.exemple.fr\nmail.signup-notice=inscription-1\nsmtp.host=127.0.0.1\n"
                + "smtp.port=" + smtp.getSmtp().getPort() + "\n", StandardCharsets.UTF_8);
        MailRoutes.signupListMax = 1;
        try (Store store = TestStores.h2(home)) {
            ConsentLedger.addNotice(store, "inscription-1", ConsentChannel.EMAIL, "Nous utilisons votre adresse pour vous"
                    + " envoyer nos messages de campagne.", "test");
            station(store, "29039-1");
            station(store, "29046-1");
            store.jdbi().useHandle(h -> h.createUpdate("INSERT INTO address (ban_id, house_number, street, insee_code,"
                    + " commune, lon, lat) VALUES ('29039_0001_00001', 1, 'Rue Vauban', '29039', 'Concarneau', -3.9, 47.9),"
                    + " ('29046_0001_00001', 1, 'Quai du Port', '29046', 'Douarnenez', -4.3, 48.1)").execute());
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

                page.locator("input[name='email']").fill("lea@exemple.fr");
                page.locator("#consent").check();
                page.locator("button[type='submit']").click();
                page.getByText("Vérifiez votre messagerie").first().waitFor();
                assertThat(smtp.waitForIncomingEmail(10_000, 1)).isTrue(); // stored, then sent, after the reply
                List<Integer> filed = store.jdbi().withHandle(h -> h.createQuery("SELECT sector FROM mail_signup")
                        .mapTo(Integer.class).list());
                assertThat(filed).containsExactly(29039);
            } finally {
                app.stop();
                smtp.stop();
            }
        } finally {
            MailRoutes.signupListMax = MailRoutes.SIGNUP_LIST_MAX;
        }
    }
}
