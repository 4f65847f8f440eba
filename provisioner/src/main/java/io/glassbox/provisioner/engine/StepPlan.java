package io.glassbox.provisioner.engine;

import io.glassbox.provisioner.spec.StackName;
import java.util.List;
import java.util.Optional;

/**
 * The planned changes of one step.
 *
 * @param liveId           the live resource's id when it exists (vpc-…, a queue URL, a bucket name)
 * @param dataLoss         why a planned replacement must not go ahead: the data deleting the live resource would lose
 *                         that the operator has not named with its {@code --delete-*} flag (DESIGN.md, "Never lose
 *                         data"). Not empty refuses the whole deploy up front, whatever was approved.
 * @param notices          what the operator should know but no change can fix (a live value above a configured
 *                         maximum, say): shown with the plan, never applied, not counted as a change
 * @param task             a task every deploy runs (the data plane's checks: database extensions, Redis readiness;
 *                         a release's task before the rollout): no AWS resource of its own, so its planned work is
 *                         shown apart and never counted as a change
 * @param deletionUnderway the live resource is already being deleted (a secret or key scheduled for deletion): a
 *                         destroy has nothing left to delete, though a deploy restores it
 */
public record StepPlan(StepId id, StackName stack, String resourceType, String resourceName,
                       Optional<String> liveId, List<Change> changes, List<String> dataLoss, List<String> notices,
                       boolean task, boolean deletionUnderway) {

    public StepPlan {
        changes = List.copyOf(changes);
        dataLoss = List.copyOf(dataLoss);
        notices = List.copyOf(notices);
    }

    /** A resource's plan, its deletion not under way. */
    public StepPlan(StepId id, StackName stack, String resourceType, String resourceName, Optional<String> liveId,
                    List<Change> changes, List<String> dataLoss, List<String> notices) {
        this(id, stack, resourceType, resourceName, liveId, changes, dataLoss, notices, false, false);
    }

    /** A plan without data at risk and without notices. */
    public StepPlan(StepId id, StackName stack, String resourceType, String resourceName, Optional<String> liveId,
                    List<Change> changes) {
        this(id, stack, resourceType, resourceName, liveId, changes, List.of(), List.of());
    }

    /** The plan of a task every deploy runs: what it will do ({@code work}, none once what it works on exists). */
    public static StepPlan task(StepId id, StackName stack, String resourceType, String resourceName,
                                          Optional<String> liveId, List<Change> work) {
        return new StepPlan(id, stack, resourceType, resourceName, liveId, work, List.of(), List.of(), true, false);
    }

    /** Whether a deploy changes this step's resource (a task never counts: it runs every deploy). */
    public boolean hasChanges() {
        return !task && !changes.isEmpty();
    }

    /** Whether the step has a live resource of its own that exists (a task has none). */
    public boolean exists() {
        return !task && liveId.isPresent();
    }

    /** Whether a destroy would delete the live resource: it exists and is not already being deleted. */
    public boolean deletable() {
        return exists() && !deletionUnderway;
    }

    /** The kind that sums up the step's changes for the plan's first line: replace wins over update. */
    public Optional<ChangeKind> headline() {
        if (!hasChanges()) {
            return Optional.empty();
        }
        for (ChangeKind kind : List.of(ChangeKind.CREATE, ChangeKind.DELETE, ChangeKind.REPLACE)) {
            if (changes.stream().anyMatch(c -> c.kind() == kind)) {
                return Optional.of(kind);
            }
        }
        return Optional.of(ChangeKind.UPDATE);
    }
}
