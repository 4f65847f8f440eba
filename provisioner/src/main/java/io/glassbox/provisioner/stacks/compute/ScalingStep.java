package io.glassbox.provisioner.stacks.compute;

import io.glassbox.provisioner.aws.ResourceTags;
import io.glassbox.provisioner.engine.Change;
import io.glassbox.provisioner.engine.ResourceStep;
import io.glassbox.provisioner.engine.StepContext;
import io.glassbox.provisioner.spec.ScalingSpec;
import io.glassbox.provisioner.spec.ServiceKind;
import io.glassbox.provisioner.spec.ServiceSize;
import io.glassbox.provisioner.spec.StackName;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.applicationautoscaling.model.MetricType;
import software.amazon.awssdk.services.applicationautoscaling.model.PolicyType;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableDimension;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableTarget;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalingPolicy;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;
import software.amazon.awssdk.services.applicationautoscaling.model.TargetTrackingScalingPolicyConfiguration;

/**
 * The API service's Application Auto Scaling: a scalable target with the spec's min (0 while the API waits for its
 * image) and max, and two
 * target-tracking policies (CPU 70 %, memory 80 %; scale-in cooldown 300 s, scale-out 60 s). A scalable
 * target has no name: it is identified by the service it scales, which is ours.
 */
public final class ScalingStep extends ResourceStep<ScalingStep.LiveScaling> {

    public static final String ID = "compute.scaling.api";
    private static final ServiceKind SERVICE = ServiceKind.API;
    static final String CPU_POLICY = "cpu-target-tracking";
    static final String MEMORY_POLICY = "memory-target-tracking";
    private static final java.util.Set<String> OURS = java.util.Set.of(CPU_POLICY, MEMORY_POLICY);
    private static final String POLICY_PREFIX = "policy.";

    /** The scalable target and the policies on it, by name. */
    record LiveScaling(ScalableTarget target, Map<String, ScalingPolicy> policies) {
    }

    public ScalingStep() {
        super(ID, StackName.COMPUTE, ServiceStep.id(SERVICE));
    }

    @Override
    public String resourceType() {
        return "scalable target";
    }

    @Override
    public String resourceName(StepContext context) {
        return resourceId(context);
    }

    /** {@code service/{cluster}/{service}}: the live service's name, a taken-over service's generated one too. */
    private static String resourceId(StepContext context) {
        return "service/" + context.naming().base() + "/" + context.outputs().get(ServiceStep.outputName(SERVICE))
                .orElse(context.naming().service(SERVICE));
    }

    @Override
    protected Optional<LiveScaling> find(StepContext context) {
        ApplicationAutoScalingClient scaling = context.aws().autoScaling();
        // Every list is read through its paginator: a page may end before the item sought (PAGED_LISTS).
        Optional<ScalableTarget> target = scaling.describeScalableTargetsPaginator(r -> r
                .serviceNamespace(ServiceNamespace.ECS).resourceIds(resourceId(context))
                .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT)).scalableTargets().stream().findFirst();
        if (target.isEmpty()) {
            return Optional.empty();
        }
        Map<String, ScalingPolicy> policies = new java.util.LinkedHashMap<>();
        scaling.describeScalingPoliciesPaginator(r -> r.serviceNamespace(ServiceNamespace.ECS)
                        .resourceId(resourceId(context))
                        .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT)).scalingPolicies()
                .forEach(p -> policies.put(p.policyName(), p));
        return Optional.of(new LiveScaling(target.get(), policies));
    }

    @Override
    protected String idOf(LiveScaling live) {
        return live.target().resourceId();
    }

    @Override
    protected Map<String, String> tagsOf(LiveScaling live) {
        return Map.of();
    }

    /** Owned through the service it scales: ServiceStep has checked that one's tags. */
    @Override
    protected Map<String, String> ownershipTags(StepContext context, LiveScaling live) {
        return ResourceTags.of(context.spec().environment(), StackName.COMPUTE, id().value());
    }

    @Override
    protected List<Change> diff(StepContext context, LiveScaling live) {
        List<Change> changes = new ArrayList<>();
        ServiceSize size = SERVICE.size(context.spec().compute());
        if (!Objects.equals(live.target().minCapacity(), minCapacity(context))) {
            changes.add(Change.update("minCapacity", live.target().minCapacity(), minCapacity(context)));
        }
        if (!Objects.equals(live.target().maxCapacity(), size.maxCapacity())) {
            changes.add(Change.update("maxCapacity", live.target().maxCapacity(), size.maxCapacity()));
        }
        policyChange(live, CPU_POLICY, policy(context, MetricType.ECS_SERVICE_AVERAGE_CPU_UTILIZATION))
                .ifPresent(changes::add);
        policyChange(live, MEMORY_POLICY, policy(context, MetricType.ECS_SERVICE_AVERAGE_MEMORY_UTILIZATION))
                .ifPresent(changes::add);
        // Another tool's policies on the target (the CDK app's, after a takeover) would scale it on the same
        // metrics against other targets: the spec's two are the only ones.
        live.policies().forEach((name, policy) -> {
            if (!OURS.contains(name)) {
                changes.add(Change.update(POLICY_PREFIX + name, describe(policy.targetTrackingScalingPolicyConfiguration()),
                        null));
            }
        });
        return changes;
    }

    private static Optional<Change> policyChange(LiveScaling live, String name,
                                                 TargetTrackingScalingPolicyConfiguration desired) {
        ScalingPolicy policy = live.policies().get(name);
        String observed = policy == null ? null : describe(policy.targetTrackingScalingPolicyConfiguration());
        return Objects.equals(observed, describe(desired)) ? Optional.empty()
                : Optional.of(Change.update("policy." + name, observed, describe(desired)));
    }

    private static String describe(TargetTrackingScalingPolicyConfiguration c) {
        if (c == null || c.predefinedMetricSpecification() == null) {
            return null;
        }
        return c.predefinedMetricSpecification().predefinedMetricTypeAsString() + " target " + c.targetValue()
                + ", scale-in cooldown " + c.scaleInCooldown() + " s, scale-out cooldown " + c.scaleOutCooldown() + " s";
    }

    /**
     * The spec's minimum, or 0 while the API waits for its image ({@link ServiceStep#awaitsImage}): a minimum above
     * 0 would make Application Auto Scaling start tasks that cannot pull it.
     */
    private static int minCapacity(StepContext context) {
        return ServiceStep.awaitsImage(context, SERVICE) ? 0 : SERVICE.size(context.spec().compute()).minCapacity();
    }

    private static TargetTrackingScalingPolicyConfiguration policy(StepContext context, MetricType metric) {
        ScalingSpec spec = context.spec().compute().scaling();
        double target = metric == MetricType.ECS_SERVICE_AVERAGE_CPU_UTILIZATION
                ? spec.cpuTargetPercent() : spec.memoryTargetPercent();
        return TargetTrackingScalingPolicyConfiguration.builder().targetValue(target)
                .predefinedMetricSpecification(m -> m.predefinedMetricType(metric))
                .scaleInCooldown(spec.scaleInCooldownSeconds()).scaleOutCooldown(spec.scaleOutCooldownSeconds())
                .build();
    }

    @Override
    protected String createSummary(StepContext context) {
        ServiceSize size = SERVICE.size(context.spec().compute());
        ScalingSpec spec = context.spec().compute().scaling();
        return "API scaling " + minCapacity(context) + "-" + size.maxCapacity() + " tasks, target tracking CPU "
                + spec.cpuTargetPercent() + " %, memory " + spec.memoryTargetPercent() + " %, cooldowns in "
                + spec.scaleInCooldownSeconds() + " s / out " + spec.scaleOutCooldownSeconds() + " s";
    }

    @Override
    protected LiveScaling create(StepContext context) {
        apply(context, List.of());
        return find(context).orElseThrow();
    }

    /** RegisterScalableTarget and PutScalingPolicy both create or update (Application Auto Scaling API). */
    private void apply(StepContext context, List<Change> changes) {
        ApplicationAutoScalingClient scaling = context.aws().autoScaling();
        ServiceSize size = SERVICE.size(context.spec().compute());
        if (changes.isEmpty() || touches(changes, "minCapacity") || touches(changes, "maxCapacity")) {
            scaling.registerScalableTarget(r -> r.serviceNamespace(ServiceNamespace.ECS).resourceId(resourceId(context))
                    .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT)
                    .minCapacity(minCapacity(context)).maxCapacity(size.maxCapacity()));
        }
        for (String name : List.of(CPU_POLICY, MEMORY_POLICY)) {
            if (changes.isEmpty() || touches(changes, "policy." + name)) {
                MetricType metric = name.equals(CPU_POLICY) ? MetricType.ECS_SERVICE_AVERAGE_CPU_UTILIZATION
                        : MetricType.ECS_SERVICE_AVERAGE_MEMORY_UTILIZATION;
                scaling.putScalingPolicy(r -> r.policyName(name).serviceNamespace(ServiceNamespace.ECS)
                        .resourceId(resourceId(context)).scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT)
                        .policyType(PolicyType.TARGET_TRACKING_SCALING)
                        .targetTrackingScalingPolicyConfiguration(policy(context, metric)));
            }
        }
    }

    @Override
    protected void update(StepContext context, LiveScaling live, List<Change> changes) {
        apply(context, changes);
        for (String name : live.policies().keySet()) {
            if (!OURS.contains(name) && touches(changes, POLICY_PREFIX + name)) {
                context.aws().autoScaling().deleteScalingPolicy(r -> r.policyName(name)
                        .serviceNamespace(ServiceNamespace.ECS).resourceId(resourceId(context))
                        .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT));
            }
        }
    }

    @Override
    protected void publish(StepContext context, LiveScaling live) {
        context.outputs().put(ID + ".resource-id", live.target().resourceId());
    }

    @Override
    protected void delete(StepContext context, LiveScaling live) {
        // Deregistering the target deletes its policies and their alarms too.
        context.aws().autoScaling().deregisterScalableTarget(r -> r.serviceNamespace(ServiceNamespace.ECS)
                .resourceId(resourceId(context)).scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT));
    }
}
