package io.glassbox.provisioner.stacks.compute;

import io.glassbox.provisioner.aws.ResourceTags;
import io.glassbox.provisioner.aws.Timeouts;
import io.glassbox.provisioner.aws.Waits;
import io.glassbox.provisioner.engine.ProvisionerException;
import io.glassbox.provisioner.engine.StepContext;
import io.glassbox.provisioner.engine.StepId;
import io.glassbox.provisioner.spec.NetworkSpec;
import io.glassbox.provisioner.spec.SecurityGroupRole;
import io.glassbox.provisioner.spec.StackName;
import io.glassbox.provisioner.spec.SubnetTier;
import io.glassbox.provisioner.stacks.network.SecurityGroupStep;
import io.glassbox.provisioner.stacks.network.TierSubnets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudwatchlogs.model.OutputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.AssignPublicIp;
import software.amazon.awssdk.services.ecs.model.Container;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.PropagateTags;
import software.amazon.awssdk.services.ecs.model.RunTaskResponse;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

/**
 * Runs a one-off Fargate task on the environment's cluster, where the services run: in the private subnets with the
 * ECS security group and no public IP, so it reaches what the services reach (the database). Waits until it has
 * stopped; a task that did not start or exited with another code than 0 fails with one message: why ECS stopped it,
 * its exit code and its last log lines.
 */
public final class OneOffTask {

    /** How many of the task's last log lines a failure quotes. */
    private static final int LOG_LINES = 10;
    /** How many of a release task's last log lines a success shows. */
    private static final int OUTPUT_LINES = 50;

    /** Another command for the task's container ({@code name}): ECS's containerOverrides. */
    public record Command(String container, List<String> words) {
        public Command {
            words = List.copyOf(words);
        }
    }

    private OneOffTask() {
    }

    /**
     * What a step that runs a one-off task depends on: the task definition step, and where the task runs (the
     * cluster, the ECS security group, the private subnets), with {@code more} of the step's own.
     */
    public static Set<StepId> dependencies(NetworkSpec network, String taskDefinitionStep, StepId... more) {
        Set<StepId> ids = new LinkedHashSet<>(List.of(StepId.of(taskDefinitionStep), StepId.of(ClusterStep.ID),
                StepId.of(SecurityGroupStep.id(SecurityGroupRole.ECS))));
        ids.addAll(List.of(more));
        for (String subnet : TierSubnets.stepIds(network, SubnetTier.PRIVATE)) {
            ids.add(StepId.of(subnet));
        }
        return Set.copyOf(ids);
    }

    /**
     * Runs the latest revision of the task definition that step {@code taskDefinitionStep} registers, and waits
     * until it has stopped with exit code 0.
     *
     * @param purpose what the task does, for messages ({@code "the data-plane task"})
     * @param stack   the stack the task is run for (its tags)
     * @param stepId  the step that runs it (its tags)
     * @throws ProvisionerException when the cluster or task definition is missing, or the task failed
     */
    public static void run(StepContext context, NetworkSpec network, String taskDefinitionStep, String purpose,
                           StackName stack, String stepId) {
        run(context, network, taskDefinitionStep, purpose, stack, stepId, Optional.empty());
    }

    /**
     * As {@link #run(StepContext, NetworkSpec, String, String, StackName, String)}, with {@code command} (when given)
     * instead of the container's own (a release task: the service's task definition, its image, environment and
     * secrets, another command). Returns the task's log lines, for the operator to see.
     */
    public static List<String> run(StepContext context, NetworkSpec network, String taskDefinitionStep, String purpose,
                                   StackName stack, String stepId, Optional<Command> command) {
        String cluster = context.naming().base();
        if (context.outputs().get(ClusterStep.OUTPUT_ARN).isEmpty()) {
            throw new ProvisionerException(purpose + " runs on the ECS cluster " + cluster + ", which does not exist"
                    + " yet: deploy the Compute stack as well");
        }
        String taskDefinition = context.outputs().require(TaskDefinitionStep.outputArn(taskDefinitionStep));
        EcsClient ecs = context.aws().ecs();
        RunTaskResponse response = ecs.runTask(r -> r.cluster(cluster).taskDefinition(taskDefinition).count(1)
                .launchType(LaunchType.FARGATE)
                .networkConfiguration(n -> n.awsvpcConfiguration(v -> v
                        .subnets(TierSubnets.ids(context, network, SubnetTier.PRIVATE))
                        .securityGroups(context.outputs().require(SecurityGroupStep.outputId(SecurityGroupRole.ECS)))
                        .assignPublicIp(AssignPublicIp.DISABLED)))
                .overrides(o -> command.ifPresent(c -> o.containerOverrides(co -> co.name(c.container())
                        .command(c.words()))))
                .startedBy("glassbox-provisioner")
                .tags(EcsTags.of(ResourceTags.of(context.spec().environment(), stack, stepId)))
                .enableECSManagedTags(true).propagateTags(PropagateTags.TASK_DEFINITION)
                // One task per run: the token only keeps the SDK's retry of this call from starting a second one.
                .clientToken(UUID.randomUUID().toString()));
        if (!response.failures().isEmpty() || response.tasks().isEmpty()) {
            throw new ProvisionerException(purpose + " could not be started: " + response.failures().stream()
                    .map(f -> f.reason() + (f.detail() == null ? "" : " (" + f.detail() + ")"))
                    .collect(Collectors.joining("; ")));
        }
        String taskArn = response.tasks().get(0).taskArn();
        String taskId = taskArn.substring(taskArn.lastIndexOf('/') + 1);
        try {
            // Fargate finds capacity, pulls the image and runs it: PROVISIONING → PENDING → RUNNING → STOPPED
            // (ECS Developer Guide, "Amazon ECS task lifecycle").
            ecs.waiter().waitUntilTasksStopped(r -> r.cluster(cluster).tasks(taskArn),
                    Waits.upTo(context, "the one-off task " + taskArn + " to stop", Timeouts.ONE_OFF_TASK));
        } catch (SdkException e) {
            throw new ProvisionerException(purpose + " " + taskId + " did not stop within "
                    + context.options().cap(Timeouts.ONE_OFF_TASK).toMinutes() + " min; stop it with aws ecs stop-task"
                    + " --cluster " + cluster + " --task " + taskId + " and see its log");
        }
        Task task = ecs.describeTasks(r -> r.cluster(cluster).tasks(taskArn)).tasks().get(0);
        // The task's one container: its exit code decides; its definition (image, log stream) only explains a failure.
        Integer exitCode = task.containers().stream().findFirst().map(Container::exitCode).orElse(null);
        if (exitCode != null && exitCode == 0 && command.isEmpty()) {
            return List.of();
        }
        TaskDefinition definition = ecs.describeTaskDefinition(r -> r.taskDefinition(taskDefinition)).taskDefinition();
        ContainerDefinition essential = definition.containerDefinitions().get(0);
        if (exitCode != null && exitCode == 0) {
            return logLines(context, essential, taskId, OUTPUT_LINES);
        }
        String why = exitCode == null
                ? "did not run: " + Optional.ofNullable(task.stoppedReason()).orElse(task.stopCodeAsString())
                : "exited with code " + exitCode + " (" + task.stoppedReason() + ")";
        throw new ProvisionerException(purpose + " " + taskId + " (image " + essential.image() + ") " + why
                + lastLogLines(context, essential, taskId));
    }

    /** {@code ; its last log lines (GROUP, STREAM): line | line}, or nothing when the task wrote none. */
    private static String lastLogLines(StepContext context, ContainerDefinition container, String taskId) {
        if (container.logConfiguration() == null) {
            return "";
        }
        List<String> lines = logLines(context, container, taskId, LOG_LINES);
        return lines.isEmpty() ? "; it wrote no log lines (" + stream(container, taskId) + ")"
                : "; its last log lines (" + stream(container, taskId) + "): " + String.join(" | ", lines);
    }

    /** The task's last {@code limit} log lines, oldest first (none when it wrote none or logs nowhere). */
    private static List<String> logLines(StepContext context, ContainerDefinition container, String taskId,
                                         int limit) {
        if (container.logConfiguration() == null) {
            return List.of();
        }
        String group = container.logConfiguration().options().get("awslogs-group");
        String stream = streamName(container, taskId);
        try {
            return context.aws().logs().getLogEvents(r -> r.logGroupName(group).logStreamName(stream)
                    .limit(limit).startFromHead(false)).events().stream().map(OutputLogEvent::message)
                    .map(String::strip).toList();
        } catch (ResourceNotFoundException e) {
            return List.of();
        }
    }

    /** {@code GROUP, STREAM}, where the task's log lines are. */
    private static String stream(ContainerDefinition container, String taskId) {
        return container.logConfiguration().options().get("awslogs-group") + ", " + streamName(container, taskId);
    }

    /** The awslogs driver's stream: PREFIX/CONTAINER/TASK-ID (ECS Developer Guide, "Using the awslogs driver"). */
    private static String streamName(ContainerDefinition container, String taskId) {
        return container.logConfiguration().options().get("awslogs-stream-prefix") + "/" + container.name() + "/"
                + taskId;
    }
}
