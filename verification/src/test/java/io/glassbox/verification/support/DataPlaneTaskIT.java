package io.glassbox.verification.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.startupcheck.OneShotStartupCheckStrategy;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;

/**
 * The data plane's task by its content, not only its RunTask call: the task definition a deploy registered, its
 * {@code secrets} resolved from the emulator's Secrets Manager as ECS resolves them at task start, its entry point and
 * command run in a container (Podman here) against the test PostgreSQL. The extensions exist afterwards. The database
 * endpoint in the secret is the emulator's and resolves nowhere ({@link KnownEmulatorGaps#NO_DATA_PLANE_BEHIND_ENDPOINTS}),
 * so PGHOST and PGPORT name the test server, as the VPC's DNS would resolve the endpoint to the instance. Runs with a
 * container engine ({@code scripts/test.sh} runs it on containers after the local run); skipped without one.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DataPlaneTaskIT {

    private static final String FAMILY = "glassbox-staging-data-plane";
    private final AwsProbe aws = new AwsProbe();
    private Optional<String> skipped = Optional.empty();
    private Map<String, Object> secret;
    private ContainerDefinition container;

    @BeforeAll
    void deployAndReadTheTaskDefinition() throws Exception {
        skipped = ContainerServices.unavailableBecause().map(why -> "needs a container engine: " + why);
        if (skipped.isPresent()) {
            return;
        }
        LocalEmulator.reset();
        Cli.Result deploy = Cli.run("deploy", "--env", "staging", "--skip-data-plane");
        assertThat(deploy.exitCode()).as(deploy.toString()).isZero();
        secret = aws.secretDocument("glassbox/staging/database");
        LocalPostgres.createMasterUser(secret); // RDS's part: the master user with the secret's password
        container = aws.ecs.describeTaskDefinition(r -> r.taskDefinition(FAMILY)).taskDefinition()
                .containerDefinitions().get(0);
    }

    @BeforeEach
    void skipWithoutAnEngine() {
        skipped.ifPresent(Assumptions::abort);
    }

    /** What ECS puts in the container's environment: the plain values, then each secret's JSON key, resolved. */
    private Map<String, String> environmentAsEcsResolvesIt() throws Exception {
        Map<String, String> environment = new HashMap<>();
        container.environment().forEach(e -> environment.put(e.name(), e.value()));
        ObjectMapper json = new ObjectMapper();
        for (var reference : container.secrets()) {
            // arn:aws:secretsmanager:REGION:ACCOUNT:secret:NAME:JSON-KEY:VERSION-STAGE:VERSION-ID
            String[] parts = reference.valueFrom().split(":");
            String arn = String.join(":", List.of(parts).subList(0, 7));
            JsonNode document = json.readTree(aws.secrets.getSecretValue(r -> r.secretId(arn)).secretString());
            environment.put(reference.name(), document.path(parts[7]).asText());
        }
        // The endpoint the secret names is the emulator's: the VPC's DNS would resolve it to the instance.
        assertThat(environment.get("PGHOST")).isEqualTo(secret.get("host"));
        environment.put("PGHOST", LocalServices.host());
        environment.put("PGPORT", String.valueOf(LocalServices.postgresPort()));
        return environment;
    }

    /** Runs the task definition's entry point and command in the image of this run's PostgreSQL; returns its log. */
    private String runTheTask(Map<String, String> environment) {
        List<String> entryPoint = new ArrayList<>(container.entryPoint());
        try (GenericContainer<?> task = new GenericContainer<>(ContainerServices.postgresImage())
                .withCreateContainerCmdModifier(cmd -> cmd.withEntrypoint(entryPoint))
                .withCommand(container.command().toArray(String[]::new))
                .withEnv(environment)
                .withNetworkMode("host")
                .withStartupCheckStrategy(new OneShotStartupCheckStrategy().withTimeout(Duration.ofMinutes(2)))) {
            task.start();
            return task.getLogs();
        }
    }

    private List<String> extensions() throws Exception {
        List<String> names = new ArrayList<>();
        try (Connection connection = LocalPostgres.connect(String.valueOf(secret.get("dbname")),
                String.valueOf(secret.get("username")), String.valueOf(secret.get("password")));
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT extname FROM pg_extension")) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        return names;
    }

    @Test
    void theTasksCommandCreatesTheExtensionsWithTheSecretsCredentials() throws Exception {
        assertThat(extensions()).as("a new database has none").doesNotContain("uuid-ossp", "pgcrypto", "vector");
        String log = runTheTask(environmentAsEcsResolvesIt());
        assertThat(extensions()).contains("uuid-ossp", "pgcrypto", "vector");
        assertThat(log).contains("CREATE EXTENSION").contains("vector");
        String again = runTheTask(environmentAsEcsResolvesIt());
        assertThat(again).as("idempotent: a second run succeeds too").contains("pgcrypto");
    }

    @Test
    void withoutTheSecretsPasswordTheTaskFails() throws Exception {
        Map<String, String> wrong = environmentAsEcsResolvesIt();
        wrong.put("PGPASSWORD", "not-the-password");
        assertThatThrownBy(() -> runTheTask(wrong)).as("the command really connects").isInstanceOf(RuntimeException.class);
    }
}
