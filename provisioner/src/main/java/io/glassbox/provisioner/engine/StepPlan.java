package io.glassbox.provisioner.engine;

import io.glassbox.provisioner.spec.StackName;
import java.util.List;
import java.util.Optional;

/**
 * The planned changes of one step.
 *
 * @param liveId   the live resource's id when it exists (vpc-…, a queue URL, a bucket name)
 * @param dataLoss why a planned replacement must not go ahead: the data deleting the live resource would lose
 *                 that the operator has not named with its {@code --delete-*} flag (DESIGN.md, "Never lose
 *                 data"). Not empty refuses the whole deploy up front, whatever was approved.
 * @param notices  what the operator should know but no change can fix (a live value above a configured
 *                 maximum, say): shown with the plan, never applied, not counted as a change
 */
public record StepPlan(StepId id, StackName stack, String resourceType, String resourceName,
                       Optional<String> liveId, List<Change> changes, List<String> dataLoss, List<String> notices) {

    public StepPlan {
        changes = List.copyOf(changes);
        dataLoss = List.copyOf(dataLoss);
        notices = List.copyOf(notices);
    }

    /** A plan without data at risk and without notices. */
    public StepPlan(StepId id, StackName stack, String resourceType, String resourceName, Optional<String> liveId,
                    List<Change> changes) {
        this(id, stack, resourceType, resourceName, liveId, changes, List.of(), List.of());
    }

    public boolean hasChanges() {
        return !changes.isEmpty();
    }

    public boolean exists() {
        return liveId.isPresent();
    }

    /** The kind that sums up the step's changes for the plan's first line: replace wins over update. */
    public Optional<ChangeKind> headline() {
        if (changes.isEmpty()) {
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
