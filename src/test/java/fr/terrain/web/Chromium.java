package fr.terrain.web;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Debian's Chromium driven by Playwright, for the browser tests: one browser for the whole test run, launched when a
 * test first asks for it, and a new context for each person a test plays. A context is a profile of its own (cookies,
 * storage, cache, service workers, offline switch), so what one test does in its contexts is never seen in another's;
 * after each class, the contexts it left open are closed, so the next class starts on a browser with none. A class
 * registers it as {@code @RegisterExtension static final Chromium chromium = new Chromium();}.
 *
 * <p>Chromium is required: without it the test fails, it never skips, and no browser is ever downloaded.
 */
final class Chromium implements BeforeAllCallback, AfterAllCallback {
    /** Where CI installs Chromium; {@code TERRAIN_CHROMIUM} points elsewhere on a dev machine. */
    static final Path EXECUTABLE = Path.of(System.getenv().getOrDefault("TERRAIN_CHROMIUM", "/usr/bin/chromium"));
    /** Headless as root, and nothing fetched from outside (docs: ARCHITECTURE.md, build facts). */
    static final List<String> ARGS = List.of("--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync");

    /** The run's Playwright and browser; JUnit runs the classes one after the other, on one thread, as Playwright needs. */
    private static Launched launched;

    private boolean registered;

    /** A phone's context: 390 × 844 CSS px at twice the pixels, touch, French. */
    static Browser.NewContextOptions phone() {
        return new Browser.NewContextOptions().setViewportSize(390, 844).setDeviceScaleFactor(2).setIsMobile(true)
                .setHasTouch(true).setLocale("fr-FR");
    }

    /** A laptop's context: 1280 × 900, French. */
    static Browser.NewContextOptions desktop() {
        return new Browser.NewContextOptions().setViewportSize(1280, 900).setLocale("fr-FR");
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        registered = true;
        // the root context's store closes what it holds when the whole run ends
        context.getRoot().getStore(ExtensionContext.Namespace.create(Chromium.class))
                .getOrComputeIfAbsent(Chromium.class, key -> (AutoCloseable) Chromium::closeBrowser, AutoCloseable.class);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (launched != null && launched.browser().isConnected()) {
            launched.browser().contexts().forEach(BrowserContext::close);
        }
    }

    /** The run's browser, launched on first use (and again if it went away). */
    Browser browser() {
        if (!registered) {
            throw new IllegalStateException("register Chromium with @RegisterExtension on a static field of the test class");
        }
        if (launched == null || !launched.browser().isConnected()) {
            closeBrowser();
            launched = launch();
        }
        return launched.browser();
    }

    private static Launched launch() {
        if (!Files.isExecutable(EXECUTABLE)) {
            throw new IllegalStateException("Chromium not found at " + EXECUTABLE + ": install it (apt-get install chromium)"
                    + " or set TERRAIN_CHROMIUM to its path; browser tests never download a browser");
        }
        Playwright playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        try {
            return new Launched(playwright, playwright.chromium().launch(new BrowserType.LaunchOptions()
                    .setExecutablePath(EXECUTABLE).setHeadless(true).setArgs(ARGS)));
        } catch (RuntimeException e) {
            playwright.close();
            throw e;
        }
    }

    private static void closeBrowser() {
        if (launched != null) {
            launched.browser().close();
            launched.playwright().close();
            launched = null;
        }
    }

    private record Launched(Playwright playwright, Browser browser) {}
}
