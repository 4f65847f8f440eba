package io.glassbox.verification.support;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.awaitility.Awaitility;

/**
 * The AWS emulator the tests run against: the moto_server that {@code scripts/local-services.sh} started
 * (its URL in {@code MOTO_ENDPOINT}), or else one this JVM starts for itself on a free loopback port and
 * stops when it exits, so that a plain {@code mvn package} works too. Between test classes it is reset to an
 * empty account through moto's own {@code /moto-api/reset}, so every class starts from nothing.
 */
public final class LocalEmulator {

    /** moto_server starts in 2-5 s here; allow for a slow, busy machine. */
    private static final Duration STARTUP = Duration.ofSeconds(60);
    private static URI ownServer;

    private LocalEmulator() {
    }

    /** The emulator's URL. */
    public static synchronized URI endpoint() {
        String value = System.getenv("MOTO_ENDPOINT");
        if (value != null && !value.isBlank()) {
            return URI.create(value);
        }
        if (ownServer == null) {
            ownServer = startOwnServer();
        }
        return ownServer;
    }

    private static URI startOwnServer() {
        Path moto = findMoto().orElseThrow(() -> new IllegalStateException("moto_server is not installed and"
                + " MOTO_ENDPOINT is not set: install it with pip install 'moto[server]', or run scripts/test.sh"));
        try {
            int port;
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = socket.getLocalPort();
            }
            Path log = Files.createTempFile("moto-server", ".log");
            ProcessBuilder builder = new ProcessBuilder(moto.toString(), "-H", "127.0.0.1", "-p", String.valueOf(port))
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().put("MOTO_IAM_LOAD_MANAGED_POLICIES", "true");
            Process process = builder.start();
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroy));
            URI uri = URI.create("http://127.0.0.1:" + port);
            Awaitility.await("moto_server on port " + port + " (log: " + log + ")").atMost(STARTUP)
                    .pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                    .until(() -> process.isAlive() && answers(uri));
            return uri;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start moto_server: " + e.getMessage(), e);
        }
    }

    private static boolean answers(URI uri) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri.resolve("/moto-api/")).timeout(Duration.ofSeconds(2)).GET().build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    }

    private static Optional<Path> findMoto() {
        List<Path> candidates = new ArrayList<>();
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty()) {
                candidates.add(Path.of(dir, "moto_server"));
            }
        }
        candidates.add(Path.of(System.getProperty("user.home"), ".pyenv", "shims", "moto_server"));
        candidates.add(Path.of(System.getProperty("user.home"), ".local", "bin", "moto_server"));
        return candidates.stream().filter(Files::isExecutable).findFirst();
    }

    /** Empties the emulated account: every resource of every service is gone afterwards. */
    public static void reset() {
        HttpRequest request = HttpRequest.newBuilder(endpoint().resolve("/moto-api/reset"))
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.noBody()).build();
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("moto reset answered " + response.statusCode() + ": " + response.body());
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot reach the emulator at " + endpoint() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
