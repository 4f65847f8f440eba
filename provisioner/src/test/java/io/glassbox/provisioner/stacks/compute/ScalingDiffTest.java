package io.glassbox.provisioner.stacks.compute;

import static org.assertj.core.api.Assertions.assertThat;

import io.glassbox.provisioner.engine.Change;
import io.glassbox.provisioner.engine.StepContext;
import io.glassbox.provisioner.spec.Environment;
import io.glassbox.provisioner.stacks.TestContexts;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.applicationautoscaling.model.MetricType;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableTarget;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalingPolicy;

/** The API's scaling: the spec's two target-tracking policies, and no other tool's beside them. No network. */
class ScalingDiffTest {

    /** The API's image is in ECR: the spec's minimum applies. */
    private final StepContext context = TestContexts.context(Environment.STAGING,
            Map.of(RepositoryStep.outputImageDigest("api"), "sha256:" + "a".repeat(64)));

    private static ScalingPolicy policy(String name, MetricType metric, double target) {
        return ScalingPolicy.builder().policyName(name).targetTrackingScalingPolicyConfiguration(c -> c
                .targetValue(target).scaleInCooldown(300).scaleOutCooldown(60)
                .predefinedMetricSpecification(m -> m.predefinedMetricType(metric))).build();
    }

    private List<Change> diff(ScalingPolicy... policies) {
        return diff(context, policies);
    }

    private static List<Change> diff(StepContext context, ScalingPolicy... policies) {
        Map<String, ScalingPolicy> byName = new LinkedHashMap<>();
        for (ScalingPolicy policy : policies) {
            byName.put(policy.policyName(), policy);
        }
        ScalableTarget target = ScalableTarget.builder().resourceId("service/glassbox-staging/glassbox-staging-api")
                .minCapacity(1).maxCapacity(4).build();
        return new ScalingStep().diff(context, new ScalingStep.LiveScaling(target, byName));
    }

    @Test
    void theMinimumIsZeroWhileTheApiWaitsForItsImage() {
        StepContext waiting = TestContexts.context(Environment.STAGING, Map.of());
        assertThat(diff(waiting, policy(ScalingStep.CPU_POLICY, MetricType.ECS_SERVICE_AVERAGE_CPU_UTILIZATION, 70),
                policy(ScalingStep.MEMORY_POLICY, MetricType.ECS_SERVICE_AVERAGE_MEMORY_UTILIZATION, 80)))
                .extracting(Change::describe).containsExactly("minCapacity: 1 → 0");
    }

    @Test
    void theSpecsPoliciesAreNoChange() {
        assertThat(diff(policy(ScalingStep.CPU_POLICY, MetricType.ECS_SERVICE_AVERAGE_CPU_UTILIZATION, 70),
                policy(ScalingStep.MEMORY_POLICY, MetricType.ECS_SERVICE_AVERAGE_MEMORY_UTILIZATION, 80))).isEmpty();
    }

    @Test
    void anotherToolsPoliciesAreRemovedAndOursPut() {
        // The CDK app's policies after a takeover: the same metrics under its names.
        List<Change> changes = diff(
                policy("GlassBoxstagingComputeApiServiceTaskCountTargetCpuA9AD2809",
                        MetricType.ECS_SERVICE_AVERAGE_CPU_UTILIZATION, 70),
                policy("GlassBoxstagingComputeApiServiceTaskCountTargetMemoryC6BBB37A",
                        MetricType.ECS_SERVICE_AVERAGE_MEMORY_UTILIZATION, 80));
        assertThat(changes).extracting(Change::path).containsExactlyInAnyOrder("policy." + ScalingStep.CPU_POLICY,
                "policy." + ScalingStep.MEMORY_POLICY, "policy.GlassBoxstagingComputeApiServiceTaskCountTargetCpuA9AD2809",
                "policy.GlassBoxstagingComputeApiServiceTaskCountTargetMemoryC6BBB37A");
        assertThat(changes).filteredOn(c -> c.path().startsWith("policy.GlassBox")).allSatisfy(c -> {
            assertThat(c.desired()).isNull();
            assertThat(c.describe()).endsWith("→ (none)");
            assertThat(c.needsApproval()).isFalse();
        });
    }
}
