package io.glassbox.provisioner.stacks.compute;

import io.glassbox.provisioner.engine.Change;
import io.glassbox.provisioner.engine.Step;
import io.glassbox.provisioner.engine.StepContext;
import io.glassbox.provisioner.engine.StepId;
import io.glassbox.provisioner.engine.StepPlan;
import io.glassbox.provisioner.spec.NetworkSpec;
import io.glassbox.provisioner.spec.ReleaseTask;
import io.glassbox.provisioner.spec.StackName;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A release's task before the rollout ({@code deploy --before-rollout "api: ./migrate up"}): a one-off Fargate task
 * of the service's new task definition (its image, environment and secrets; the command overridden) in the private
 * subnets, as the services run. Every service depends on it, so none rolls out unless it exited 0; one that fails
 * fails the deploy with its reason and last log lines, and the services are skipped, still on what they ran. Its log
 * lines are shown when it passes. Owns no AWS resource: a task run by the deploy, never counted as a change.
 */
public final class ReleaseTaskStep implements Step {

    public static final String ID = "compute.release-task";

    private final ReleaseTask task;
    private final NetworkSpec network;

    public ReleaseTaskStep(ReleaseTask task, NetworkSpec network) {
        this.task = task;
        this.network = network;
    }

    @Override
    public StepId id() {
        return StepId.of(ID);
    }

    @Override
    public StackName stack() {
        return StackName.COMPUTE;
    }

    /** The service's task definition (the new revision), and where a one-off task runs: cluster, subnets, group. */
    @Override
    public Set<StepId> dependencies() {
        return OneOffTask.dependencies(network, TaskDefinitionStep.id(task.service()));
    }

    @Override
    public boolean runsEveryDeploy() {
        return true;
    }

    @Override
    public String resourceType() {
        return "release task";
    }

    @Override
    public String resourceName(StepContext context) {
        return task.toString();
    }

    @Override
    public StepPlan plan(StepContext context) {
        ServiceImage.Choice image = ServiceImage.of(context, task.service());
        return StepPlan.task(id(), stack(), resourceType(), resourceName(context), Optional.empty(),
                List.of(Change.create("run " + String.join(" ", task.command()) + " in a one-off task of "
                        + context.naming().service(task.service()) + "'s new task definition (image "
                        + ServiceImage.describe(context, task.service(), image.reference())
                        + ") before any service rolls out")));
    }

    @Override
    public boolean apply(StepContext context) {
        List<String> lines = OneOffTask.run(context, network, TaskDefinitionStep.id(task.service()),
                "the release task (" + task + ")", stack(), ID,
                Optional.of(new OneOffTask.Command(task.service().id(), task.command())));
        context.taskOutput(lines);
        return false;
    }

    @Override
    public Optional<String> destroyRefusal(StepContext context) {
        return Optional.empty();
    }

    @Override
    public boolean destroy(StepContext context) {
        return false; // a task that ran and stopped: nothing is left of it
    }
}
