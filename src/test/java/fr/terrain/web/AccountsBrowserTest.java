package fr.terrain.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import fr.terrain.account.Role;
import fr.terrain.store.AccountRecord;
import fr.terrain.store.Accounts;
import fr.terrain.store.AuditLog;
import fr.terrain.store.Store;
import fr.terrain.store.TestStores;
import io.javalin.Javalin;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The accounts page, in Chromium, as the administrator: an organizer's account created with its sectors, its
 * generated password shown once and good for signing in; a new password ends the old one; a disabled account can no
 * longer sign in; every change in the audit log; the administrator's own account offers no action; the page and its
 * API are the administrator's only.
 */
class AccountsBrowserTest {
    @RegisterExtension
    static final Chromium chromium = new Chromium();

    @TempDir
    Path home;

    private static final Pattern SHOWN = Pattern.compile("Mot de passe de « (.+) » \\(affiché une seule fois,"
            + " transmettez-le de la main à la main\\) : (\\S+)");

    @Test
    void theAdministratorCreatesResetsAndDisablesAccounts() {
        try (Store store = TestStores.h2(home)) {
            TestAccounts.Session admin = TestAccounts.session(store, TestAccounts.user(store, "admin", Role.ADMIN));
            AccountRecord director = TestAccounts.user(store, "dir", Role.DIRECTOR);
            Javalin app = WebApp.create(store).start(0);
            Browser browser = chromium.browser();
            String base = "http://localhost:" + app.port();
            try {
                Page page = MapBrowserTest.signedIn(browser, admin);
                page.navigate(base + "/comptes");
                page.waitForFunction("() => document.querySelectorAll('#accounts tbody tr').length === 2");
                assertThat(page.locator("#accounts tbody tr").nth(0).innerText()).startsWith("admin (vous)\tadministrateur\ttous");
                assertThat(page.locator("#accounts tbody tr").nth(0).locator("button").count()).isZero();
                assertThat(page.locator("nav, header").first().innerText()).contains("Comptes");

                // an organizer needs sectors: refused without, created with 12 and 20
                page.selectOption("#add select[name=role]", "organizer");
                page.fill("#add input[name=name]", "orga");
                page.evaluate("() => document.querySelector('#add input[name=sectors]').required = false");
                page.click("#add button");
                page.locator("#message.error").waitFor();
                assertThat(page.locator("#message").innerText()).contains("indiquez-en au moins un");
                page.fill("#add input[name=sectors]", "12, 20");
                page.click("#add button");
                page.locator("#password:not([hidden])").waitFor();
                Matcher m = SHOWN.matcher(page.locator("#password").innerText());
                assertThat(m.matches()).as(page.locator("#password").innerText()).isTrue();
                assertThat(m.group(1)).isEqualTo("orga");
                String first = m.group(2);
                page.waitForFunction("() => document.querySelectorAll('#accounts tbody tr').length === 3");
                assertThat(page.locator("#accounts tbody tr", new Page.LocatorOptions().setHasText("orga")).innerText())
                        .contains("organisateur\t12e arrondissement, 20e arrondissement").contains("actif");
                AccountRecord orga = Accounts.find(store, "orga").orElseThrow();
                assertThat(orga.account().role()).isEqualTo(Role.ORGANIZER);
                assertThat(orga.account().sectors()).containsExactlyInAnyOrder(12, 20);
                assertThat(signIn(browser, base, "orga", first)).as("the password shown signs in").isTrue();

                // a new password: shown once, the first no longer signs in
                page.onDialog(d -> d.accept());
                page.locator("#accounts tbody tr", new Page.LocatorOptions().setHasText("orga"))
                        .locator("button", new com.microsoft.playwright.Locator.LocatorOptions().setHasText("Nouveau mot de passe"))
                        .click();
                page.waitForFunction("(p) => !document.getElementById('password').hidden"
                        + " && !document.getElementById('password').textContent.endsWith(p)", first);
                Matcher again = SHOWN.matcher(page.locator("#password").innerText());
                assertThat(again.matches()).isTrue();
                String second = again.group(2);
                assertThat(second).isNotEqualTo(first);
                assertThat(signIn(browser, base, "orga", first)).isFalse();
                assertThat(signIn(browser, base, "orga", second)).isTrue();

                // disabled: the row says so and the account no longer signs in
                page.locator("#accounts tbody tr", new Page.LocatorOptions().setHasText("orga"))
                        .locator("button", new com.microsoft.playwright.Locator.LocatorOptions().setHasText("Désactiver"))
                        .click();
                page.waitForFunction("() => document.getElementById('message').textContent === 'Compte « orga » désactivé.'");
                // the message comes with the answer, the table when it is read again
                page.waitForFunction("() => [...document.querySelectorAll('#accounts tbody tr')]"
                        + ".some(tr => tr.cells[0].textContent === 'orga' && tr.cells[4].textContent === 'désactivé')");
                assertThat(page.locator("#accounts tbody tr", new Page.LocatorOptions().setHasText("orga"))
                        .locator("button").count()).as("a disabled account offers no action").isZero();
                assertThat(signIn(browser, base, "orga", second)).isFalse();

                assertThat(AuditLog.all(store)).filteredOn(e -> e.actor().equals("admin"))
                        .extracting(fr.terrain.privacy.AuditEntry::action)
                        .containsSubsequence("user.add", "user.password", "user.disable");

                // the administrator's own account cannot be disabled, even by the API
                com.microsoft.playwright.APIResponse self = page.request().post(base + "/api/accounts/admin/disable",
                        com.microsoft.playwright.options.RequestOptions.create().setHeader("X-CSRF-Token", admin.csrf())
                                .setData("{}").setHeader("Content-Type", "application/json"));
                assertThat(self.status()).isEqualTo(400);
                assertThat(self.text()).contains("votre propre compte");

                // the direction manages no account
                Page dir = MapBrowserTest.signedIn(browser, TestAccounts.session(store, director));
                assertThat(dir.navigate(base + "/comptes").status()).isEqualTo(403);
                assertThat(dir.request().get(base + "/api/accounts").status()).isEqualTo(403);
            } finally {
                app.stop();
            }
        }
    }

    /** Whether the sign-in form takes this name and password (a fresh browser each time). */
    private static boolean signIn(Browser browser, String base, String name, String password) {
        try (var context = browser.newContext()) {
            Page p = context.newPage();
            p.navigate(base + "/login");
            p.fill("#name", name);
            p.fill("#password", password);
            p.click("button[type=submit]");
            p.waitForLoadState();
            p.waitForTimeout(300);
            return !p.url().contains("/login");
        }
    }
}
