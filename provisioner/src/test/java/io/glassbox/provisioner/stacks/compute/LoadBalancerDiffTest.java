package io.glassbox.provisioner.stacks.compute;

import static org.assertj.core.api.Assertions.assertThat;

import io.glassbox.provisioner.aws.ResourceTags;
import io.glassbox.provisioner.engine.Change;
import io.glassbox.provisioner.engine.StepContext;
import io.glassbox.provisioner.spec.Environment;
import io.glassbox.provisioner.spec.EnvironmentSpecs;
import io.glassbox.provisioner.spec.NetworkSpec;
import io.glassbox.provisioner.spec.SecurityGroupRole;
import io.glassbox.provisioner.spec.StackName;
import io.glassbox.provisioner.spec.SubnetTier;
import io.glassbox.provisioner.stacks.TestContexts;
import io.glassbox.provisioner.stacks.network.SecurityGroupStep;
import io.glassbox.provisioner.stacks.network.SubnetStep;
import io.glassbox.provisioner.stacks.storage.BucketStep;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.AvailabilityZone;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;

/** The security baseline's attributes of the load balancer (FSBP ELB.4, ELB.5, ELB.6) and what is no change. */
class LoadBalancerDiffTest {

    private static final String LOGS = "glassbox-env-logs-123456789012";

    private static StepContext context(Environment env, NetworkSpec network) {
        Map<String, String> outputs = new HashMap<>();
        network.subnets(SubnetTier.PUBLIC).forEach(s -> outputs.put(SubnetStep.outputId(s), "subnet-" + s.zone().index()));
        outputs.put(SecurityGroupStep.outputId(SecurityGroupRole.ALB), "sg-alb");
        outputs.put(BucketStep.LOGS_OUTPUT_NAME, LOGS);
        return TestContexts.context(env, outputs);
    }

    private static LoadBalancerStep.LiveLoadBalancer live(Environment env, NetworkSpec network,
                                                          Map<String, String> attributes) {
        LoadBalancer lb = LoadBalancer.builder().loadBalancerName("glassbox-" + env.id()).scheme("internet-facing")
                .type("application").securityGroups("sg-alb").availabilityZones(network.subnets(SubnetTier.PUBLIC)
                        .stream().map(s -> AvailabilityZone.builder().subnetId("subnet-" + s.zone().index()).build())
                        .toList()).build();
        return new LoadBalancerStep.LiveLoadBalancer(lb, attributes, ResourceTags.of(env, StackName.COMPUTE,
                LoadBalancerStep.ID));
    }

    @ParameterizedTest
    @EnumSource(Environment.class)
    void theBaselineAsSetIsNoChangeAndEachControlOffIsRepaired(Environment env) {
        NetworkSpec network = EnvironmentSpecs.forEnvironment(env).network();
        LoadBalancerStep step = new LoadBalancerStep(network);
        boolean production = env == Environment.PRODUCTION;
        Map<String, String> baseline = Map.of("idle_timeout.timeout_seconds", "60",
                "routing.http.drop_invalid_header_fields.enabled", "true", "access_logs.s3.enabled", "true",
                "access_logs.s3.bucket", LOGS, "access_logs.s3.prefix", "alb",
                "deletion_protection.enabled", String.valueOf(production));
        assertThat(step.diff(context(env, network), live(env, network, baseline))).isEmpty();

        // What AWS reports for a load balancer created without them.
        Map<String, String> defaults = Map.of("idle_timeout.timeout_seconds", "60",
                "routing.http.drop_invalid_header_fields.enabled", "false", "access_logs.s3.enabled", "false",
                "access_logs.s3.bucket", "", "access_logs.s3.prefix", "", "deletion_protection.enabled", "false");
        List<String> expected = new java.util.ArrayList<>(List.of(
                "routing.http.drop_invalid_header_fields.enabled: false → true", "access_logs.s3.enabled: false → true",
                "access_logs.s3.bucket:  → " + LOGS, "access_logs.s3.prefix:  → alb"));
        if (production) {
            expected.add("deletion_protection.enabled: false → true");
        }
        assertThat(step.diff(context(env, network), live(env, network, defaults))).extracting(Change::describe)
                .containsExactlyElementsOf(expected);
    }
}
