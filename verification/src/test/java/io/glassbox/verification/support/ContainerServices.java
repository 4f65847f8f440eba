package io.glassbox.verification.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.opentest4j.TestAbortedException;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.localstack.LocalStackContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;

/**
 * The suite's services as containers (GLASSBOX_SERVICES=containers), started once per test JVM and shared by every
 * test class (Testcontainers' Ryuk removes them when the JVM ends; on Podman, where Ryuk is off,
 * {@code scripts/container-engine.sh stop} does):
 * <ul>
 *   <li>the AWS emulator: LocalStack when {@code LOCALSTACK_AUTH_TOKEN} is set (its image requires a token
 *       since March 2026, and RDS, ElastiCache, Cognito, ECS, ECR, ELBv2 and Application Auto Scaling are in
 *       its paid tier), else the free moto image, configured like {@code scripts/local-services.sh}'s moto;</li>
 *   <li>PostgreSQL 16 with pgvector, TLS on, as RDS is;</li>
 *   <li>Redis 7 with TLS only, as ElastiCache with in-transit encryption is.</li>
 * </ul>
 * Both TLS servers use the throwaway CA and certificate {@code scripts/local-services.sh certificates} makes,
 * so the tests trust them through the same {@code TLS_CA_FILE} setting as in the local run. The settings map
 * has the keys {@code scripts/local-services.sh} writes to {@code services.env}.
 * <p>
 * Which images, by configuration ({@code GLASSBOX_IMAGES} or {@code -Dglassbox.images}): {@code published} (the
 * default: the registry images above), or {@code local}, the images {@code scripts/container-images.sh} builds
 * from Debian's packages where no registry is reachable (PostgreSQL 15 with pgvector, Redis 7, moto 5.2.1: the
 * local run's versions). Any engine with Docker's API serves; {@code scripts/container-engine.sh} starts Podman.
 */
final class ContainerServices {

    /** Whether the run uses the images built here without a registry ({@code GLASSBOX_IMAGES=local}). */
    static final boolean LOCAL_IMAGES = "local".equalsIgnoreCase(Optional.ofNullable(System.getProperty("glassbox.images"))
            .orElse(Optional.ofNullable(System.getenv("GLASSBOX_IMAGES")).orElse("published")).trim());
    /** moto 5.2.1, the version the local run uses, so KnownEmulatorGaps holds for both. */
    static final DockerImageName MOTO = DockerImageName.parse(LOCAL_IMAGES ? "localhost/glassbox-moto:5.2.1"
            : "motoserver/moto:5.2.1");
    static final DockerImageName LOCALSTACK = DockerImageName.parse("localstack/localstack:4.10.0");
    /**
     * pgvector 0.8.0 on PostgreSQL 16 (the {@code pg16} line), or Debian's PostgreSQL 15 with pgvector built here;
     * either is a drop-in for the postgres image.
     */
    static final DockerImageName PGVECTOR = DockerImageName.parse(LOCAL_IMAGES ? "localhost/glassbox-postgres:15-pgvector"
            : "pgvector/pgvector:0.8.0-pg16").asCompatibleSubstituteFor("postgres");
    static final DockerImageName REDIS = DockerImageName.parse(LOCAL_IMAGES ? "localhost/glassbox-redis:7" : "redis:7.4.2");
    private static final int MOTO_PORT = 5000;
    private static final int REDIS_PORT = 6379;
    private static final Duration STARTUP = Duration.ofMinutes(3);

    private ContainerServices() {
    }

    /** The PostgreSQL image of this run (it has psql): what the data plane's task runs, locally. */
    public static DockerImageName postgresImage() {
        return PGVECTOR;
    }

    /** Why the container-backed run cannot go ahead here, if it cannot. */
    public static Optional<String> unavailableBecause() {
        try {
            if (DockerClientFactory.instance().isDockerAvailable()) {
                return Optional.empty();
            }
        } catch (RuntimeException e) {
            return Optional.of("Docker is not available (" + e.getMessage() + ")");
        }
        return Optional.of("no container engine answered (start one with scripts/container-engine.sh start, which runs"
                + " Podman, and set DOCKER_HOST as it says; or install Docker Engine and make sure `docker info` works)");
    }

    private static Map<String, String> started;
    private static boolean skipAnnounced;

    /** Starts every container (once per JVM) and returns the settings the tests read. */
    static synchronized Map<String, String> start() {
        if (started == null) {
            started = Map.copyOf(startAll());
        }
        return started;
    }

    private static Map<String, String> startAll() {
        unavailableBecause().ifPresent(why -> {
            String message = "container-backed run skipped: " + why
                    + "; the local run (GLASSBOX_SERVICES=local, the default) needs no Docker";
            if (!skipAnnounced) {
                System.out.println(message); // once in the build log; every test needing services is skipped
                skipAnnounced = true;
            }
            throw new TestAbortedException(message);
        });
        Path tls = certificates();
        Map<String, String> settings = new HashMap<>();
        settings.put("TLS_CA_FILE", tls.resolve("ca.pem").toString());
        startEmulator(settings);
        startPostgres(tls, settings);
        startRedis(tls, settings);
        return settings;
    }

    private static void startEmulator(Map<String, String> settings) {
        String token = System.getenv("LOCALSTACK_AUTH_TOKEN");
        if (token != null && !token.isBlank()) {
            LocalStackContainer localStack = new LocalStackContainer(LOCALSTACK)
                    .withEnv("LOCALSTACK_AUTH_TOKEN", token)
                    .withStartupTimeout(STARTUP);
            localStack.start();
            settings.put("MOTO_ENDPOINT", localStack.getEndpoint().toString());
            // LocalStack's own "forget everything" endpoint (its state management API).
            settings.put("EMULATOR_RESET_PATH", "/_localstack/state/reset");
            settings.put("EMULATOR", "localstack");
            return;
        }
        GenericContainer<?> moto = new GenericContainer<>(MOTO)
                .withExposedPorts(MOTO_PORT)
                // The same settings as scripts/local-services.sh (see there for why each is needed).
                .withEnv("MOTO_IAM_LOAD_MANAGED_POLICIES", "true")
                .withEnv("MOTO_ACM_VALIDATION_WAIT", "4")
                // moto with the gaps the takeover needs filled, as the local run starts it
                // (KnownEmulatorGaps.CLOUDFORMATION_UPDATE_POLICIES, COGNITO_TAG_RESOURCE).
                .withCopyFileToContainer(MountableFile.forHostPath(LocalServices.repositoryRoot()
                        .resolve("scripts/emulator/moto_server.py"), 0644), "/glassbox/moto_server.py")
                .withCopyFileToContainer(MountableFile.forHostPath(LocalServices.repositoryRoot()
                        .resolve("scripts/emulator/aws_delays.py"), 0644), "/glassbox/aws_delays.py")
                .withCreateContainerCmdModifier(cmd -> cmd.withEntrypoint("python3", "/glassbox/moto_server.py", "-H",
                        "0.0.0.0", "-p", String.valueOf(MOTO_PORT)))
                .waitingFor(Wait.forHttp("/moto-api/").forPort(MOTO_PORT).forStatusCode(200))
                .withStartupTimeout(STARTUP);
        moto.start();
        settings.put("MOTO_ENDPOINT", "http://" + moto.getHost() + ":" + moto.getMappedPort(MOTO_PORT));
        settings.put("EMULATOR", "moto");
    }

    @SuppressWarnings("resource") // stopped by Ryuk when the test JVM ends, like every shared container
    private static void startPostgres(Path tls, Map<String, String> settings) {
        PostgreSQLContainer postgres = new PostgreSQLContainer(PGVECTOR)
                .withUsername("postgres").withPassword("postgres-" + Long.toHexString(System.nanoTime()))
                .withCopyFileToContainer(MountableFile.forHostPath(tls.resolve("server.pem"), 0644), "/tls/server.pem")
                .withCopyFileToContainer(MountableFile.forHostPath(tls.resolve("server.key"), 0644), "/tls/server.key")
                // PostgreSQL only reads a key the server user owns with mode 0600, so the entrypoint first copies
                // the mounted pair to where that user owns it, then hands over to the image's own entrypoint.
                .withCreateContainerCmdModifier(cmd -> cmd.withEntrypoint("sh", "-c",
                        "install -o postgres -m 0600 /tls/server.key /var/lib/postgresql/server.key && "
                                + "install -o postgres -m 0644 /tls/server.pem /var/lib/postgresql/server.pem && "
                                + "exec docker-entrypoint.sh postgres -c fsync=off -c ssl=on "
                                + "-c ssl_cert_file=/var/lib/postgresql/server.pem "
                                + "-c ssl_key_file=/var/lib/postgresql/server.key"))
                .withStartupTimeout(STARTUP);
        postgres.start();
        settings.put("PG_PORT", String.valueOf(postgres.getMappedPort(PostgreSQLContainer.POSTGRESQL_PORT)));
        settings.put("PG_ADMIN_USER", postgres.getUsername());
        settings.put("PG_ADMIN_PASSWORD", postgres.getPassword());
        settings.put("SERVICES_HOST", postgres.getHost());
    }

    @SuppressWarnings("resource")
    private static void startRedis(Path tls, Map<String, String> settings) {
        GenericContainer<?> redis = new GenericContainer<>(REDIS)
                .withExposedPorts(REDIS_PORT)
                .withCopyFileToContainer(MountableFile.forHostPath(tls.resolve("server.pem"), 0644), "/tls/server.pem")
                .withCopyFileToContainer(MountableFile.forHostPath(tls.resolve("server.key"), 0644), "/tls/server.key")
                .withCopyFileToContainer(MountableFile.forHostPath(tls.resolve("ca.pem"), 0644), "/tls/ca.pem")
                // TLS only, clients need no certificate of their own: as scripts/local-services.sh starts it.
                .withCommand("redis-server", "--port", "0", "--tls-port", String.valueOf(REDIS_PORT),
                        "--tls-cert-file", "/tls/server.pem", "--tls-key-file", "/tls/server.key",
                        "--tls-ca-cert-file", "/tls/ca.pem", "--tls-auth-clients", "no", "--save", "",
                        "--appendonly", "no")
                .waitingFor(Wait.forLogMessage(".*Ready to accept connections.*\\n", 1))
                .withStartupTimeout(STARTUP);
        redis.start();
        settings.put("REDIS_PORT", String.valueOf(redis.getMappedPort(REDIS_PORT)));
    }

    /** The CA and server certificate, made by the same script function as the local run's. */
    private static Path certificates() {
        try {
            Path dir = Scratch.directory("glassbox-containers");
            ProcessBuilder make = new ProcessBuilder("bash", LocalServices.repositoryRoot()
                    .resolve("scripts/local-services.sh").toString(), "certificates").inheritIO();
            make.environment().put("GLASSBOX_SERVICES_DIR", dir.toString());
            Process process = make.start();
            if (!process.waitFor(1, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IllegalStateException("scripts/local-services.sh certificates failed; see its output above");
            }
            return dir.resolve("tls");
        } catch (IOException e) {
            throw new IllegalStateException("cannot make the TLS certificates: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
