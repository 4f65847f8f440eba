package io.glassbox.verification.behaviour;

import static org.assertj.core.api.Assertions.assertThat;

import io.glassbox.verification.support.AwsProbe;
import io.glassbox.verification.support.CallRecorder;
import io.glassbox.verification.support.Cli;
import io.glassbox.verification.support.KnownEmulatorGaps;
import io.glassbox.verification.support.LocalEmulator;
import io.glassbox.verification.support.LocalPostgres;
import io.glassbox.verification.support.LocalServices;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The data plane against real servers: the extensions in a real PostgreSQL with pgvector, and the readiness
 * check of a real Redis 7 over TLS, both reached through the tunnels because the emulator's endpoints do not
 * resolve ({@link KnownEmulatorGaps#NO_DATA_PLANE_BEHIND_ENDPOINTS}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DataPlaneIT {

    private final AwsProbe aws = new AwsProbe();
    private Map<String, Object> secret;

    private static List<String> tunnels() {
        return List.of("--database-tunnel", LocalServices.host() + ":" + LocalServices.postgresPort(),
                "--cache-tunnel", LocalServices.host() + ":" + LocalServices.redisPort(),
                "--cache-ca-file", LocalServices.caFile().toString());
    }

    private static Cli.Result deploy(List<CallRecorder> recorders, List<String> extra) {
        List<String> args = new ArrayList<>(List.of("deploy", "--env", "staging"));
        args.addAll(extra);
        return Cli.run(List.copyOf(recorders), args.toArray(String[]::new));
    }

    @BeforeAll
    void deployWithTheDataPlane() throws SQLException {
        LocalEmulator.reset();
        Cli.Result control = deploy(List.of(), List.of("--skip-data-plane"));
        assertThat(control.exitCode()).as(control.toString()).isZero();
        assertThat(control.err()).contains("data plane skipped (--skip-data-plane)");
        secret = aws.secretDocument("glassbox/staging/database");
        LocalPostgres.createMasterUser(secret);
        Cli.Result full = deploy(List.of(), tunnels());
        assertThat(full.exitCode()).as(full.toString()).isZero();
        assertThat(full.out()).contains("ran database.extensions").contains("ran cache.readiness");
    }

    private Connection asMasterUser() throws SQLException {
        return LocalPostgres.connect(String.valueOf(secret.get("dbname")), String.valueOf(secret.get("username")),
                String.valueOf(secret.get("password")));
    }

    @Test
    void extensionsExistInTheRealPostgres() throws SQLException {
        List<String> extensions = new ArrayList<>();
        try (Connection connection = asMasterUser(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT extname FROM pg_extension")) {
            while (rows.next()) {
                extensions.add(rows.getString(1));
            }
        }
        assertThat(extensions).contains("uuid-ossp", "pgcrypto", "vector");
    }

    @Test
    void aVectorColumnAnswersANearestNeighbourQuery() throws SQLException {
        try (Connection connection = asMasterUser(); Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS embeddings");
            statement.execute("CREATE TABLE embeddings (id uuid PRIMARY KEY DEFAULT uuid_generate_v4(),"
                    + " label text, embedding vector(3))");
            statement.execute("INSERT INTO embeddings (label, embedding) VALUES"
                    + " ('far', '[10,10,10]'), ('near', '[1,1,1.5]'), ('middle', '[4,4,4]')");
            try (ResultSet rows = statement.executeQuery(
                    "SELECT label FROM embeddings ORDER BY embedding <-> '[1,1,1]' LIMIT 1")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("near");
            }
            try (ResultSet rows = statement.executeQuery("SELECT encode(digest('glassbox', 'sha256'), 'hex')")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).hasSize(64); // pgcrypto answers
            }
        }
    }

    @Test
    void theMasterUserNeedsTheSecretsPassword() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LocalPostgres.connect("glassbox", "glassbox", "wrong").close())
                .isInstanceOf(SQLException.class).hasMessageContaining("password authentication failed");
    }

    @Test
    void aSecondDeployChangesNothingInAwsAndKeepsThePassword() {
        CallRecorder recorder = new CallRecorder();
        Cli.Result again = deploy(List.of(recorder), tunnels());
        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(again.out()).contains("No changes.");
        assertThat(recorder.mutating()).isEmpty();
        assertThat(aws.secretDocument("glassbox/staging/database").get("password")).isEqualTo(secret.get("password"));
    }

    @Test
    void anUnreachableCacheIsOneClearMessageAndTheControlPlaneStaysAsItIs() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        CallRecorder recorder = new CallRecorder();
        Cli.Result result = deploy(List.of(recorder), List.of(
                "--database-tunnel", LocalServices.host() + ":" + LocalServices.postgresPort(),
                "--cache-tunnel", "127.0.0.1:" + closedPort, "--cache-ca-file", LocalServices.caFile().toString(),
                "--max-wait", "4s"));
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).contains("ERR cache.readiness: cannot connect to Redis at 127.0.0.1:" + closedPort)
                .contains("check that the port-forward to master.glassbox-staging.").contains("ran database.extensions");
        assertThat(result.err()).doesNotContain("Exception");
        assertThat(recorder.mutating()).isEmpty();
    }

    @Test
    void withoutATrustedCaTheTlsFailureSaysSo() {
        Cli.Result result = deploy(List.of(), List.of("--skip-data-plane"));
        assertThat(result.exitCode()).isZero();
        Cli.Result untrusted = deploy(List.of(), List.of("--database-tunnel", LocalServices.host() + ":" + LocalServices.postgresPort(),
                "--cache-tunnel", LocalServices.host() + ":" + LocalServices.redisPort()));
        assertThat(untrusted.exitCode()).isEqualTo(1);
        assertThat(untrusted.out()).contains("TLS with Redis at " + LocalServices.host() + ":" + LocalServices.redisPort() + " failed")
                .contains("--cache-ca-file");
    }
}
