package io.glassbox.provisioner.stacks.compute;

import io.glassbox.provisioner.aws.ResourceTags;
import io.glassbox.provisioner.engine.Change;
import io.glassbox.provisioner.engine.ResourceStep;
import io.glassbox.provisioner.engine.StepContext;
import io.glassbox.provisioner.spec.StackName;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Cluster;
import software.amazon.awssdk.services.ecs.model.ClusterField;
import software.amazon.awssdk.services.ecs.model.ClusterSetting;
import software.amazon.awssdk.services.ecs.model.ClusterSettingName;

/** The ECS cluster {@code glassbox-{env}}: capacity providers FARGATE and FARGATE_SPOT, Container Insights on. */
public final class ClusterStep extends ResourceStep<Cluster> {

    public static final String ID = "compute.cluster";
    public static final String OUTPUT_ARN = ID + ".arn";
    static final List<String> CAPACITY_PROVIDERS = List.of("FARGATE", "FARGATE_SPOT");
    private static final String INSIGHTS = "settings.containerInsights";
    private static final String PROVIDERS = "capacityProviders";

    public ClusterStep() {
        super(ID, StackName.COMPUTE);
    }

    @Override
    public String resourceType() {
        return "ECS cluster";
    }

    @Override
    public String resourceName(StepContext context) {
        return context.naming().base();
    }

    @Override
    protected Optional<Cluster> find(StepContext context) {
        // A deleted cluster stays INACTIVE for a while; CreateCluster with its name makes a new one.
        return context.aws().ecs().describeClusters(r -> r.clusters(resourceName(context))
                        .include(ClusterField.SETTINGS, ClusterField.TAGS)).clusters().stream()
                .filter(c -> "ACTIVE".equals(c.status())).findFirst();
    }

    @Override
    protected String idOf(Cluster live) {
        return live.clusterArn();
    }

    @Override
    protected Map<String, String> tagsOf(Cluster live) {
        return EcsTags.toMap(live.tags());
    }

    @Override
    protected List<Change> diff(StepContext context, Cluster live) {
        List<Change> changes = new ArrayList<>();
        if (!Set.copyOf(live.capacityProviders()).containsAll(CAPACITY_PROVIDERS)) {
            changes.add(Change.update(PROVIDERS, live.capacityProviders(), CAPACITY_PROVIDERS));
        }
        String insights = live.settings().stream().filter(s -> s.name() == ClusterSettingName.CONTAINER_INSIGHTS)
                .map(ClusterSetting::value).findFirst().orElse("disabled");
        if (!"enabled".equals(insights)) {
            changes.add(Change.update(INSIGHTS, insights, "enabled"));
        }
        tagChange(tags(context), tagsOf(live)).ifPresent(changes::add);
        return changes;
    }

    @Override
    protected String createSummary(StepContext context) {
        return "cluster with capacity providers FARGATE, FARGATE_SPOT; Container Insights enabled";
    }

    @Override
    protected Cluster create(StepContext context) {
        context.aws().ecs().createCluster(r -> r.clusterName(resourceName(context))
                .capacityProviders(CAPACITY_PROVIDERS)
                .defaultCapacityProviderStrategy(s -> s.capacityProvider("FARGATE").weight(1))
                .settings(insightsOn())
                .tags(EcsTags.of(tags(context))));
        return find(context).orElseThrow();
    }

    @Override
    protected void update(StepContext context, Cluster live, List<Change> changes) {
        EcsClient ecs = context.aws().ecs();
        if (touches(changes, PROVIDERS)) {
            ecs.putClusterCapacityProviders(r -> r.cluster(resourceName(context)).capacityProviders(CAPACITY_PROVIDERS)
                    .defaultCapacityProviderStrategy(s -> s.capacityProvider("FARGATE").weight(1)));
        }
        if (touches(changes, INSIGHTS)) {
            ecs.updateClusterSettings(r -> r.cluster(resourceName(context)).settings(insightsOn()));
        }
        if (touches(changes, TAGS)) {
            ecs.tagResource(r -> r.resourceArn(live.clusterArn())
                    .tags(EcsTags.of(ResourceTags.missing(tags(context), tagsOf(live)))));
        }
    }

    private static ClusterSetting insightsOn() {
        return ClusterSetting.builder().name(ClusterSettingName.CONTAINER_INSIGHTS).value("enabled").build();
    }

    @Override
    protected void publish(StepContext context, Cluster live) {
        context.outputs().put(OUTPUT_ARN, live.clusterArn());
    }

    @Override
    protected void delete(StepContext context, Cluster live) {
        context.aws().ecs().deleteCluster(r -> r.cluster(live.clusterArn()));
    }

    private Map<String, String> tags(StepContext context) {
        return ResourceTags.of(context.spec().environment(), StackName.COMPUTE, id().value());
    }
}
