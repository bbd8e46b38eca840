package fr.terrain.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;

/**
 * The browser tests' {@link Chromium}: two classes of one run get the same browser, the second starts with none of the
 * contexts the first left open, and the browser is gone when the run ends. Runs two small classes through JUnit's own
 * launcher, as Maven runs the real ones (one after the other, in one JVM).
 */
class ChromiumTest {
    /** What the two classes saw, in order. */
    static final List<Browser> browsers = new ArrayList<>();
    static final List<Integer> contextsAtStart = new ArrayList<>();

    @Test
    void twoClassesShareOneBrowserAndTheSecondStartsWithNoContextOfTheFirst() {
        browsers.clear();
        contextsAtStart.clear();
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(LeavesAPhoneOpen.class), selectClass(OpensALaptop.class)).build(),
                new TestExecutionListener[] {summary});

        assertThat(summary.getSummary().getFailures()).as("the two classes' own failures").isEmpty();
        assertThat(summary.getSummary().getTestsSucceededCount()).isEqualTo(2);
        assertThat(browsers).hasSize(2);
        assertThat(browsers.get(1)).as("one browser for the run").isSameAs(browsers.get(0));
        assertThat(contextsAtStart).as("open contexts when each class starts: the phone the first left is closed")
                .containsExactly(0, 0);
        assertThat(browsers.get(0).isConnected()).as("the browser is closed when the run ends").isFalse();
    }

    /** Opens a phone and leaves it open, as a test that does not close its contexts. */
    static class LeavesAPhoneOpen {
        @RegisterExtension
        static final Chromium chromium = new Chromium();

        @Test
        void opensAPhone() {
            Browser browser = chromium.browser();
            contextsAtStart.add(browser.contexts().size());
            browsers.add(browser);
            BrowserContext phone = browser.newContext(Chromium.phone());
            phone.newPage().setContent("<p>porte 1</p>");
            assertThat(browser.contexts()).containsExactly(phone);
        }
    }

    /** Comes after: finds the same browser, with no context open. */
    static class OpensALaptop {
        @RegisterExtension
        static final Chromium chromium = new Chromium();

        @Test
        void opensALaptop() {
            Browser browser = chromium.browser();
            contextsAtStart.add(browser.contexts().size());
            browsers.add(browser);
            browser.newContext(Chromium.desktop()).newPage().setContent("<p>carte</p>");
        }
    }
}
