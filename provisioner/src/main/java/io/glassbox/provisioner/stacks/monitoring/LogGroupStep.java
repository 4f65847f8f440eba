package io.glassbox.provisioner.stacks.monitoring;

import io.glassbox.provisioner.aws.ResourceTags;
import io.glassbox.provisioner.engine.Change;
import io.glassbox.provisioner.engine.DeletableData;
import io.glassbox.provisioner.engine.ResourceStep;
import io.glassbox.provisioner.engine.StepContext;
import io.glassbox.provisioner.spec.ServiceKind;
import io.glassbox.provisioner.spec.StackName;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogGroup;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;

/**
 * A log group with the spec's retention (30 days): a service's {@code /ecs/glassbox-{env}/{service}}, or the VPC flow
 * logs' {@code /vpc/glassbox-{env}/flow-logs} (FSBP EC2.6). Logs are data: destroy keeps the group unless the operator
 * passes {@code --delete-logs}.
 */
public final class LogGroupStep extends ResourceStep<LogGroupStep.LiveLogGroup> {

    private static final String RETENTION = "retentionInDays";

    /** The log group and its tags. */
    record LiveLogGroup(LogGroup group, Map<String, String> tags) {
        /** The ARN without the {@code :*} that DescribeLogGroups appends for log streams. */
        String arn() {
            return group.logGroupArn() != null ? group.logGroupArn() : group.arn().replaceFirst(":\\*$", "");
        }
    }

    public static final String FLOW_LOGS_ID = "network.flow-logs.log-group";

    private final StackName stack;
    private final Function<StepContext, String> name;
    private final Function<StepContext, String> listedPrefix;

    private LogGroupStep(String id, StackName stack, Function<StepContext, String> name,
                         Function<StepContext, String> listedPrefix) {
        super(id, stack);
        this.stack = stack;
        this.name = name;
        this.listedPrefix = listedPrefix;
    }

    public LogGroupStep(ServiceKind service) {
        this(id(service), StackName.MONITORING, c -> c.naming().logGroup(service), c -> c.naming().logGroupPrefix());
    }

    /** The VPC flow logs' group, in the Network stack with the flow log that writes to it. */
    public static LogGroupStep flowLogs() {
        return new LogGroupStep(FLOW_LOGS_ID, StackName.NETWORK, c -> c.naming().flowLogGroup(),
                c -> c.naming().flowLogGroup());
    }

    public static String id(ServiceKind service) {
        return "monitoring.log-group." + service.id();
    }

    /** The group's name, for the task definition's awslogs options. */
    public static String outputName(ServiceKind service) {
        return outputName(id(service));
    }

    /** The name of the group of step {@code stepId}. */
    public static String outputName(String stepId) {
        return stepId + ".name";
    }

    /** The ARN of the group of step {@code stepId}. */
    public static String outputArn(String stepId) {
        return stepId + ".arn";
    }

    @Override
    public String resourceType() {
        return "log group";
    }

    @Override
    public String resourceName(StepContext context) {
        return name.apply(context);
    }

    @Override
    protected Optional<LiveLogGroup> find(StepContext context) {
        CloudWatchLogsClient logs = context.aws().logs();
        String name = resourceName(context);
        // One Describe for the environment's log groups under a prefix (/ecs/glassbox-{env}/...), shared during a plan.
        String prefix = listedPrefix.apply(context);
        List<LogGroup> all = context.reads().get("logs.groups " + prefix, () -> logs.describeLogGroupsPaginator(
                r -> r.logGroupNamePrefix(prefix)).logGroups().stream().toList());
        Optional<LogGroup> group = all.stream().filter(g -> g.logGroupName().equals(name)).findFirst();
        if (group.isEmpty()) {
            return Optional.empty();
        }
        try {
            String arn = new LiveLogGroup(group.get(), Map.of()).arn();
            Map<String, String> tags = logs.listTagsForResource(r -> r.resourceArn(arn)).tags();
            return Optional.of(new LiveLogGroup(group.get(), tags));
        } catch (ResourceNotFoundException e) {
            return Optional.empty();
        }
    }

    @Override
    protected String idOf(LiveLogGroup live) {
        return live.arn();
    }

    @Override
    protected Map<String, String> tagsOf(LiveLogGroup live) {
        return live.tags();
    }

    @Override
    protected List<Change> diff(StepContext context, LiveLogGroup live) {
        List<Change> changes = new ArrayList<>();
        int retention = context.spec().monitoring().logRetentionDays();
        if (!Objects.equals(live.group().retentionInDays(), retention)) {
            changes.add(Change.update(RETENTION, live.group().retentionInDays() == null ? "never expire"
                    : live.group().retentionInDays(), retention));
        }
        tagChange(tags(context), live.tags()).ifPresent(changes::add);
        return changes;
    }

    @Override
    protected String createSummary(StepContext context) {
        return "log group, retention " + context.spec().monitoring().logRetentionDays() + " days";
    }

    @Override
    protected LiveLogGroup create(StepContext context) {
        CloudWatchLogsClient logs = context.aws().logs();
        logs.createLogGroup(r -> r.logGroupName(resourceName(context)).tags(tags(context)));
        logs.putRetentionPolicy(r -> r.logGroupName(resourceName(context))
                .retentionInDays(context.spec().monitoring().logRetentionDays()));
        return find(context).orElseThrow();
    }

    @Override
    protected void update(StepContext context, LiveLogGroup live, List<Change> changes) {
        CloudWatchLogsClient logs = context.aws().logs();
        if (touches(changes, RETENTION)) {
            logs.putRetentionPolicy(r -> r.logGroupName(resourceName(context))
                    .retentionInDays(context.spec().monitoring().logRetentionDays()));
        }
        if (touches(changes, TAGS)) {
            logs.tagResource(r -> r.resourceArn(live.arn()).tags(ResourceTags.missing(tags(context), live.tags())));
        }
    }

    @Override
    protected void publish(StepContext context, LiveLogGroup live) {
        context.outputs().put(outputName(id().value()), live.group().logGroupName());
        context.outputs().put(outputArn(id().value()), live.arn());
    }

    /** Logs are data (DESIGN.md, "Never lose data"): destroy keeps them unless {@code --delete-logs}. */
    @Override
    public boolean keptByDestroy(StepContext context) {
        return !context.options().mayDelete(DeletableData.LOGS);
    }

    @Override
    protected void delete(StepContext context, LiveLogGroup live) {
        try {
            context.aws().logs().deleteLogGroup(r -> r.logGroupName(resourceName(context)));
        } catch (ResourceNotFoundException e) {
            // already gone
        }
    }

    private Map<String, String> tags(StepContext context) {
        return ResourceTags.of(context.spec().environment(), stack, id().value());
    }
}
