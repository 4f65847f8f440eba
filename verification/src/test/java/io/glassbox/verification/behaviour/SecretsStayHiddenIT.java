package io.glassbox.verification.behaviour;

import static org.assertj.core.api.Assertions.assertThat;

import io.glassbox.provisioner.Provisioner;
import io.glassbox.provisioner.engine.Plan;
import io.glassbox.provisioner.spec.Environment;
import io.glassbox.verification.support.AwsProbe;
import io.glassbox.verification.support.Cli;
import io.glassbox.verification.support.LocalEmulator;
import io.glassbox.verification.support.LocalPostgres;
import io.glassbox.verification.support.LocalServices;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * Secret values stay secret in every form the product prints: plan text and JSON, deploy's progress and JSON
 * events, outputs, docs, and error messages (a data plane that cannot log in, a tunnel nobody listens on), with
 * {@code -v}'s stack traces too, and the library's plan. The values are read back from AWS independently.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecretsStayHiddenIT {

    private final AwsProbe aws = new AwsProbe();
    private final List<String> secrets = new ArrayList<>();

    @BeforeAll
    void deployStaging() throws SQLException {
        LocalEmulator.reset();
        Cli.Result deployed = Cli.run("deploy", "--env", "staging", "--skip-data-plane");
        assertThat(deployed.exitCode()).as(deployed.toString()).isZero();
        Map<String, Object> database = aws.secretDocument("glassbox/staging/database");
        Map<String, Object> llm = aws.secretDocument("glassbox/staging/llm");
        String password = String.valueOf(database.get("password"));
        secrets.add(password);
        secrets.add(URLEncoder.encode(password, StandardCharsets.UTF_8));
        secrets.add(String.valueOf(database.get("url")));
        secrets.add(String.valueOf(llm.get("jwtSecret")));
        assertThat(secrets).allSatisfy(s -> assertThat(s).hasSizeGreaterThan(12));
        LocalPostgres.createMasterUser(database);
    }

    @AfterAll
    void close() {
        aws.close();
    }

    private void assertHidden(String what, String text) {
        assertThat(text).as(what + " printed something").isNotBlank();
        for (String secret : secrets) {
            assertThat(text).as(what + " must not contain a secret value").doesNotContain(secret);
        }
    }

    private void assertHidden(String what, Cli.Result result) {
        assertHidden(what, result.out() + "\n" + result.err());
    }

    private static List<String> dataPlane(String databasePort) {
        return List.of("--database-tunnel", LocalServices.host() + ":" + databasePort,
                "--cache-tunnel", LocalServices.host() + ":" + LocalServices.redisPort(),
                "--cache-ca-file", LocalServices.caFile().toString());
    }

    private static Cli.Result deploy(List<String> extra) {
        // --max-wait caps the data plane's retries of a connection that will not succeed.
        List<String> args = new ArrayList<>(List.of("deploy", "--env", "staging", "-v", "--max-wait", "3s"));
        args.addAll(extra);
        return Cli.run(args.toArray(String[]::new));
    }

    @Test
    void planOutputsAndDocsShowNoSecretValue() {
        for (List<String> args : List.of(List.of("plan"), List.of("plan", "--json"), List.of("plan", "-v"),
                List.of("outputs"), List.of("outputs", "--json"), List.of("docs"))) {
            List<String> all = new ArrayList<>(args);
            all.addAll(List.of("--env", "staging"));
            Cli.Result result = Cli.run(all.toArray(String[]::new));
            assertThat(result.exitCode()).as(result.toString()).isZero();
            assertHidden(String.join(" ", args), result);
        }
    }

    @Test
    void deployWithTheDataPlaneShowsNoSecretValue() {
        Cli.Result text = deploy(dataPlane(String.valueOf(LocalServices.postgresPort())));
        assertThat(text.exitCode()).as(text.toString()).isZero();
        assertHidden("deploy", text);
        List<String> json = new ArrayList<>(dataPlane(String.valueOf(LocalServices.postgresPort())));
        json.add("--json");
        Cli.Result events = deploy(json);
        assertThat(events.exitCode()).as(events.toString()).isZero();
        assertHidden("deploy --json", events);
    }

    @Test
    void errorMessagesShowNoSecretValue() throws Exception {
        // Nobody listens on the tunnel: the connection error names the endpoint only.
        int closed;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        Cli.Result unreachable = deploy(dataPlane(String.valueOf(closed)));
        assertThat(unreachable.exitCode()).as(unreachable.toString()).isEqualTo(1);
        assertHidden("an unreachable database", unreachable);

        // The database no longer accepts the stored password: the login error must not echo it.
        try (Connection admin = LocalPostgres.admin("postgres"); Statement statement = admin.createStatement()) {
            statement.execute("ALTER ROLE glassbox PASSWORD 'changed-by-hand-0123'");
        }
        try {
            Cli.Result refused = deploy(dataPlane(String.valueOf(LocalServices.postgresPort())));
            assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(1);
            assertHidden("a refused login", refused);
            Cli.Result json = deploy(List.of("--json", "--database-tunnel",
                    LocalServices.host() + ":" + LocalServices.postgresPort(), "--cache-tunnel",
                    LocalServices.host() + ":" + LocalServices.redisPort(), "--cache-ca-file",
                    LocalServices.caFile().toString()));
            assertHidden("a refused login as JSON", json);
        } finally {
            LocalPostgres.createMasterUser(aws.secretDocument("glassbox/staging/database"));
        }
    }

    @Test
    void theLibrarysPlanAndOutputsShowNoSecretValue() {
        try (Provisioner provisioner = Provisioner.builder().environment(Environment.STAGING)
                .endpoint(LocalEmulator.endpoint()).region(AwsProbe.REGION)
                .credentials(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))
                .build()) {
            Plan plan = provisioner.plan();
            assertHidden("Plan.toString", plan.toString());
            assertHidden("outputs", provisioner.outputs(plan).toString());
        }
    }
}
