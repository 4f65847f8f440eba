package io.glassbox.verification.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/**
 * The container-backed services themselves: they start, the emulator takes a deploy, PostgreSQL speaks TLS with a
 * certificate from the test CA and has pgvector, Redis answers over TLS only. {@code scripts/test.sh} runs this class
 * on containers after the local run (on Podman here, see {@code scripts/container-engine.sh}); without a container
 * engine it is skipped with the reason. The whole suite runs on containers with {@code GLASSBOX_SERVICES=containers}.
 */
class ContainerServicesIT {

    private static Map<String, String> settings;
    private static Optional<String> skipped;

    @BeforeAll
    static void startContainers() {
        skipped = ContainerServices.unavailableBecause()
                .map(why -> "container-backed run skipped: " + why + "; the local run goes on without Docker");
        // Said once in the build log; each test below is then reported as skipped with the same reason.
        skipped.ifPresentOrElse(System.out::println, () -> settings = ContainerServices.start());
    }

    @BeforeEach
    void skipWithoutDocker() {
        skipped.ifPresent(Assumptions::abort);
    }

    @Test
    void theContainersOfferTheSettingsTheLocalRunDoes() {
        assertThat(settings).containsKeys("MOTO_ENDPOINT", "PG_PORT", "PG_ADMIN_USER", "PG_ADMIN_PASSWORD",
                "REDIS_PORT", "TLS_CA_FILE", "SERVICES_HOST");
    }

    @Test
    void theEmulatorTakesADeployAndAPlanAfterwardsIsClean() {
        URI emulator = URI.create(settings.get("MOTO_ENDPOINT"));
        Cli.Result deploy = Cli.runAgainst(emulator, List.of(), "deploy", "--env", "staging", "--stack", "Messaging",
                "--yes");
        assertThat(deploy.exitCode()).as(deploy.toString()).isZero();
        Cli.Result plan = Cli.runAgainst(emulator, List.of(), "plan", "--env", "staging", "--stack", "Messaging",
                "--detailed-exitcode");
        assertThat(plan.exitCode()).as(plan.toString()).isZero();
    }

    @Test
    void postgresSpeaksTlsFromTheTestCaAndHasPgvector() throws Exception {
        Properties properties = new Properties();
        properties.setProperty("user", settings.get("PG_ADMIN_USER"));
        properties.setProperty("password", settings.get("PG_ADMIN_PASSWORD"));
        properties.setProperty("sslmode", "verify-ca");
        properties.setProperty("sslrootcert", settings.get("TLS_CA_FILE"));
        String url = "jdbc:postgresql://" + settings.get("SERVICES_HOST") + ":" + settings.get("PG_PORT") + "/postgres";
        try (Connection connection = DriverManager.getConnection(url, properties);
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE EXTENSION IF NOT EXISTS vector");
            try (ResultSet distance = statement.executeQuery("SELECT '[1,2]'::vector <-> '[1,3]'::vector")) {
                assertThat(distance.next()).isTrue();
                assertThat(distance.getDouble(1)).isEqualTo(1.0);
            }
        }
    }

    @Test
    void redisAnswersOverTlsOnly() throws Exception {
        DefaultJedisClientConfig tls = DefaultJedisClientConfig.builder().ssl(true)
                .sslSocketFactory(trusting(Path.of(settings.get("TLS_CA_FILE"))).getSocketFactory()).build();
        HostAndPort redis = new HostAndPort(settings.get("SERVICES_HOST"), Integer.parseInt(settings.get("REDIS_PORT")));
        try (Jedis jedis = new Jedis(redis, tls)) {
            assertThat(jedis.ping()).isEqualTo("PONG");
        }
    }

    private static SSLContext trusting(Path caFile) throws Exception {
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        trusted.load(null, null);
        try (InputStream pem = Files.newInputStream(caFile)) {
            trusted.setCertificateEntry("glassbox-test-ca", CertificateFactory.getInstance("X.509").generateCertificate(pem));
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }
}
