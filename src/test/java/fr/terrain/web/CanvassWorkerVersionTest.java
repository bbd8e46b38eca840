package fr.terrain.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The canvassing worker's cache is named after a digest of what it keeps: a change to the page's script (the
 * commune padding of session 21 was one, with the name left at v3) is a new version without anyone bumping it, so
 * phones replace every cached file together.
 */
class CanvassWorkerVersionTest {
    private static final Pattern CACHE = Pattern.compile("const CACHE = PREFIX \\+ '([^']*)';");

    private static byte[] jar(String path) {
        return CanvassRoutes.resource(path);
    }

    /** The version the worker's script gives its cache ({@code const CACHE = PREFIX + '…';}). */
    static String version(String script) {
        Matcher m = CACHE.matcher(script);
        assertThat(m.find()).as("CACHE line").isTrue();
        return m.group(1);
    }

    /** The jar's files, with one of them changed by a byte. */
    private static Function<String, byte[]> changing(String path) {
        return p -> {
            byte[] bytes = jar(p);
            if (p.equals(path)) {
                bytes = java.util.Arrays.copyOf(bytes, bytes.length + 1);
                bytes[bytes.length - 1] = ' ';
            }
            return bytes;
        };
    }

    @Test
    void theServedWorkerCarriesADigestAsItsVersionAndReadsEveryFileOfThePage() {
        List<String> asked = new ArrayList<>();
        String script = CanvassRoutes.script(p -> {
            asked.add(p);
            return jar(p);
        });
        assertThat(script).doesNotContain(CanvassRoutes.VERSION_MARK);
        assertThat(version(script)).matches("[0-9a-f]{12}");
        assertThat(new String(CanvassRoutes.script(), StandardCharsets.UTF_8)).isEqualTo(script);
        // the files of the worker's SHELL (read in porte-a-porte-sw.js), as the web app serves them
        assertThat(asked).containsExactlyInAnyOrder("/web/worker/porte-a-porte-sw.js", "/web/pages/porte-a-porte.html",
                "/web/assets/porte-a-porte.js", "/web/assets/infobulle.js", "/web/assets/porte-a-porte.css",
                "/META-INF/resources/webjars/leaflet/1.9.4/dist/leaflet.js",
                "/META-INF/resources/webjars/leaflet/1.9.4/dist/leaflet.css");
    }

    @Test
    void aChangeToAnyCachedFileIsANewVersionAndNothingElseIs() {
        String now = version(CanvassRoutes.script(CanvassWorkerVersionTest::jar));
        for (String path : List.of("/web/assets/porte-a-porte.js", "/web/pages/porte-a-porte.html",
                "/web/assets/infobulle.js", "/META-INF/resources/webjars/leaflet/1.9.4/dist/leaflet.css",
                "/web/worker/porte-a-porte-sw.js")) {
            assertThat(version(CanvassRoutes.script(changing(path)))).as(path).isNotEqualTo(now);
        }
        assertThat(version(CanvassRoutes.script(changing("/web/assets/carte.js")))).isEqualTo(now);
    }

    @Test
    void aWorkerWithoutItsMarkOrWithAFileNoRouteServesIsRefusedAtStart() {
        String worker = new String(jar("/web/worker/porte-a-porte-sw.js"), StandardCharsets.UTF_8);
        assertThatThrownBy(() -> CanvassRoutes.script(p -> p.endsWith("-sw.js")
                ? worker.replace(CanvassRoutes.VERSION_MARK, "v4").getBytes(StandardCharsets.UTF_8) : jar(p)))
                .hasMessageContaining("@VERSION@");
        assertThatThrownBy(() -> CanvassRoutes.script(p -> p.endsWith("-sw.js")
                ? worker.replace("'/assets/infobulle.js',", "'/api/field/notice',").getBytes(StandardCharsets.UTF_8)
                : jar(p)))
                .hasMessageContaining("/api/field/notice");
    }
}
