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
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
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
import software.amazon.awssdk.services.ecs.model.ServiceEvent;
import software.amazon.awssdk.services.ecs.model.ServiceField;

/**
 * A Fargate service {@code glassbox-{env}-{service}} in the private subnets, behind the ECS SG, with no public
 * IP and the spec's desired count; the API is registered with the target group. The deployment circuit
 * breaker rolls a failing deployment back by itself, and apply waits until its own deployment has COMPLETED with
 * every task running, or reports why it FAILED or was rolled back, so a broken image never leaves a stuck deploy
 * behind.
 *
 * <p>Before its image exists (the first deploy creates the repositories, so nothing can have been pushed to them
 * yet) a service is created with no task, since a task that cannot pull its image only fails; it waits for the
 * image ({@link #awaitsImage}) and the image to push is published ({@link #outputAwaitingImage}). The deploy after
 * the push brings it to the spec's count.
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
        this(service, network, false);
    }

    /**
     * A service that, with {@code afterReleaseTask}, rolls out only after the release's task before the rollout
     * ({@link ReleaseTaskStep}) exited 0.
     */
    public ServiceStep(ServiceKind service, NetworkSpec network, boolean afterReleaseTask) {
        super(id(service), StackName.COMPUTE, dependencies(service, network, afterReleaseTask));
        this.service = service;
        this.network = network;
    }

    /** The live service's name: ours, or the generated one of a service taken over. */
    public static String outputName(ServiceKind service) {
        return id(service) + ".name";
    }

    /** {@code 123456789012.dkr.ecr.us-east-1.amazonaws.com/glassbox-staging-api:latest}, while the service waits for it. */
    public static String outputAwaitingImage(ServiceKind service) {
        return id(service) + AWAITING_IMAGE;
    }

    private static final String AWAITING_IMAGE = ".awaiting-image";

    /** The images that services wait for, among a run's outputs: each once, sorted. */
    public static List<String> imagesAwaited(Map<String, String> outputs) {
        return outputs.entrySet().stream().filter(e -> e.getKey().endsWith(AWAITING_IMAGE))
                .map(Map.Entry::getValue).distinct().sorted().toList();
    }

    private static String outputDesiredCount(ServiceKind service) {
        return id(service) + ".desired-count";
    }

    /** What ECS says of a service whose tasks keep failing to start (ECS Developer Guide, "Service event messages"). */
    private static final String CANNOT_START_TASKS = "unable to consistently start tasks successfully";

    /** How many service events a failed rollout's message quotes (newest first). */
    private static final int EVENTS_QUOTED = 3;

    /** DescribeServices takes at most ten services a call (ECS API Reference). */
    private static final int DESCRIBE_BATCH = 10;

    public static String id(ServiceKind service) {
        return "compute.service." + service.id();
    }

    private static String[] dependencies(ServiceKind service, NetworkSpec network, boolean afterReleaseTask) {
        List<String> ids = new ArrayList<>(List.of(ClusterStep.ID, TaskDefinitionStep.id(service),
                SecurityGroupStep.id(SecurityGroupRole.ECS)));
        if (afterReleaseTask) {
            ids.add(ReleaseTaskStep.ID);
        }
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
        // The API's count belongs to auto scaling within [min, max]; only a count outside that range is drift. A
        // service that waits for its image has no task, and that is no drift either.
        boolean countDrifted = !awaitsImage(context, service)
                && (service == ServiceKind.API
                ? live.desiredCount() < size.minCapacity() || live.desiredCount() > size.maxCapacity()
                : live.desiredCount() != size.desiredCount());
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
        String tasks = awaitsImage(context, service) ? "no task until " + image(context) + " is pushed (then "
                + size.desiredCount() + ")" : size.desiredCount() + " task(s)";
        return "Fargate service, " + tasks + " in the private subnets, ECS SG, no public IP"
                + (service == ServiceKind.API ? ", registered with the API target group on " + TaskDefinitionTemplate.API_PORT : "");
    }

    @Override
    protected Service create(StepContext context) {
        int desired = awaitsImage(context, service) ? 0 : service.size(context.spec().compute()).desiredCount();
        Service created = context.aws().ecs().createService(r -> {
            r.cluster(context.naming().base()).serviceName(resourceName(context))
                    .taskDefinition(context.outputs().require(TaskDefinitionStep.outputArn(service)))
                    .desiredCount(desired).launchType(LaunchType.FARGATE)
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
        }).service();
        return awaitRollout(context, created);
    }

    @Override
    protected void update(StepContext context, Service live, List<Change> changes) {
        EcsClient ecs = context.aws().ecs();
        boolean serviceChanged = touchesMoreThanTags(changes);
        Service updated = null;
        if (serviceChanged) {
            updated = ecs.updateService(r -> {
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
            }).service();
        }
        if (touches(changes, TAGS)) {
            ecs.tagResource(r -> r.resourceArn(live.serviceArn())
                    .tags(EcsTags.of(ResourceTags.missing(tags(context), tagsOf(live)))));
        }
        if (updated != null) {
            awaitRollout(context, updated);
        }
    }

    /**
     * Waits until the deployment that {@code started} (the service as CreateService or UpdateService returned it)
     * made PRIMARY has COMPLETED with every desired task running (ECS Developer Guide, "Deployment circuit
     * breaker"; a count change keeps the deployment and only scales it). A deployment that FAILED, or that was
     * replaced while rolling out (the circuit breaker's rollback), fails the step with the reason, the revision the
     * service runs again and its latest events.
     */
    private Service awaitRollout(StepContext context, Service started) {
        String name = started.serviceName();
        String deployment = primary(started).map(Deployment::id).orElse(null);
        Set<String> earlierEvents = started.events().stream().map(ServiceEvent::id).collect(Collectors.toSet());
        String rollout = "the rollout of " + name + " to " + revision(started.taskDefinition());
        RolloutProgress progress = new RolloutProgress(context, rollout);
        Waiter<DescribeServicesResponse> waiter = Waiter.builder(DescribeServicesResponse.class)
                .addAcceptor(WaiterAcceptor.successOnResponseAcceptor(r -> {
                    progress.tell(r);
                    return rolledOut(r, deployment);
                }))
                .addAcceptor(WaiterAcceptor.errorOnResponseAcceptor(r -> failed(r, deployment, earlierEvents),
                        "deployment failed"))
                .addAcceptor(WaiterAcceptor.retryOnResponseAcceptor(r -> true))
                .overrideConfiguration(o -> Waits.configure(o, context.options(), Timeouts.SERVICE_STABLE))
                .build();
        context.waitsFor(rollout + " to complete", Timeouts.SERVICE_STABLE);
        try {
            waiter.run(() -> describe(context, name));
        } catch (RuntimeException e) {
            Service live = describe(context, name).services().stream().findFirst().orElseThrow(() -> e);
            throw new ProvisionerException(rolloutFailure(live, deployment, started.taskDefinition(),
                    again -> again == null ? "" : " (image " + TaskDefinitionStep.imageOf(context, service, again)
                            .map(image -> ServiceImage.describe(context, service, image)).orElse("unknown") + ")"));
        }
        // The service by its name, not by listing the cluster's: "The Amazon ECS API follows an eventual consistency
        // model" (ECS API Reference, CreateService), and a list read right after the create may miss the service.
        return describe(context, name).services().stream().findFirst().orElseThrow(() -> new ProvisionerException(
                "ECS service " + name + " is not found right after its rollout; run deploy again"));
    }

    private static DescribeServicesResponse describe(StepContext context, String name) {
        return context.aws().ecs().describeServices(r -> r.cluster(context.naming().base()).services(name)
                .include(ServiceField.TAGS));
    }

    static boolean rolledOut(DescribeServicesResponse response, String deployment) {
        return response.services().stream().findFirst().filter(s -> s.runningCount() == s.desiredCount()
                && deployment(s, deployment).map(d -> d.rolloutState() == DeploymentRolloutState.COMPLETED)
                .orElse(false)).isPresent();
    }

    /**
     * Our deployment FAILED or is gone (rolled back), or, once COMPLETED (a count change scales a completed
     * deployment, which the circuit breaker no longer watches), ECS says since our update that it cannot start the
     * service's tasks (an image that cannot be pulled, say): it keeps retrying, so waiting would only end in the
     * timeout (ECS Developer Guide, "Service event messages": "unable to consistently start tasks successfully").
     */
    static boolean failed(DescribeServicesResponse response, String deployment, Set<String> earlierEvents) {
        return response.services().stream().findFirst().filter(s -> deployment(s, deployment)
                .map(d -> d.rolloutState() == DeploymentRolloutState.FAILED
                        || d.rolloutState() == DeploymentRolloutState.COMPLETED && cannotStartTasks(s, earlierEvents))
                .orElse(true)).isPresent();
    }

    private static boolean cannotStartTasks(Service service, Set<String> earlierEvents) {
        return service.events().stream().filter(e -> !earlierEvents.contains(e.id()))
                .anyMatch(e -> e.message() != null && e.message().contains(CANNOT_START_TASKS));
    }

    /** The deployment {@code id} (the PRIMARY one when the id is unknown), while the service still has it. */
    private static Optional<Deployment> deployment(Service service, String id) {
        return id == null ? primary(service)
                : service.deployments().stream().filter(d -> id.equals(d.id())).findFirst();
    }

    /** Tells the rollout's running and desired tasks whenever they change, so a watched rollout shows them. */
    private static final class RolloutProgress {
        private final StepContext context;
        private final String rollout;
        private String last = "";

        RolloutProgress(StepContext context, String rollout) {
            this.context = context;
            this.rollout = rollout;
        }

        void tell(DescribeServicesResponse response) {
            response.services().stream().findFirst().ifPresent(s -> {
                String now = rollout + ": " + s.runningCount() + " of " + s.desiredCount() + " tasks running";
                if (!now.equals(last)) {
                    last = now;
                    context.waitProgress(now);
                }
            });
        }
    }

    /** {@link #rolloutFailure(Service, String, String, Function)} without the image it runs again. */
    static String rolloutFailure(Service live, String deployment, String taskDefinition) {
        return rolloutFailure(live, deployment, taskDefinition, again -> "");
    }

    /**
     * One line: the service, what happened to its rollout, what it runs now (with {@code imageAgain} of the revision it
     * runs again, asked only when it runs another: " (image v1.4.1 (sha256:…))"), and its latest events.
     */
    static String rolloutFailure(Service live, String deployment, String taskDefinition,
                                 Function<String, String> imageAgain) {
        Optional<Deployment> ours = deployment(live, deployment);
        String what = ours.map(d -> d.rolloutState() == DeploymentRolloutState.FAILED
                        ? "failed: " + d.rolloutStateReason()
                        : d.rolloutState() == DeploymentRolloutState.COMPLETED
                        ? "cannot start its tasks (" + live.runningCount() + " of " + live.desiredCount() + " running)"
                        : "did not complete in time (" + live.runningCount() + " of " + live.desiredCount()
                                + " tasks running, rollout " + d.rolloutStateAsString() + ")")
                .orElse("failed and was rolled back by the deployment circuit breaker");
        String runs = Objects.equals(live.taskDefinition(), taskDefinition) ? ""
                : "; it runs " + revision(live.taskDefinition()) + imageAgain.apply(live.taskDefinition()) + " again";
        String events = live.events().stream().limit(EVENTS_QUOTED).map(ServiceEvent::message)
                .collect(Collectors.joining(" | "));
        return "ECS service " + live.serviceName() + ": the rollout of " + revision(taskDefinition) + " " + what
                + runs + (events.isEmpty() ? "" : ". Latest events: " + events);
    }

    /** {@code glassbox-staging-api:3} of a task definition ARN. */
    private static String revision(String taskDefinitionArn) {
        return taskDefinitionArn == null ? "(none)" : taskDefinitionArn.substring(taskDefinitionArn.lastIndexOf('/') + 1);
    }

    private static Optional<Deployment> primary(Service service) {
        return service.deployments().stream().filter(d -> "PRIMARY".equals(d.status())).findFirst();
    }

    /**
     * Whether {@code service} waits for its image: the configured tag is not in its ECR repository (it is not
     * published by {@link RepositoryStep}), and the service runs no task yet (absent, or created with none). A
     * service whose tasks run is never scaled down for a missing image: its running tasks keep theirs.
     */
    public static boolean awaitsImage(StepContext context, ServiceKind service) {
        return !imagePushed(context, service)
                && context.outputs().get(outputDesiredCount(service)).map("0"::equals).orElse(true);
    }

    /** Whether the image the service's task definition names is in its repository ({@link ServiceImage}). */
    private static boolean imagePushed(StepContext context, ServiceKind service) {
        return ServiceImage.inEcr(context, service);
    }

    /** The image the service's task definition names ({@link ServiceImage}). */
    private String image(StepContext context) {
        return ServiceImage.of(context, service).reference();
    }

    @Override
    protected List<String> notices(StepContext context, Service live) {
        if (imagePushed(context, service)) {
            return List.of();
        }
        // Shown after the resource's name ("ECS service glassbox-staging-api: ...").
        return List.of(awaitsImage(context, service)
                ? "no task runs until " + image(context) + " is pushed; push it, then deploy again"
                : image(context) + " is not in ECR: a new task cannot start (the running ones keep their image)");
    }

    @Override
    protected void publish(StepContext context, Service live) {
        context.outputs().put(id().value() + ".arn", live.serviceArn());
        context.outputs().put(outputName(service), live.serviceName());
        context.outputs().put(outputDesiredCount(service), String.valueOf(live.desiredCount()));
        runningImage(context, live).ifPresent(image -> {
            context.outputs().put(outputImage(service), image);
            context.outputs().put(outputImageTags(service), ServiceImage.describe(context, service, image));
        });
        if (awaitsImage(context, service)) {
            context.outputs().put(outputAwaitingImage(service), image(context));
        }
    }

    /**
     * The image the service runs: that of the revision its PRIMARY deployment runs, as the task definition step
     * published it: its latest revision's, or the one it read of an older revision the service still runs (a rollout
     * rolled back, a release whose task before the rollout failed). No call of its own.
     */
    private Optional<String> runningImage(StepContext context, Service live) {
        String revision = runningRevision(live);
        if (revision == null) {
            return Optional.empty();
        }
        if (context.outputs().get(TaskDefinitionStep.outputArn(service)).filter(revision::equals).isPresent()) {
            return context.outputs().get(TaskDefinitionStep.outputImage(service));
        }
        return context.outputs().get(TaskDefinitionStep.outputRunningImage(service));
    }

    /** The revision the service runs: its PRIMARY deployment's (the service's own while it has none). */
    static String runningRevision(Service live) {
        return primary(live).map(Deployment::taskDefinition).orElse(live.taskDefinition());
    }

    /** The image the service runs ({@code …/glassbox-staging-api@sha256:…}): what runs where, for release tooling. */
    public static String outputImage(ServiceKind service) {
        return id(service) + ".image";
    }

    /** The tags that name the image the service runs, with its digest ({@code v1.4.2 (sha256:cd34ef56ab12…)}). */
    public static String outputImageTags(ServiceKind service) {
        return id(service) + ".image-tags";
    }

    @Override
    protected void delete(StepContext context, Service live) {
        EcsClient ecs = context.aws().ecs();
        String cluster = context.naming().base();
        // force stops the tasks without scaling to zero first (ECS API Reference, DeleteService).
        ecs.deleteService(r -> r.cluster(cluster).service(live.serviceName()).force(true));
        ecs.waiter().waitUntilServicesInactive(r -> r.cluster(cluster).services(live.serviceName()),
                Waits.upTo(context, "ECS to drain and delete service " + live.serviceName(),
                        Timeouts.SERVICE_INACTIVE));
    }

    private Map<String, String> tags(StepContext context) {
        return ResourceTags.of(context.spec().environment(), StackName.COMPUTE, id().value());
    }
}
