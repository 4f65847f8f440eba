package io.glassbox.provisioner.stacks.compute;

import io.glassbox.provisioner.aws.ResourceTags;
import io.glassbox.provisioner.engine.Change;
import io.glassbox.provisioner.engine.ResourceStep;
import io.glassbox.provisioner.engine.StepContext;
import io.glassbox.provisioner.spec.MessagingSpec;
import io.glassbox.provisioner.spec.ServiceKind;
import io.glassbox.provisioner.spec.StackName;
import io.glassbox.provisioner.stacks.cache.ReplicationGroupStep;
import io.glassbox.provisioner.stacks.database.DatabaseSecretStep;
import io.glassbox.provisioner.stacks.database.DbInstanceStep;
import io.glassbox.provisioner.stacks.messaging.QueueStep;
import io.glassbox.provisioner.stacks.monitoring.LogGroupStep;
import io.glassbox.provisioner.stacks.storage.BucketStep;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ClientException;
import software.amazon.awssdk.services.ecs.model.DescribeTaskDefinitionResponse;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionField;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionStatus;

/**
 * A task definition family: {@code glassbox-{env}-{service}} for each service, and {@code glassbox-{env}-data-plane}
 * for the data plane's one-off task ({@link DataPlaneTaskTemplate}). The latest ACTIVE revision is compared with
 * the template; a new revision is registered only when its content differs, so a re-run never piles up identical
 * revisions. Destroy deregisters every active revision.
 */
public final class TaskDefinitionStep extends ResourceStep<DescribeTaskDefinitionResponse> {

    /** The data plane's task definition (the extensions task; ExtensionsTask runs it). */
    public static final String DATA_PLANE_ID = "compute.task-definition.data-plane";

    private final String family;
    private final Optional<ServiceKind> service;
    private final Function<StepContext, RegisterTaskDefinitionRequest> template;
    private final Function<StepContext, String> summary;

    public TaskDefinitionStep(ServiceKind service, MessagingSpec messaging) {
        this(id(service), service.id(), Optional.of(service), c -> TaskDefinitionTemplate.request(c, service), c -> {
            var size = service.size(c.spec().compute());
            return "Fargate task definition, " + size.cpu() + " CPU units, " + size.memoryMb() + " MB, image "
                    + c.naming().repository(service.repository()) + " " + ServiceImage.describe(c, service,
                    ServiceImage.of(c, service).reference());
        }, dependencies(service, messaging));
    }

    private TaskDefinitionStep(String id, String family, Optional<ServiceKind> service,
                               Function<StepContext, RegisterTaskDefinitionRequest> template,
                               Function<StepContext, String> summary, String... dependencies) {
        super(id, StackName.COMPUTE, dependencies);
        this.family = family;
        this.service = service;
        this.template = template;
        this.summary = summary;
    }

    /**
     * The data plane's task definition: a PostgreSQL client that creates the extensions from inside the VPC, with the
     * database credentials from the database secret ({@link DataPlaneTaskTemplate}).
     */
    public static TaskDefinitionStep dataPlane() {
        return new TaskDefinitionStep(DATA_PLANE_ID, DataPlaneTaskTemplate.FAMILY, Optional.empty(),
                DataPlaneTaskTemplate::request,
                c -> "Fargate task definition for the data plane (psql creating the extensions), "
                        + DataPlaneTaskTemplate.CPU + " CPU units, " + DataPlaneTaskTemplate.MEMORY_MB + " MB, image "
                        + c.spec().dataPlane().image(),
                RoleStep.EXECUTION_ID, LogGroupStep.id(ServiceKind.API), DatabaseSecretStep.ID);
    }

    public static String id(ServiceKind service) {
        return "compute.task-definition." + service.id();
    }

    /** {@code arn:…:task-definition/glassbox-staging-api:3}. */
    public static String outputArn(ServiceKind service) {
        return outputArn(id(service));
    }

    /**
     * The image the service's live task definition names ({@code …/glassbox-staging-api@sha256:…}), which a deploy
     * without a named tag keeps ({@link ServiceImage}).
     */
    public static String outputImage(ServiceKind service) {
        return id(service) + ".image";
    }

    /** The tags that name the latest revision's image now, with its digest: {@code v1.4.2 (sha256:cd34ef56ab12…)}. */
    public static String outputImageTags(ServiceKind service) {
        return id(service) + ".image-tags";
    }

    /** The latest revision's ARN of the task definition step {@code stepId}. */
    public static String outputArn(String stepId) {
        return stepId + ".arn";
    }

    /** Exactly what the template references, so the services start as soon as that is ready. */
    private static String[] dependencies(ServiceKind service, MessagingSpec messaging) {
        // DATABASE_URL is the secret's "url" key, which exists once the instance is available (DbInstanceStep
        // writes it): a task started before that could not read it.
        List<String> ids = new ArrayList<>(List.of(RepositoryStep.id(service.repository()), RoleStep.EXECUTION_ID,
                RoleStep.taskId(service), LogGroupStep.id(service), DatabaseSecretStep.ID, DbInstanceStep.ID,
                LlmSecretStep.ID, BucketStep.ID));
        switch (service) {
            case API -> {
                ids.add(ReplicationGroupStep.ID);
                messaging.queues().forEach(q -> ids.add(QueueStep.id(q, false)));
                ids.add("auth.parameter.user-pool-id");
                ids.add("auth.parameter.client-id");
            }
            case AGENT_WORKER -> {
                ids.add(ReplicationGroupStep.ID);
                ids.add(QueueStep.id(messaging.queue(MessagingSpec.AGENT_JOBS), false));
            }
            case FILE_WORKER -> ids.add(QueueStep.id(messaging.queue(MessagingSpec.FILE_PROCESSING), false));
        }
        return ids.toArray(String[]::new);
    }

    @Override
    public String resourceType() {
        return "ECS task definition";
    }

    @Override
    public String resourceName(StepContext context) {
        return context.naming().base() + "-" + family;
    }

    @Override
    protected Optional<DescribeTaskDefinitionResponse> find(StepContext context) {
        try {
            // The family alone resolves to its latest ACTIVE revision (ECS API Reference, DescribeTaskDefinition).
            DescribeTaskDefinitionResponse response = context.aws().ecs().describeTaskDefinition(r -> r
                    .taskDefinition(resourceName(context)).include(TaskDefinitionField.TAGS));
            return response.taskDefinition().status() == TaskDefinitionStatus.ACTIVE
                    ? Optional.of(response) : Optional.empty();
        } catch (ClientException e) {
            // ECS has no NotFound code for task definitions: a family without active revisions is a ClientException.
            return Optional.empty();
        }
    }

    @Override
    protected String idOf(DescribeTaskDefinitionResponse live) {
        return live.taskDefinition().taskDefinitionArn();
    }

    @Override
    protected Map<String, String> tagsOf(DescribeTaskDefinitionResponse live) {
        return EcsTags.toMap(live.tags());
    }

    @Override
    protected List<Change> diff(StepContext context, DescribeTaskDefinitionResponse live) {
        Map<String, String> desired = TaskDefinitionTemplate.fingerprint(template.apply(context));
        Map<String, String> observed = TaskDefinitionTemplate.fingerprint(live.taskDefinition());
        List<Change> changes = new ArrayList<>();
        TreeSet<String> paths = new TreeSet<>(desired.keySet());
        paths.addAll(observed.keySet());
        for (String path : paths) {
            if (!Objects.equals(desired.get(path), observed.get(path))) {
                changes.add(change(context, path, observed.get(path), desired.get(path)));
            }
        }
        tagChange(tags(context), tagsOf(live)).ifPresent(changes::add);
        return changes;
    }

    /**
     * One difference; a service's image as a release reads it: {@code image: api v1.4.1 (sha256:ab12…) → v1.4.2
     * (sha256:cd34…)}, the tags that name each digest now.
     */
    private Change change(StepContext context, String path, String observed, String desired) {
        if (service.isEmpty() || !path.equals("container." + service.get().id() + ".image") || observed == null
                || desired == null) {
            return Change.update(path, observed, desired);
        }
        ServiceKind kind = service.get();
        return Change.update("image", kind.repository() + " " + ServiceImage.describe(context, kind, observed),
                ServiceImage.describe(context, kind, desired));
    }

    @Override
    protected String createSummary(StepContext context) {
        return summary.apply(context);
    }

    @Override
    protected DescribeTaskDefinitionResponse create(StepContext context) {
        register(context);
        return find(context).orElseThrow();
    }

    private void register(StepContext context) {
        var request = template.apply(context).toBuilder()
                .tags(EcsTags.of(tags(context))).build();
        context.aws().ecs().registerTaskDefinition(request);
    }

    @Override
    protected void update(StepContext context, DescribeTaskDefinitionResponse live, List<Change> changes) {
        if (touchesMoreThanTags(changes)) {
            register(context); // a new revision; the service picks it up in its own step
        } else {
            context.aws().ecs().tagResource(r -> r.resourceArn(live.taskDefinition().taskDefinitionArn())
                    .tags(EcsTags.of(ResourceTags.missing(tags(context), tagsOf(live)))));
        }
    }

    @Override
    protected void publish(StepContext context, DescribeTaskDefinitionResponse live) {
        context.outputs().put(outputArn(id().value()), live.taskDefinition().taskDefinitionArn());
        service.ifPresent(kind -> {
            imageOf(live.taskDefinition(), kind).ifPresent(image -> {
                context.outputs().put(outputImage(kind), image);
                context.outputs().put(outputImageTags(kind), ServiceImage.describe(context, kind, image));
            });
            runningImage(context, kind, live.taskDefinition())
                    .ifPresent(image -> context.outputs().put(outputRunningImage(kind), image));
        });
    }

    @Override
    protected void delete(StepContext context, DescribeTaskDefinitionResponse live) {
        EcsClient ecs = context.aws().ecs();
        ecs.listTaskDefinitionsPaginator(r -> r.familyPrefix(resourceName(context)).status(TaskDefinitionStatus.ACTIVE))
                .taskDefinitionArns().stream()
                .filter(arn -> arn.contains("/" + resourceName(context) + ":"))
                .forEach(arn -> ecs.deregisterTaskDefinition(r -> r.taskDefinition(arn)));
    }

    private static Optional<String> imageOf(software.amazon.awssdk.services.ecs.model.TaskDefinition definition,
                                            ServiceKind kind) {
        return definition.containerDefinitions().stream().filter(c -> c.name().equals(kind.id())).findFirst()
                .map(software.amazon.awssdk.services.ecs.model.ContainerDefinition::image);
    }

    /**
     * The image the service runs now: that of the revision its PRIMARY deployment runs, which may be older than the
     * family's latest (a rollout the circuit breaker rolled back, a release whose task before the rollout failed).
     * Empty when the service does not exist under our name. One DescribeServices for the three services per plan.
     */
    private static Optional<String> runningImage(StepContext context, ServiceKind kind,
                                                 software.amazon.awssdk.services.ecs.model.TaskDefinition latest) {
        Map<String, String> running = context.reads().get("ecs.services.revisions", () -> revisions(context));
        String revision = running.get(context.naming().service(kind));
        if (revision == null) {
            return Optional.empty();
        }
        if (revision.equals(latest.taskDefinitionArn())) {
            return imageOf(latest, kind);
        }
        return imageOf(context, kind, revision);
    }

    /** The image of {@code kind}'s container in the task definition {@code revision} (DescribeTaskDefinition). */
    static Optional<String> imageOf(StepContext context, ServiceKind kind, String revision) {
        return imageOf(context.aws().ecs().describeTaskDefinition(r -> r.taskDefinition(revision)).taskDefinition(),
                kind);
    }

    /** {@code service name → the revision its PRIMARY deployment runs}, for the services under our names. */
    private static Map<String, String> revisions(StepContext context) {
        List<String> names = java.util.Arrays.stream(ServiceKind.values()).map(k -> context.naming().service(k))
                .toList();
        Map<String, String> revisions = new java.util.HashMap<>();
        try {
            context.aws().ecs().describeServices(r -> r.cluster(context.naming().base()).services(names)).services()
                    .stream().filter(s -> "ACTIVE".equals(s.status()))
                    .forEach(s -> revisions.put(s.serviceName(), ServiceStep.runningRevision(s)));
        } catch (software.amazon.awssdk.services.ecs.model.ClusterNotFoundException e) {
            return Map.of();
        }
        return Map.copyOf(revisions);
    }

    /** The image the service runs now ({@link #runningImage}), which a deploy without a named tag keeps. */
    public static String outputRunningImage(ServiceKind service) {
        return id(service) + ".running-image";
    }

    private Map<String, String> tags(StepContext context) {
        return ResourceTags.of(context.spec().environment(), StackName.COMPUTE, id().value());
    }
}
