package io.glassbox.provisioner.engine;

import io.glassbox.provisioner.spec.Environment;
import java.util.List;
import java.util.Map;

/**
 * The result of observing and diffing an environment: one {@link StepPlan} per selected step in graph order,
 * the steps that could not be planned (with why), and the outputs of the resources that exist. A plan is
 * made with read-only calls only.
 */
public record Plan(Environment environment, List<StepPlan> steps, Map<StepId, String> failures,
                   Map<String, String> observedOutputs) {

    public Plan {
        steps = List.copyOf(steps);
        failures = Map.copyOf(failures);
        observedOutputs = Map.copyOf(observedOutputs);
    }

    /** The plan of one step, if it was planned. */
    public java.util.Optional<StepPlan> step(StepId id) {
        return steps.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    public boolean hasChanges() {
        return steps.stream().anyMatch(StepPlan::hasChanges);
    }

    public boolean complete() {
        return failures.isEmpty();
    }

    /** How many steps have a change of this headline kind. */
    public long count(ChangeKind kind) {
        return steps.stream().filter(s -> s.headline().filter(kind::equals).isPresent()).count();
    }

    /**
     * What replacing or deleting a data-holding resource would lose without the operator's {@code --delete-*}
     * flag, as {@code resource: why} lines. Approval ({@code --yes}, an {@link ApprovalPolicy}) never covers these.
     */
    public List<String> dataLossRefusals() {
        return steps.stream().flatMap(s -> s.dataLoss().stream()).toList();
    }

    /** What the operator should know that no change fixes, as {@code resource: notice} lines. */
    public List<String> notices() {
        return steps.stream().flatMap(s -> s.notices().stream()
                .map(n -> s.resourceType() + " " + s.resourceName() + ": " + n)).toList();
    }

    /** Every change that needs approval, as {@code step: change} lines. */
    public List<String> changesNeedingApproval() {
        return steps.stream().flatMap(s -> s.changes().stream().filter(Change::needsApproval)
                .map(c -> s.resourceType() + " " + s.resourceName() + ": " + c.describe())).toList();
    }
}
