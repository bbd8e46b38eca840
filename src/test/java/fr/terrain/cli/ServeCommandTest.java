package fr.terrain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import fr.terrain.store.Store;
import io.javalin.Javalin;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
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

    @Test
    void aStopTimeoutBelowOneSecondIsSaidInFrench() {
        CommandRun serve = CommandRun.of(List.of("--home", home.toString()), "serve", "--stop-timeout", "0");
        assertThat(serve.exit()).as("a command line wrong in itself: exit code 2, as picocli's own").isEqualTo(2);
        assertThat(serve.err()).contains("--stop-timeout : un nombre de secondes, 1 ou plus (reçu : 0)")
                .contains("aide : terrain serve --help")
                .doesNotContain("\tat ");
    }

    /** Behind nginx on the same machine, {@code --bind 127.0.0.1}: the port cannot be reached from the network. */
    @Test
    void boundToTheLoopbackTheAppIsNotReachedOnTheMachinesOtherAddresses() throws Exception {
        Optional<InetAddress> network = NetworkInterface.networkInterfaces().filter(i -> !isLoopback(i))
                .flatMap(NetworkInterface::inetAddresses).filter(a -> a instanceof Inet4Address).findFirst();
        Assumptions.assumeTrue(network.isPresent(), "no network address besides the loopback");
        try (Store s = Store.h2(home)) {
            Javalin app = ServeCommand.start(s, "127.0.0.1", 0);
            try {
                assertThat(connects(InetAddress.getLoopbackAddress(), app.port())).isTrue();
                assertThat(connects(network.get(), app.port())).as(network.get() + " reached").isFalse();
            } finally {
                app.stop();
            }
        }
    }

    @Test
    void anAddressTheMachineDoesNotHaveIsSaidInFrench() {
        CommandRun serve = Assertions.assertTimeoutPreemptively(Duration.ofSeconds(60), () -> CommandRun.of(
                List.of("--home", home.toString()), "serve", "--bind", "203.0.113.7", "--port", "0"));
        assertThat(serve.exit()).isEqualTo(1);
        assertThat(serve.err()).contains("203.0.113.7").contains("--bind").doesNotContain("\tat ");
    }

    private static boolean isLoopback(NetworkInterface i) {
        try {
            return i.isLoopback() || !i.isUp();
        } catch (java.net.SocketException e) {
            return true;
        }
    }

    private static boolean connects(InetAddress address, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 2000);
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
