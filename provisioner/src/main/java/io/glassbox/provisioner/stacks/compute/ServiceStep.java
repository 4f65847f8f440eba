package io.glassbox.provisioner.stacks.compute;

import io.glassbox.provisioner.spec.EnvironmentSpec;
import java.time.Duration;
import io.glassbox.provisioner.aws.IdempotencyTokens;
import io.glassbox.provisioner.aws.ResourceTags;
import io.glassbox.provisioner.aws.Timeouts;
import io.glassbox.provisioner.aws.Waits;
import io.glassbox.provisioner.engine.Change;
import io.glassbox.provisioner.engine.ProvisionerException;
import io.glassbox.provisioner.engine.ResourceStep;
import io.glassbox.provisioner.engine.StepContext;
import io.glassbox.provisioner.spec.NetworkSpec;
import io.glassbox.provisioner.spec.SecurityGroupRole;
import io.glassbox.provisioner.spec.ServiceKind;
import io.glassbox.provisioner.spec.ServiceSize;
import io.glassbox.provisioner.spec.StackName;
import io.glassbox.provisioner.spec.SubnetTier;
import io.glassbox.provisioner.stacks.network.SecurityGroupReferencesStep;
import io.glassbox.provisioner.stacks.network.SecurityGroupStep;
import io.glassbox.provisioner.stacks.network.TierSubnets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import software.amazon.awssdk.core.waiters.Waiter;
import software.amazon.awssdk.core.waiters.WaiterAcceptor;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.AssignPublicIp;
import software.amazon.awssdk.services.ecs.model.AwsVpcConfiguration;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.DeploymentRolloutState;
import software.amazon.awssdk.services.ecs.model.DescribeServicesResponse;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.LoadBalancer;
import software.amazon.awssdk.services.ecs.model.NetworkConfiguration;
import software.amazon.awssdk.services.ecs.model.PropagateTags;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceField;

/**
 * A Fargate service {@code glassbox-{env}-{service}} in the private subnets, behind the ECS SG, with no public
 * IP and the spec's desired count; the API is registered with the target group. The deployment circuit
 * breaker rolls a failing deployment back by itself, and apply waits until the rollout has COMPLETED (or
 * reports the reason it FAILED), so a broken image never leaves a stuck deploy behind.
 */
public final class ServiceStep extends ResourceStep<Service> {

    /** Time for a new API task to answer /health before the ALB's failures count against it. */
    private static final int HEALTH_CHECK_GRACE_SECONDS = 60;
    private static final String TASK_DEFINITION = "taskDefinition";
    private static final String DESIRED_COUNT = "desiredCount";
    private static final String NETWORK = "networkConfiguration";
    private static final String LOAD_BALANCERS = "loadBalancers";

    private final ServiceKind service;
    private final NetworkSpec network;

    public ServiceStep(ServiceKind service, NetworkSpec network) {
        super(id(service), StackName.COMPUTE, dependencies(service, network));
        this.service = service;
        this.network = network;
    }

    /** The live service's name: ours, or the generated one of a service taken over. */
    public static String outputName(ServiceKind service) {
        return id(service) + ".name";
    }

    /** DescribeServices takes at most ten services a call (ECS API Reference). */
    private static final int DESCRIBE_BATCH = 10;

    public static String id(ServiceKind service) {
        return "compute.service." + service.id();
    }

    private static String[] dependencies(ServiceKind service, NetworkSpec network) {
        List<String> ids = new ArrayList<>(List.of(ClusterStep.ID, TaskDefinitionStep.id(service),
                SecurityGroupStep.id(SecurityGroupRole.ECS)));
        ids.addAll(List.of(TierSubnets.stepIds(network, SubnetTier.PRIVATE)));
        // Tasks start only once the rules between groups exist: ALB to ECS for health checks, ECS to RDS/Redis.
        network.securityGroups().stream().filter(SecurityGroupReferencesStep::needed)
                .map(group -> SecurityGroupReferencesStep.id(group.role())).forEach(ids::add);
        if (service == ServiceKind.API) {
            // ECS accepts a target group only once a listener of a load balancer forwards to it.
            ids.add(TargetGroupStep.ID);
            ids.add(ListenerStep.id(true));
        }
        return ids.toArray(String[]::new);
    }

    @Override
    public String resourceType() {
        return "ECS service";
    }

    @Override
    public String resourceName(StepContext context) {
        return context.naming().service(service);
    }

    /** A new service reaches steady state in 1-1.5 min (measured). */
    @Override
    public Duration typicalCreation(EnvironmentSpec spec) {
        return Duration.ofSeconds(75);
    }

    /**
     * The cluster's active services with their tags (ListServices, then DescribeServices ten at a time, shared by
     * the service steps of a plan), for the engine's Identity: a service taken over keeps its generated name,
     * which ECS can only change by replacing the service (and its tasks).
     */
    @Override
    protected List<Service> candidates(StepContext context) {
        if (context.outputs().get(ClusterStep.OUTPUT_ARN).isEmpty()) {
            return List.of(); // no cluster, no service
        }
        String cluster = context.naming().base();
        // A deleted service stays INACTIVE (or DRAINING) for a while; CreateService then makes a new one.
        return context.reads().get("ecs.services", () -> {
            List<String> arns = context.aws().ecs().listServicesPaginator(r -> r.cluster(cluster)).serviceArns()
                    .stream().toList();
            List<Service> services = new java.util.ArrayList<>();
            for (int from = 0; from < arns.size(); from += DESCRIBE_BATCH) {
                List<String> batch = arns.subList(from, Math.min(arns.size(), from + DESCRIBE_BATCH));
                services.addAll(context.aws().ecs().describeServices(r -> r.cluster(cluster).services(batch)
                        .include(ServiceField.TAGS)).services());
            }
            return services.stream().filter(s -> "ACTIVE".equals(s.status())).toList();
        });
    }

    @Override
    protected String nameOf(Service live) {
        return live.serviceName();
    }

    @Override
    protected String idOf(Service live) {
        return live.serviceArn();
    }

    @Override
    protected Map<String, String> tagsOf(Service live) {
        return EcsTags.toMap(live.tags());
    }

    @Override
    protected List<Change> diff(StepContext context, Service live) {
        List<Change> changes = new ArrayList<>();
        String taskDefinition = context.outputs().getOrUnknown(TaskDefinitionStep.outputArn(service));
        if (!Objects.equals(live.taskDefinition(), taskDefinition)) {
            changes.add(Change.update(TASK_DEFINITION, live.taskDefinition(), taskDefinition));
        }
        ServiceSize size = service.size(context.spec().compute());
        // The API's count belongs to auto scaling within [min, max]; only a count outside that range is drift.
        boolean countDrifted = service == ServiceKind.API
                ? live.desiredCount() < size.minCapacity() || live.desiredCount() > size.maxCapacity()
                : live.desiredCount() != size.desiredCount();
        if (countDrifted) {
            changes.add(Change.update(DESIRED_COUNT, live.desiredCount(), size.desiredCount()));
        }
        String network = describe(live.networkConfiguration());
        String wantedNetwork = describe(networkConfiguration(context, false));
        if (!network.equals(wantedNetwork)) {
            changes.add(Change.update(NETWORK, network, wantedNetwork));
        }
        String balancers = describeBalancers(live.loadBalancers());
        String wantedBalancers = describeBalancers(loadBalancers(context, false));
        if (!balancers.equals(wantedBalancers)) {
            changes.add(Change.update(LOAD_BALANCERS, balancers, wantedBalancers));
        }
        if (live.launchType() != LaunchType.FARGATE) {
            changes.add(Change.replace("launchType", live.launchTypeAsString(), LaunchType.FARGATE));
        }
        tagChange(tags(context), tagsOf(live)).ifPresent(changes::add);
        return changes;
    }

    private NetworkConfiguration networkConfiguration(StepContext context, boolean required) {
        List<String> subnets = required ? TierSubnets.ids(context, network, SubnetTier.PRIVATE)
                : TierSubnets.idsOrUnknown(context, network, SubnetTier.PRIVATE);
        String group = required ? context.outputs().require(SecurityGroupStep.outputId(SecurityGroupRole.ECS))
                : context.outputs().getOrUnknown(SecurityGroupStep.outputId(SecurityGroupRole.ECS));
        return NetworkConfiguration.builder().awsvpcConfiguration(AwsVpcConfiguration.builder()
                .subnets(subnets).securityGroups(group).assignPublicIp(AssignPublicIp.DISABLED).build()).build();
    }

    private static String describe(NetworkConfiguration configuration) {
        if (configuration == null || configuration.awsvpcConfiguration() == null) {
            return "(none)";
        }
        AwsVpcConfiguration vpc = configuration.awsvpcConfiguration();
        return "subnets " + new TreeSet<>(vpc.subnets()) + ", security groups " + new TreeSet<>(vpc.securityGroups())
                + ", public IP " + (vpc.assignPublicIp() == null ? AssignPublicIp.DISABLED : vpc.assignPublicIp());
    }

    private List<LoadBalancer> loadBalancers(StepContext context, boolean required) {
        if (service != ServiceKind.API) {
            return List.of();
        }
        String targetGroup = required ? context.outputs().require(TargetGroupStep.OUTPUT_ARN)
                : context.outputs().getOrUnknown(TargetGroupStep.OUTPUT_ARN);
        return List.of(LoadBalancer.builder().targetGroupArn(targetGroup).containerName(service.id())
                .containerPort(TaskDefinitionTemplate.API_PORT).build());
    }

    private static String describeBalancers(List<LoadBalancer> balancers) {
        return balancers.stream().map(b -> b.targetGroupArn() + " → " + b.containerName() + ":" + b.containerPort())
                .sorted().toList().toString();
    }

    @Override
    protected String createSummary(StepContext context) {
        ServiceSize size = service.size(context.spec().compute());
        return "Fargate service, " + size.desiredCount() + " task(s) in the private subnets, ECS SG, no public IP"
                + (service == ServiceKind.API ? ", registered with the API target group on " + TaskDefinitionTemplate.API_PORT : "");
    }

    @Override
    protected Service create(StepContext context) {
        ServiceSize size = service.size(context.spec().compute());
        context.aws().ecs().createService(r -> {
            r.cluster(context.naming().base()).serviceName(resourceName(context))
                    .taskDefinition(context.outputs().require(TaskDefinitionStep.outputArn(service)))
                    .desiredCount(size.desiredCount()).launchType(LaunchType.FARGATE)
                    .networkConfiguration(networkConfiguration(context, true))
                    .loadBalancers(loadBalancers(context, true))
                    .deploymentConfiguration(d -> d.deploymentCircuitBreaker(b -> b.enable(true).rollback(true))
                            .minimumHealthyPercent(100).maximumPercent(200))
                    .propagateTags(PropagateTags.SERVICE).enableECSManagedTags(true)
                    .tags(EcsTags.of(tags(context)))
                    // The same token makes a re-run after a crash return the first service (ECS CreateService).
                    .clientToken(IdempotencyTokens.hex(32, context.spec().environment().id(), id().value()));
            if (service == ServiceKind.API) {
                r.healthCheckGracePeriodSeconds(HEALTH_CHECK_GRACE_SECONDS);
            }
        });
        return awaitRollout(context, resourceName(context));
    }

    @Override
    protected void update(StepContext context, Service live, List<Change> changes) {
        EcsClient ecs = context.aws().ecs();
        boolean serviceChanged = touchesMoreThanTags(changes);
        if (serviceChanged) {
            ecs.updateService(r -> {
                r.cluster(context.naming().base()).service(live.serviceName());
                if (touches(changes, TASK_DEFINITION)) {
                    r.taskDefinition(context.outputs().require(TaskDefinitionStep.outputArn(service)));
                }
                if (touches(changes, DESIRED_COUNT)) {
                    r.desiredCount(service.size(context.spec().compute()).desiredCount());
                }
                if (touches(changes, NETWORK)) {
                    r.networkConfiguration(networkConfiguration(context, true));
                }
                if (touches(changes, LOAD_BALANCERS)) {
                    r.loadBalancers(loadBalancers(context, true));
                }
            });
        }
        if (touches(changes, TAGS)) {
            ecs.tagResource(r -> r.resourceArn(live.serviceArn())
                    .tags(EcsTags.of(ResourceTags.missing(tags(context), tagsOf(live)))));
        }
        if (serviceChanged) {
            awaitRollout(context, live.serviceName());
        }
    }

    /**
     * Waits until the primary deployment's rollout has COMPLETED (ECS Developer Guide, "Deployment circuit
     * breaker"); a FAILED rollout, which ECS has already rolled back, is reported with its reason.
     */
    private Service awaitRollout(StepContext context, String name) {
        Waiter<DescribeServicesResponse> waiter = Waiter.builder(DescribeServicesResponse.class)
                .addAcceptor(WaiterAcceptor.successOnResponseAcceptor(r -> rollout(r) == DeploymentRolloutState.COMPLETED))
                .addAcceptor(WaiterAcceptor.errorOnResponseAcceptor(r -> rollout(r) == DeploymentRolloutState.FAILED,
                        "deployment failed"))
                .addAcceptor(WaiterAcceptor.retryOnResponseAcceptor(r -> true))
                .overrideConfiguration(o -> Waits.configure(o, context.options(), Timeouts.SERVICE_STABLE))
                .build();
        try {
            waiter.run(() -> context.aws().ecs().describeServices(r -> r.cluster(context.naming().base())
                    .services(name)));
        } catch (RuntimeException e) {
            Service live = find(context).orElseThrow(() -> e);
            String reason = primary(live).map(Deployment::rolloutStateReason).orElse(e.getMessage());
            throw new ProvisionerException("ECS service " + name + " did not reach steady state: "
                    + reason + " (see its events: aws ecs describe-services --cluster " + context.naming().base()
                    + " --services " + name + ")");
        }
        return find(context).orElseThrow();
    }

    private static DeploymentRolloutState rollout(DescribeServicesResponse response) {
        return response.services().stream().findFirst().flatMap(ServiceStep::primary)
                .map(Deployment::rolloutState).orElse(null);
    }

    private static Optional<Deployment> primary(Service service) {
        return service.deployments().stream().filter(d -> "PRIMARY".equals(d.status())).findFirst();
    }

    @Override
    protected void publish(StepContext context, Service live) {
        context.outputs().put(id().value() + ".arn", live.serviceArn());
        context.outputs().put(outputName(service), live.serviceName());
    }

    @Override
    protected void delete(StepContext context, Service live) {
        EcsClient ecs = context.aws().ecs();
        String cluster = context.naming().base();
        // force stops the tasks without scaling to zero first (ECS API Reference, DeleteService).
        ecs.deleteService(r -> r.cluster(cluster).service(live.serviceName()).force(true));
        ecs.waiter().waitUntilServicesInactive(r -> r.cluster(cluster).services(live.serviceName()),
                Waits.upTo(context, Timeouts.SERVICE_INACTIVE));
    }

    private Map<String, String> tags(StepContext context) {
        return ResourceTags.of(context.spec().environment(), StackName.COMPUTE, id().value());
    }
}
