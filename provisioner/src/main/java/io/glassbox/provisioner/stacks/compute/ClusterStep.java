package io.glassbox.provisioner.stacks.compute;

import io.glassbox.provisioner.aws.ResourceTags;
import io.glassbox.provisioner.aws.Timeouts;
import io.glassbox.provisioner.engine.Change;
import io.glassbox.provisioner.engine.ResourceStep;
import io.glassbox.provisioner.engine.StepContext;
import io.glassbox.provisioner.engine.TransientRefusal;
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
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.InvalidInputException;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;

/** The ECS cluster {@code glassbox-{env}}: capacity providers FARGATE and FARGATE_SPOT, Container Insights on. */
public final class ClusterStep extends ResourceStep<Cluster> {

    public static final String ID = "compute.cluster";
    public static final String OUTPUT_ARN = ID + ".arn";
    static final List<String> CAPACITY_PROVIDERS = List.of("FARGATE", "FARGATE_SPOT");
    private static final String INSIGHTS = "settings.containerInsights";
    private static final String PROVIDERS = "capacityProviders";

    /** The role ECS acts through in the account (ECS Developer Guide, "Using service-linked roles for Amazon ECS"). */
    static final String SERVICE_LINKED_ROLE = "AWSServiceRoleForECS";
    /**
     * In an account that never used ECS, a cluster with Fargate capacity providers is refused ("Unable to assume the
     * service linked role. Please verify that the ECS service linked role exists.") until the role exists and IAM has
     * propagated it (aws/aws-cdk #21225).
     */
    private static final TransientRefusal ROLE_NOT_YET_USABLE = TransientRefusal.withMessage(
            "ECS's service-linked role " + SERVICE_LINKED_ROLE + " to be usable", Timeouts.IAM_PROPAGATION,
            "service linked role", "InvalidParameterException");

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
        ensureServiceLinkedRole(context.aws().iam());
        context.retrying(ROLE_NOT_YET_USABLE, () -> context.aws().ecs().createCluster(r -> r
                .clusterName(resourceName(context))
                .capacityProviders(CAPACITY_PROVIDERS)
                .defaultCapacityProviderStrategy(s -> s.capacityProvider("FARGATE").weight(1))
                .settings(insightsOn())
                .tags(EcsTags.of(tags(context)))));
        return find(context).orElseThrow();
    }

    /**
     * Creates ECS's service-linked role when the account does not have it yet (one read otherwise). ECS would create
     * it itself on first use, but only after refusing that use for a while; made here, the wait is short and shown.
     */
    static void ensureServiceLinkedRole(IamClient iam) {
        try {
            iam.getRole(r -> r.roleName(SERVICE_LINKED_ROLE));
        } catch (NoSuchEntityException absent) {
            try {
                iam.createServiceLinkedRole(r -> r.awsServiceName("ecs.amazonaws.com"));
            } catch (InvalidInputException e) {
                // "Service role name AWSServiceRoleForECS has been taken in this account": made meanwhile, by ECS or
                // another run; anything else is a real refusal.
                if (!String.valueOf(e.getMessage()).contains("has been taken")) {
                    throw e;
                }
            }
        }
    }

    @Override
    protected void update(StepContext context, Cluster live, List<Change> changes) {
        EcsClient ecs = context.aws().ecs();
        if (touches(changes, PROVIDERS)) {
            ensureServiceLinkedRole(context.aws().iam());
            context.retrying(ROLE_NOT_YET_USABLE, () -> ecs.putClusterCapacityProviders(r -> r
                    .cluster(resourceName(context)).capacityProviders(CAPACITY_PROVIDERS)
                    .defaultCapacityProviderStrategy(s -> s.capacityProvider("FARGATE").weight(1))));
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
