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

/** What a service diff calls drift: desired count (but not auto scaling's), network, task definition. */
class ServiceDiffTest {

    private static final EnvironmentSpec SPEC = EnvironmentSpecs.forEnvironment(Environment.PRODUCTION);

    private static StepContext context() {
        Map<String, String> outputs = new HashMap<>();
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
        return new ServiceStep(kind, SPEC.network()).diff(context(), live);
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
