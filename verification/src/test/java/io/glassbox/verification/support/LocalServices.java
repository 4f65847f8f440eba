package io.glassbox.verification.support;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The local services of {@code scripts/local-services.sh}: moto_server, PostgreSQL with pgvector and Redis
 * with TLS. The test script starts them and exports their settings ({@code MOTO_ENDPOINT}, {@code PG_PORT}, …);
 * without it (a plain {@code mvn package}) this class runs the same script once for the JVM and stops the
 * services when the JVM exits. With {@code GLASSBOX_SERVICES=containers} ({@link ServicesBackend}) the same
 * settings come from Docker containers instead ({@link ContainerServices}); without Docker every test that needs
 * the services is then skipped, saying why.
 */
public final class LocalServices {

    private static Map<String, String> settings;

    private LocalServices() {
    }

    /** A setting of the running services, e.g. {@code PG_PORT}. */
    public static synchronized String get(String key) {
        String value = settings().get(key);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(key + " is not set by scripts/local-services.sh");
        }
        return value;
    }

    /** A setting that only some backends have, or {@code fallback}. */
    public static synchronized String getOrDefault(String key, String fallback) {
        String value = settings().get(key);
        return value == null || value.isBlank() ? fallback : value;
    }

    /** The host the PostgreSQL and Redis ports are on: the loopback address, or the Docker host's. */
    public static String host() {
        return getOrDefault("SERVICES_HOST", "127.0.0.1");
    }

    private static Map<String, String> settings() {
        if (settings == null) {
            settings = switch (ServicesBackend.selected()) {
                case CONTAINERS -> ContainerServices.start();
                case LOCAL -> System.getenv("MOTO_ENDPOINT") != null && System.getenv("PG_PORT") != null
                        ? System.getenv() : startOwn();
            };
        }
        return settings;
    }

    public static URI motoEndpoint() {
        return URI.create(get("MOTO_ENDPOINT"));
    }

    public static int postgresPort() {
        return Integer.parseInt(get("PG_PORT"));
    }

    public static int redisPort() {
        return Integer.parseInt(get("REDIS_PORT"));
    }

    public static Path caFile() {
        return Path.of(get("TLS_CA_FILE"));
    }

    private static Map<String, String> startOwn() {
        Path script = repositoryRoot().resolve("scripts/local-services.sh");
        try {
            Path dir = Files.createTempDirectory("glassbox-services");
            ProcessBuilder start = new ProcessBuilder("bash", script.toString(), "start").inheritIO();
            start.environment().put("GLASSBOX_SERVICES_DIR", dir.toString());
            Process process = start.start();
            if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IllegalStateException("scripts/local-services.sh start failed; see its output above");
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    ProcessBuilder stop = new ProcessBuilder("bash", script.toString(), "stop");
                    stop.environment().put("GLASSBOX_SERVICES_DIR", dir.toString());
                    stop.start().waitFor(60, TimeUnit.SECONDS);
                    Scratch.deleteTree(dir);
                } catch (IOException e) {
                    // The JVM is going away; nothing more to do.
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            Map<String, String> values = new HashMap<>();
            for (String line : Files.readAllLines(dir.resolve("services.env"))) {
                int equals = line.indexOf('=');
                if (equals > 0) {
                    values.put(line.substring(0, equals), line.substring(equals + 1));
                }
            }
            return values;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the local services: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("scripts/local-services.sh"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("cannot find scripts/local-services.sh above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }
}
