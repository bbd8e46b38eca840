package fr.terrain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code terrain serve} as the person who runs it on a server meets it (docs/deploy.md). */
class ServeCommandTest {
    @TempDir
    Path home;

    @Test
    void aPortAlreadyInUseIsSaidInFrenchWithoutATrace() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            int port = taken.getLocalPort();
            CommandRun serve = CommandRun.of(List.of("--home", home.toString()), "serve", "--port", String.valueOf(port));
            assertThat(serve.exit()).isEqualTo(1);
            assertThat(serve.err()).contains("le port " + port + " est déjà utilisé").contains("--port")
                    .doesNotContain("\tat ").doesNotContain("erreur interne");
        }
    }
}
