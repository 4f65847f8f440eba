package io.glassbox.verification.behaviour;

import static org.assertj.core.api.Assertions.assertThat;

import io.glassbox.verification.support.AwsProbe;
import io.glassbox.verification.support.CallRecorder;
import io.glassbox.verification.support.Cli;
import io.glassbox.verification.support.Images;
import io.glassbox.verification.support.LocalEmulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.RunTaskRequest;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * The data plane from inside the VPC, the default: with no tunnel a deploy creates the extensions with a one-off
 * Fargate task ({@code glassbox-staging-data-plane}) in the private subnets with the ECS security group, the
 * credentials reaching it through the task definition's {@code secrets} only; Redis is checked from the control plane.
 * The emulator stops such a task as ECS does, with the exit code and log lines a test sets (KnownEmulatorGaps
 * ECS_ONE_OFF_TASKS); what the task's command does against a real PostgreSQL is shown by DataPlaneTaskIT.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InVpcDataPlaneIT {

    private static final String FAMILY = "glassbox-staging-data-plane";
    private final AwsProbe aws = new AwsProbe();
    private final List<RunTaskRequest> runTasks = new CopyOnWriteArrayList<>();
    private final ExecutionInterceptor capture = new ExecutionInterceptor() {
        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            if (context.request() instanceof RunTaskRequest request) {
                runTasks.add(request);
            }
        }
    };

    @TempDir
    Path dir;

    @BeforeAll
    void emptyAccount() {
        LocalEmulator.reset();
    }

    @AfterAll
    void close() {
        aws.close();
    }

    private Cli.Result deploy(CallRecorder recorder, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("deploy", "--env", "staging"));
        args.addAll(List.of(extra));
        return Cli.run(List.of(capture, recorder), args.toArray(String[]::new));
    }

    private static void taskOutcome(int exitCode, List<String> logLines) throws Exception {
        String lines = logLines.stream().map(l -> "\"" + l.replace("\"", "\\\"") + "\"")
                .collect(Collectors.joining(","));
        LocalEmulator.control("ecs/task-outcomes", "{\"family\":\"" + FAMILY + "\",\"exitCode\":" + exitCode
                + ",\"logLines\":[" + lines + "]}");
    }

    @Test
    @Order(1)
    void aDeployWithoutATunnelRunsTheExtensionsTaskInThePrivateSubnets() {
        Cli.Result result = deploy(new CallRecorder());
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).contains("ran database.extensions").contains("ran cache.readiness");

        assertThat(runTasks).singleElement().satisfies(run -> {
            assertThat(run.cluster()).isEqualTo("glassbox-staging");
            assertThat(run.taskDefinition()).contains(":task-definition/" + FAMILY + ":");
            assertThat(run.launchTypeAsString()).isEqualTo("FARGATE");
            var vpc = run.networkConfiguration().awsvpcConfiguration();
            List<String> privateSubnets = aws.ec2.describeSubnets(r -> r.filters(f -> f.name("tag:Name")
                    .values("glassbox-staging-private-a", "glassbox-staging-private-b"))).subnets()
                    .stream().map(Subnet::subnetId).toList();
            List<String> ecsGroup = aws.ec2.describeSecurityGroups(r -> r.filters(AwsProbe.tag("Name",
                    "glassbox-staging-ecs"))).securityGroups().stream().map(g -> g.groupId()).toList();
            assertThat(vpc.subnets()).containsExactlyInAnyOrderElementsOf(privateSubnets).hasSize(2);
            assertThat(vpc.securityGroups()).containsExactlyElementsOf(ecsGroup);
            assertThat(vpc.assignPublicIpAsString()).isEqualTo("DISABLED");
        });
        String stopped = aws.ecs.listTasks(l -> l.cluster("glassbox-staging").family(FAMILY).desiredStatus("STOPPED"))
                .taskArns().get(0);
        Task task = aws.ecs.describeTasks(r -> r.cluster("glassbox-staging").tasks(stopped)).tasks().get(0);
        assertThat(task.lastStatus()).isEqualTo("STOPPED");
        assertThat(task.containers().get(0).exitCode()).isZero();
    }

    @Test
    @Order(2)
    void theCredentialsReachTheTaskThroughSecretsOnly() {
        ContainerDefinition container = aws.ecs.describeTaskDefinition(r -> r.taskDefinition(FAMILY)).taskDefinition()
                .containerDefinitions().get(0);
        String secretArn = aws.secrets.describeSecret(r -> r.secretId("glassbox/staging/database")).arn();
        assertThat(container.image()).isEqualTo("public.ecr.aws/docker/library/postgres:16-alpine");
        assertThat(container.entryPoint()).containsExactly("psql");
        assertThat(container.command()).contains("CREATE EXTENSION IF NOT EXISTS \"uuid-ossp\"",
                "CREATE EXTENSION IF NOT EXISTS \"pgcrypto\"", "CREATE EXTENSION IF NOT EXISTS \"vector\"");
        Map<String, String> secrets = container.secrets().stream().collect(Collectors.toMap(s -> s.name(),
                s -> s.valueFrom()));
        assertThat(secrets).containsEntry("PGPASSWORD", secretArn + ":password::")
                .containsEntry("PGUSER", secretArn + ":username::").containsEntry("PGHOST", secretArn + ":host::")
                .containsEntry("PGDATABASE", secretArn + ":dbname::");
        assertThat(container.environment()).extracting(e -> e.name())
                .containsExactlyInAnyOrder("PGPORT", "PGSSLMODE", "PGCONNECT_TIMEOUT", "PGAPPNAME");
        String password = String.valueOf(aws.secretDocument("glassbox/staging/database").get("password"));
        assertThat(container.toString()).as("the password is nowhere in the task definition").doesNotContain(password);
        assertThat(container.logConfiguration().options()).containsEntry("awslogs-group", "/ecs/glassbox-staging/api")
                .containsEntry("awslogs-stream-prefix", "data-plane");
    }

    @Test
    @Order(3)
    void aFailingTaskIsOneMessageWithItsExitCodeAndLastLogLinesAndChangesNothingElse() throws Exception {
        taskOutcome(2, List.of("psql: error: connection to server at \"glassbox-staging.rds\" failed:",
                "FATAL:  password authentication failed for user \"glassbox\""));
        CallRecorder recorder = new CallRecorder();
        Cli.Result result = deploy(recorder);
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.out()).containsPattern("ERR database\\.extensions: the data-plane task [0-9a-f-]+ \\(image"
                + " public\\.ecr\\.aws/docker/library/postgres:16-alpine\\) exited with code 2 \\(Essential container in"
                + " task exited\\); its last log lines \\(/ecs/glassbox-staging/api, data-plane/data-plane/[0-9a-f-]+\\):"
                + " psql: error: connection to server at \"glassbox-staging.rds\" failed: \\| FATAL:  password"
                + " authentication failed for user \"glassbox\"");
        assertThat(recorder.mutating()).as("the task is the only thing run").containsExactly("Ecs.RunTask");
    }

    @Test
    @Order(4)
    void anImageTheTaskCannotPullIsSaidAsECSSaysIt() throws Exception {
        // The data plane's image is configurable; one in this account's ECR that was never pushed cannot start.
        String image = AwsProbe.ACCOUNT + ".dkr.ecr.us-east-1.amazonaws.com/glassbox-staging-api:psql";
        Path config = Files.writeString(dir.resolve("data-plane.yaml"), "dataPlane:\n  image: " + image + "\n");
        Cli.Result result = deploy(new CallRecorder(), "--config", config.toString());
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.out()).contains("ERR database.extensions: the data-plane task")
                .contains("(image " + image + ") did not run: CannotPullContainerError")
                .contains(image + ": not found");

        Images.push(aws, "glassbox-staging-api", "psql", "a PostgreSQL client");
        Cli.Result pushed = deploy(new CallRecorder(), "--config", config.toString());
        assertThat(pushed.exitCode()).as(pushed.toString()).isZero();
        assertThat(pushed.out()).contains("ran database.extensions");
    }
}
