package io.glassbox.verification.behaviour;

import static org.assertj.core.api.Assertions.assertThat;

import io.glassbox.verification.support.AwsProbe;
import io.glassbox.verification.support.Cli;
import io.glassbox.verification.support.Images;
import io.glassbox.verification.support.LocalEmulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;
import software.amazon.awssdk.services.ecs.model.Service;

/**
 * A release pipeline's first deploy, exactly as it runs it ({@code deploy --env staging}: no tunnel, no flag), into an
 * empty account: the repositories are new, so no image can exist yet. Everything is created, the services with no
 * task (a task that cannot pull its image only fails: the emulator fails such rollouts as ECS does), the deploy exits
 * 0 and says what to push. After the push the next deploy brings each service to the spec's count and waits for its
 * rollout; a rollout the circuit breaker fails makes the deploy fail, naming the service, why, and its events.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FirstDeployIT {

    private static final String REGISTRY = AwsProbe.ACCOUNT + ".dkr.ecr.us-east-1.amazonaws.com/";
    private static final List<String> SERVICES = List.of("glassbox-staging-api", "glassbox-staging-agent-worker",
            "glassbox-staging-file-worker");
    private final AwsProbe aws = new AwsProbe();
    private Cli.Result first;

    @TempDir
    Path dir;

    @BeforeAll
    void firstDeploy() {
        LocalEmulator.reset();
        first = Cli.run("deploy", "--env", "staging");
    }

    @AfterAll
    void close() {
        aws.close();
    }

    private List<Service> services() {
        return aws.ecs.describeServices(r -> r.cluster("glassbox-staging").services(SERVICES)).services();
    }

    private int apiMinimum() {
        return aws.autoScaling.describeScalableTargets(r -> r.serviceNamespace(ServiceNamespace.ECS)
                .resourceIds("service/glassbox-staging/glassbox-staging-api")).scalableTargets().get(0).minCapacity();
    }

    @Test
    @Order(1)
    void theFirstDeploySucceedsWithoutTasksAndSaysWhatToPush() {
        assertThat(first.exitCode()).as(first.toString()).isZero();
        assertThat(first.out()).contains("Services run no task until their images exist. Push them, then deploy again:")
                .contains("aws ecr get-login-password --region us-east-1 | docker login --username AWS"
                        + " --password-stdin " + AwsProbe.ACCOUNT + ".dkr.ecr.us-east-1.amazonaws.com")
                .contains("docker push " + REGISTRY + "glassbox-staging-api:latest")
                .contains("docker push " + REGISTRY + "glassbox-staging-worker:latest")
                .contains("ran database.extensions");
        assertThat(services()).hasSize(3).allSatisfy(s -> {
            assertThat(s.desiredCount()).as(s.serviceName()).isZero();
            assertThat(s.deployments()).singleElement().satisfies(d ->
                    assertThat(d.rolloutStateAsString()).isEqualTo("COMPLETED"));
        });
        assertThat(apiMinimum()).as("no minimum that would start tasks without an image").isZero();
        Cli.Result plan = Cli.run("plan", "--env", "staging", "--detailed-exitcode");
        assertThat(plan.exitCode()).as("waiting for the image is no drift: " + plan).isZero();
        assertThat(plan.out()).contains("No changes.")
                .contains("ECS service glassbox-staging-api: no task runs until " + REGISTRY
                        + "glassbox-staging-api:latest is pushed");
    }

    @Test
    @Order(2)
    void afterThePushTheNextDeployRunsTheSpecsCountsAndWaitsForTheRollouts() {
        Images.pushLatest(aws, "staging");
        Cli.Result plan = Cli.run("plan", "--env", "staging", "--detailed-exitcode");
        assertThat(plan.exitCode()).as(plan.toString()).isEqualTo(2);
        assertThat(plan.out()).contains("desiredCount: 0 → 1").contains("minCapacity: 0 → 1");

        Cli.Result deploy = Cli.run("deploy", "--env", "staging");
        assertThat(deploy.exitCode()).as(deploy.toString()).isZero();
        assertThat(deploy.out()).doesNotContain("docker push");
        assertThat(services()).allSatisfy(s -> {
            assertThat(s.desiredCount()).as(s.serviceName()).isEqualTo(1);
            assertThat(s.runningCount()).as(s.serviceName()).isEqualTo(1);
        });
        assertThat(apiMinimum()).isEqualTo(1);
        Cli.Result again = Cli.run("plan", "--env", "staging", "--detailed-exitcode");
        assertThat(again.exitCode()).as(again.toString()).isZero();
    }

    @Test
    @Order(3)
    void aRolloutTheCircuitBreakerFailsFailsTheDeployNamingTheServiceWhyAndItsEvents() throws Exception {
        String before = services().get(0).taskDefinition();
        // A tag the pipeline never pushed: the new revision's tasks cannot pull it.
        Path config = Files.writeString(dir.resolve("release.yaml"), "imageTag: v9.9.9\n");
        Cli.Result plan = Cli.run("plan", "--env", "staging", "--config", config.toString());
        assertThat(plan.out()).contains("ECS service glassbox-staging-api: " + REGISTRY + "glassbox-staging-api:v9.9.9"
                + " is not in ECR: a new task cannot start");

        Cli.Result deploy = Cli.run("deploy", "--env", "staging", "--config", config.toString());
        assertThat(deploy.exitCode()).as(deploy.toString()).isEqualTo(1);
        assertThat(deploy.out()).contains("ERR compute.service.api: ECS service glassbox-staging-api: the rollout of"
                + " glassbox-staging-api:2 failed: ECS deployment circuit breaker: tasks failed to start.; it runs"
                + " glassbox-staging-api:1 (image latest) again. Latest events: ")
                .contains("CannotPullContainerError")
                .contains(REGISTRY + "glassbox-staging-api:v9.9.9: not found");
        assertThat(deploy.err()).contains("compute.service.api: ECS service glassbox-staging-api");
        Service api = services().get(0);
        assertThat(api.taskDefinition()).as("rolled back by the circuit breaker").isEqualTo(before);
        assertThat(api.runningCount()).isEqualTo(1);
    }
}
