package io.glassbox.provisioner.stacks.compute;

import static org.assertj.core.api.Assertions.assertThat;

import io.glassbox.provisioner.engine.Change;
import io.glassbox.provisioner.spec.Environment;
import io.glassbox.provisioner.spec.EnvironmentSpec;
import io.glassbox.provisioner.spec.EnvironmentSpecs;
import io.glassbox.provisioner.spec.SecurityGroupRole;
import io.glassbox.provisioner.spec.ServiceKind;
import io.glassbox.provisioner.spec.SubnetTier;
import io.glassbox.provisioner.stacks.TestContexts;
import io.glassbox.provisioner.stacks.network.SecurityGroupStep;
import io.glassbox.provisioner.stacks.network.SubnetStep;
import io.glassbox.provisioner.engine.StepContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.AssignPublicIp;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.LoadBalancer;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Tag;

/**
 * What a service diff calls drift: desired count (but not auto scaling's, nor that of a service waiting for its
 * image), network, task definition.
 */
class ServiceDiffTest {

    private static final EnvironmentSpec SPEC = EnvironmentSpecs.forEnvironment(Environment.PRODUCTION);

    private static StepContext context() {
        return context(true);
    }

    /** The outputs the service's dependencies publish; with {@code pushed}, the images exist in ECR. */
    private static StepContext context(boolean pushed) {
        Map<String, String> outputs = new HashMap<>();
        if (pushed) {
            outputs.put(RepositoryStep.outputImageDigest("api"), "sha256:" + "a".repeat(64));
            outputs.put(RepositoryStep.outputImageDigest("worker"), "sha256:" + "b".repeat(64));
        }
        outputs.put(RepositoryStep.outputUri("api"), "123456789012.dkr.ecr.us-east-1.amazonaws.com/glassbox-production-api");
        outputs.put(RepositoryStep.outputUri("worker"),
                "123456789012.dkr.ecr.us-east-1.amazonaws.com/glassbox-production-worker");
        outputs.put(ClusterStep.OUTPUT_ARN, "arn:cluster");
        outputs.put(SecurityGroupStep.outputId(SecurityGroupRole.ECS), "sg-ecs");
        SPEC.network().subnets(SubnetTier.PRIVATE).forEach(s -> outputs.put(SubnetStep.outputId(s), "subnet-" + s.key()));
        for (ServiceKind kind : ServiceKind.values()) {
            outputs.put(TaskDefinitionStep.outputArn(kind), "arn:td/" + kind.id() + ":1");
        }
        outputs.put(TargetGroupStep.OUTPUT_ARN, "arn:tg");
        return TestContexts.context(Environment.PRODUCTION, outputs);
    }

    private static Service.Builder live(ServiceKind kind, int desired) {
        return Service.builder().serviceName("glassbox-production-" + kind.id()).status("ACTIVE")
                .taskDefinition("arn:td/" + kind.id() + ":1").desiredCount(desired).launchType(LaunchType.FARGATE)
                .networkConfiguration(n -> n.awsvpcConfiguration(v -> v.subnets("subnet-private-c", "subnet-private-a",
                        "subnet-private-b").securityGroups("sg-ecs").assignPublicIp(AssignPublicIp.DISABLED)))
                .loadBalancers(kind == ServiceKind.API ? List.of(LoadBalancer.builder().targetGroupArn("arn:tg")
                        .containerName("api").containerPort(8080).build()) : List.of())
                .tags(Tag.builder().key("Project").value("glassbox").build(),
                        Tag.builder().key("Environment").value("production").build(),
                        Tag.builder().key("ManagedBy").value("glassbox-provisioner").build(),
                        Tag.builder().key("Stack").value("GlassBox-production-Compute").build(),
                        Tag.builder().key("glassbox:step").value(ServiceStep.id(kind)).build());
    }

    private static List<Change> diff(ServiceKind kind, Service live) {
        return diff(context(), kind, live);
    }

    /** As a plan diffs: the live service published first (its count tells whether it waits for its image). */
    private static List<Change> diff(StepContext context, ServiceKind kind, Service live) {
        ServiceStep step = new ServiceStep(kind, SPEC.network());
        step.publish(context, live);
        return step.diff(context, live);
    }

    @Test
    void aServiceWaitingForItsImageRunsNoTaskAndThatIsNoDrift() {
        StepContext waiting = context(false);
        assertThat(diff(waiting, ServiceKind.API, live(ServiceKind.API, 0).build())).isEmpty();
        assertThat(diff(waiting, ServiceKind.FILE_WORKER, live(ServiceKind.FILE_WORKER, 0).build())).isEmpty();
        assertThat(waiting.outputs().get(ServiceStep.outputAwaitingImage(ServiceKind.API)))
                .contains("123456789012.dkr.ecr.us-east-1.amazonaws.com/glassbox-production-api:latest");
        assertThat(ServiceStep.imagesAwaited(waiting.outputs().all())).containsExactly(
                "123456789012.dkr.ecr.us-east-1.amazonaws.com/glassbox-production-api:latest",
                "123456789012.dkr.ecr.us-east-1.amazonaws.com/glassbox-production-worker:latest");
    }

    @Test
    void onceTheImageIsPushedTheServiceGoesToTheSpecsCount() {
        assertThat(diff(ServiceKind.API, live(ServiceKind.API, 0).build()))
                .extracting(Change::describe).containsExactly("desiredCount: 0 → 2");
        assertThat(diff(ServiceKind.FILE_WORKER, live(ServiceKind.FILE_WORKER, 0).build()))
                .extracting(Change::describe).containsExactly("desiredCount: 0 → 1");
    }

    @Test
    void aRunningServiceIsNeverScaledDownForAMissingImage() {
        StepContext missing = context(false);
        assertThat(diff(missing, ServiceKind.FILE_WORKER, live(ServiceKind.FILE_WORKER, 3).build()))
                .extracting(Change::describe).containsExactly("desiredCount: 3 → 1");
        assertThat(diff(missing, ServiceKind.API, live(ServiceKind.API, 2).build())).isEmpty();
        assertThat(missing.outputs().get(ServiceStep.outputAwaitingImage(ServiceKind.API))).isEmpty();
    }

    @Test
    void serviceAsSpecifiedHasNoChanges() {
        assertThat(diff(ServiceKind.API, live(ServiceKind.API, 2).build())).isEmpty();
        assertThat(diff(ServiceKind.AGENT_WORKER, live(ServiceKind.AGENT_WORKER, 2).build())).isEmpty();
    }

    @Test
    void theApisCountWithinItsScalingRangeIsAutoScalingsNotDrift() {
        assertThat(diff(ServiceKind.API, live(ServiceKind.API, 7).build())).isEmpty();
        assertThat(diff(ServiceKind.API, live(ServiceKind.API, 11).build()))
                .extracting(Change::describe).containsExactly("desiredCount: 11 → 2");
    }

    @Test
    void aWorkersCountPublicIpOrNewRevisionIsDrift() {
        assertThat(diff(ServiceKind.FILE_WORKER, live(ServiceKind.FILE_WORKER, 3).build()))
                .extracting(Change::describe).containsExactly("desiredCount: 3 → 1");
        Service exposed = live(ServiceKind.FILE_WORKER, 1).networkConfiguration(n -> n.awsvpcConfiguration(v -> v
                .subnets("subnet-private-a", "subnet-private-b", "subnet-private-c").securityGroups("sg-ecs")
                .assignPublicIp(AssignPublicIp.ENABLED))).build();
        assertThat(diff(ServiceKind.FILE_WORKER, exposed)).extracting(Change::path)
                .containsExactly("networkConfiguration");
        Service old = live(ServiceKind.FILE_WORKER, 1).taskDefinition("arn:td/file-worker:0").build();
        assertThat(diff(ServiceKind.FILE_WORKER, old)).extracting(Change::describe)
                .containsExactly("taskDefinition: arn:td/file-worker:0 → arn:td/file-worker:1");
    }
}
