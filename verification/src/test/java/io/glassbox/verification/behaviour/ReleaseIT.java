package io.glassbox.verification.behaviour;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.glassbox.provisioner.Provisioner;
import io.glassbox.provisioner.engine.RunResult;
import io.glassbox.provisioner.spec.Environment;
import io.glassbox.verification.support.AwsProbe;
import io.glassbox.verification.support.CallRecorder;
import io.glassbox.verification.support.Cli;
import io.glassbox.verification.support.Images;
import io.glassbox.verification.support.LocalEmulator;
import io.glassbox.verification.support.Scratch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.ecs.model.RunTaskRequest;
import software.amazon.awssdk.services.ecs.model.Service;

/**
 * A release is a deploy (issue 23): a tag resolved to its digest at plan time and the task definitions pinned to it; a
 * tag pushed again is a change that rolls out; an infrastructure deploy without a tag keeps the running digest; a tag
 * not in ECR stops before any change; a rollout the circuit breaker rolls back fails the deploy naming the service,
 * why, and the revision and image it runs again; a release task runs before the rollout, and only its exit 0 lets the
 * services roll out. Images are pushed to the emulator's ECR with manifests ({@link Images}).
 */
class ReleaseIT {

    private static final String REGISTRY = AwsProbe.ACCOUNT + ".dkr.ecr.us-east-1.amazonaws.com/";
    private static final String API = "glassbox-staging-api";
    private static final String WORKER = "glassbox-staging-worker";

    private final AwsProbe aws = new AwsProbe();
    private String firstApi;

    /**
     * Staging as a pipeline's first release leaves it: deployed before any image existed (the repositories are the
     * deploy's), then latest pushed and released: every service runs latest's image, pinned by digest, on revision 2.
     */
    @BeforeEach
    void stagingRunsLatest() {
        LocalEmulator.reset();
        Cli.Result first = Cli.run("deploy", "--env", "staging", "--skip-data-plane");
        assertThat(first.exitCode()).as(first.toString()).isZero();
        assertThat(image("api")).as("no image yet: the tag").isEqualTo(REGISTRY + API + ":latest");
        firstApi = Images.push(aws, API, "latest", "api build 1");
        Images.push(aws, WORKER, "latest", "worker build 1");
        Cli.Result released = Cli.run("deploy", "--env", "staging", "--skip-data-plane", "--image-tag", "latest");
        assertThat(released.exitCode()).as(released.toString()).isZero();
        assertThat(image("api")).isEqualTo(REGISTRY + API + "@" + firstApi);
        assertThat(service("api").taskDefinition()).endsWith(":2");
    }

    @Test
    void aReleaseByTagPinsItsDigestAndAnInfrastructureDeployWithoutATagKeepsIt() throws Exception {
        String release = Images.push(aws, API, "v1.4.2", "api build 2");
        String worker = Images.push(aws, WORKER, "v1.4.2", "worker build 2");

        Cli.Result plan = Cli.run("plan", "--env", "staging", "--image-tag", "v1.4.2", "--detailed-exitcode");
        assertThat(plan.exitCode()).as(plan.toString()).isEqualTo(2);
        assertThat(plan.out()).contains("image: api latest (" + shortDigest(firstApi) + ") → v1.4.2 ("
                + shortDigest(release) + ")");

        Cli.Result deployed = Cli.run("deploy", "--env", "staging", "--skip-data-plane", "--image-tag", "v1.4.2",
                "--json");
        assertThat(deployed.exitCode()).as(deployed.toString()).isZero();
        assertThat(image("api")).isEqualTo(REGISTRY + API + "@" + release);
        assertThat(image("agent-worker")).isEqualTo(REGISTRY + WORKER + "@" + worker);
        assertThat(service("api").taskDefinition()).endsWith(":3");
        // The rollout is watched: running of desired tasks, per service.
        assertThat(deployed.events("waiting")).extracting(e -> e.path("for").asText())
                .anyMatch(w -> w.startsWith("the rollout of glassbox-staging-api to glassbox-staging-api:3: ")
                        && w.endsWith(" tasks running"));
        JsonNode outputs = deployed.events("outputs").get(0).path("outputs");
        assertThat(outputs.path("compute.service.api.image").asText()).isEqualTo(REGISTRY + API + "@" + release);
        assertThat(outputs.path("compute.service.api.image-tags").asText())
                .isEqualTo("v1.4.2 (" + shortDigest(release) + ")");
        // What runs where, read live: outputs and docs name each service's image by digest, and its tags.
        Cli.Result listed = Cli.run("outputs", "--env", "staging");
        assertThat(listed.exitCode()).as(listed.toString()).isZero();
        assertThat(listed.out()).containsPattern("compute\\.service\\.api\\.image +" + REGISTRY + API + "@" + release)
                .containsPattern("compute\\.service\\.file-worker\\.image-tags +v1\\.4\\.2 \\(");
        Cli.Result docs = Cli.run("docs", "--env", "staging", "--skip-data-plane");
        assertThat(docs.exitCode()).as(docs.toString()).isZero();
        assertThat(docs.out()).contains("| compute.service.api.image | `" + REGISTRY + API + "@" + release + "` |")
                .contains("| compute.service.api.image-tags | `v1.4.2 (" + shortDigest(release) + ")` |");

        // An infrastructure change without a tag: a new revision, the same image.
        Path config = Scratch.file("glassbox", ".yaml");
        Files.writeString(config, "services: { api: { cpu: 1024, memoryMb: 2048 } }\n");
        Cli.Result infra = Cli.run("deploy", "--env", "staging", "--skip-data-plane", "--config", config.toString());
        assertThat(infra.exitCode()).as(infra.toString()).isZero();
        assertThat(service("api").taskDefinition()).endsWith(":4");
        assertThat(image("api")).as("not reverted to latest").isEqualTo(REGISTRY + API + "@" + release);

        // latest pushed again: without a tag nothing moves; named, it is a change that rolls out.
        String moved = Images.push(aws, API, "latest", "api build 3");
        Cli.Result kept = Cli.run("plan", "--env", "staging", "--config", config.toString(), "--detailed-exitcode");
        assertThat(kept.exitCode()).as(kept.toString()).isZero();
        Cli.Result latest = Cli.run("deploy", "--env", "staging", "--skip-data-plane", "--config", config.toString(),
                "--image-tag", "latest");
        assertThat(latest.exitCode()).as(latest.toString()).isZero();
        assertThat(image("api")).isEqualTo(REGISTRY + API + "@" + moved);
        assertThat(latest.out()).contains("image: api v1.4.2 (" + shortDigest(release) + ") → latest ("
                + shortDigest(moved) + ")");
    }

    @Test
    void aTagNotInEcrStopsThePlanWithOneLineAndNoChange() {
        CallRecorder recorder = new CallRecorder();
        Cli.Result refused = Cli.run(List.of(recorder), "deploy", "--env", "staging", "--skip-data-plane",
                "--image-tag", "v9.9.9");
        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(1);
        assertThat(refused.err().strip()).isEqualTo("error: image tag v9.9.9 is not in ECR repository " + API
                + ": push it first; nothing was changed");
        assertThat(recorder.mutating()).isEmpty();
    }

    @Test
    void aRolloutTheBreakerRollsBackFailsTheDeployNamingTheServiceWhyAndWhatItRunsAgain() {
        String crashing = Images.push(aws, API, "v2", "api build 2, crashes at start");
        Images.push(aws, WORKER, "v2", "worker build 2");
        LocalEmulator.control("ecs/crashing-images", "{\"image\":\"" + REGISTRY + API + "@" + crashing
                + "\",\"exitCode\":1}");

        Cli.Result deployed = Cli.run("deploy", "--env", "staging", "--skip-data-plane", "--image-tag", "v2");
        assertThat(deployed.exitCode()).as(deployed.toString()).isEqualTo(1);
        assertThat(deployed.out()).contains("ERR compute.service.api: ECS service glassbox-staging-api: the rollout of"
                + " glassbox-staging-api:3 failed: ECS deployment circuit breaker: tasks failed to start.; it runs"
                + " glassbox-staging-api:2 (image latest (" + shortDigest(firstApi) + ")) again")
                .contains("Essential container in task exited");
        assertThat(service("api").taskDefinition()).as("rolled back").endsWith(":2");
        assertThat(service("agent-worker").taskDefinition()).as("the workers' rollouts are theirs").endsWith(":3");

        // The library reports the same.
        try (Provisioner provisioner = Provisioner.builder().environment(Environment.STAGING)
                .endpoint(LocalEmulator.endpoint()).region("us-east-1").imageTag("v2")
                .credentials(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("testing", "testing")))
                .build()) {
            RunResult result = provisioner.apply(provisioner.plan(), true);
            assertThat(result.succeeded()).isFalse();
            assertThat(result.failures()).anyMatch(f -> f.startsWith("compute.service.api: ECS service"
                    + " glassbox-staging-api: the rollout of glassbox-staging-api:") && f.contains("failed")
                    && f.contains("(image latest (" + shortDigest(firstApi) + ")) again"));
        }
    }

    @Test
    void theReleaseTaskRunsTheNewRevisionBeforeTheRolloutAndAFailureRollsNothingOut() {
        String second = Images.push(aws, API, "v2", "api build 2");
        Images.push(aws, WORKER, "v2", "worker build 2");
        LocalEmulator.control("ecs/task-outcomes", "{\"family\":\"" + API + "\",\"exitCode\":0,"
                + "\"logLines\":[\"migrating\",\"applied 3 migrations\"]}");
        List<RunTaskRequest> started = new CopyOnWriteArrayList<>();
        CallRecorder recorder = new CallRecorder();
        Cli.Result passed = Cli.run(List.of(recorder, runTasks(started)), "deploy", "--env", "staging",
                "--skip-data-plane", "--image-tag", "v2", "--before-rollout", "api: ./migrate up");
        assertThat(passed.exitCode()).as(passed.toString()).isZero();
        assertThat(started).hasSize(1);
        RunTaskRequest task = started.get(0);
        assertThat(task.taskDefinition()).as("the new revision").endsWith("task-definition/" + API + ":3");
        assertThat(task.overrides().containerOverrides()).singleElement().satisfies(o -> {
            assertThat(o.name()).isEqualTo("api");
            assertThat(o.command()).containsExactly("./migrate", "up");
        });
        assertThat(task.networkConfiguration().awsvpcConfiguration().subnets()).hasSize(2);
        assertThat(passed.out()).contains("      | applied 3 migrations").contains("ran compute.release-task");
        List<String> calls = recorder.all();
        assertThat(calls.indexOf("Ecs.RunTask")).as("the task before any rollout")
                .isLessThan(calls.indexOf("Ecs.UpdateService")).isNotNegative();
        assertThat(image("api")).isEqualTo(REGISTRY + API + "@" + second);
        assertThat(service("api").taskDefinition()).endsWith(":3");

        // A release whose task fails: no service rolls out, and a deploy without a tag afterwards does not either.
        Images.push(aws, API, "v3", "api build 3");
        Images.push(aws, WORKER, "v3", "worker build 3");
        LocalEmulator.control("ecs/task-outcomes", "{\"family\":\"" + API + "\",\"exitCode\":3,"
                + "\"logLines\":[\"migration 4 failed: column exists\"]}");
        recorder.clear();
        Cli.Result failed = Cli.run(List.of(recorder), "deploy", "--env", "staging", "--skip-data-plane",
                "--image-tag", "v3", "--before-rollout", "api: ./migrate up");
        assertThat(failed.exitCode()).as(failed.toString()).isEqualTo(1);
        assertThat(failed.out()).contains("ERR compute.release-task: the release task (api: ./migrate up)")
                .contains("exited with code 3").contains("migration 4 failed: column exists");
        assertThat(recorder.all()).doesNotContain("Ecs.UpdateService");
        for (String kind : List.of("api", "agent-worker", "file-worker")) {
            assertThat(service(kind).taskDefinition()).as(kind + " still on its release").endsWith(":3");
        }
        Cli.Result infra = Cli.run("deploy", "--env", "staging", "--skip-data-plane");
        assertThat(infra.exitCode()).as(infra.toString()).isZero();
        assertThat(image("api")).as("the failed release is not rolled out by the next deploy")
                .isEqualTo(REGISTRY + API + "@" + second);
        assertThat(runningImage("api")).isEqualTo(REGISTRY + API + "@" + second);
    }

    private static ExecutionInterceptor runTasks(List<RunTaskRequest> started) {
        return new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                if (context.request() instanceof RunTaskRequest run) {
                    started.add(run);
                }
            }
        };
    }

    private Service service(String kind) {
        return aws.ecs.describeServices(r -> r.cluster("glassbox-staging").services("glassbox-staging-" + kind))
                .services().get(0);
    }

    /** The image the family's latest revision names. */
    private String image(String kind) {
        return aws.ecs.describeTaskDefinition(r -> r.taskDefinition("glassbox-staging-" + kind)).taskDefinition()
                .containerDefinitions().get(0).image();
    }

    /** The image of the revision the service runs. */
    private String runningImage(String kind) {
        String revision = service(kind).taskDefinition();
        return aws.ecs.describeTaskDefinition(r -> r.taskDefinition(revision)).taskDefinition()
                .containerDefinitions().get(0).image();
    }

    private static String shortDigest(String digest) {
        return digest.substring(0, "sha256:".length() + 12) + "…";
    }
}
