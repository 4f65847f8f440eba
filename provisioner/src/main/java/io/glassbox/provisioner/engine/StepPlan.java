package io.glassbox.provisioner.engine;

import io.glassbox.provisioner.spec.StackName;
import java.util.List;
import java.util.Optional;

/**
 * The planned changes of one step.
 *
 * @param liveId the live resource's id when it exists (vpc-…, a queue URL, a bucket name)
 */
public record StepPlan(StepId id, StackName stack, String resourceType, String resourceName,
                       Optional<String> liveId, List<Change> changes) {

    public StepPlan {
        changes = List.copyOf(changes);
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
