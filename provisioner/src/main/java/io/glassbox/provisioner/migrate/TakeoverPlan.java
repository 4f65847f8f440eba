package io.glassbox.provisioner.migrate;

import io.glassbox.provisioner.engine.Plan;
import io.glassbox.provisioner.engine.StepId;
import io.glassbox.provisioner.spec.Environment;
import java.util.List;

/**
 * What {@code migrate --from-cloudformation} will do to an environment the CDK app deployed: which step takes over
 * which resource, what is left and what becomes of it, which steps have nothing in CloudFormation (the first
 * deploy creates them), and in which order the stacks are deleted once every resource in them is retained
 * (importers of an export before its exporter). Made with read calls only.
 */
public record TakeoverPlan(Environment environment, List<CloudFormationStack> stacks, List<Takeover> takeovers,
                           List<Leftover> leftovers, List<StepId> notInCloudFormation, List<String> deletionOrder,
                           java.util.Optional<Plan> converge) {

    public TakeoverPlan(Environment environment, List<CloudFormationStack> stacks, List<Takeover> takeovers,
                        List<Leftover> leftovers, List<StepId> notInCloudFormation, List<String> deletionOrder) {
        this(environment, stacks, takeovers, leftovers, notInCloudFormation, deletionOrder, java.util.Optional.empty());
    }

    public TakeoverPlan {
        stacks = List.copyOf(stacks);
        takeovers = List.copyOf(takeovers);
        leftovers = List.copyOf(leftovers);
        notInCloudFormation = List.copyOf(notInCloudFormation);
        deletionOrder = List.copyOf(deletionOrder);
    }

    /** The same takeover with {@code plan}: what the deploy after it changes, each resource taken over as it is. */
    public TakeoverPlan withConverge(Plan plan) {
        return new TakeoverPlan(environment, stacks, takeovers, leftovers, notInCloudFormation, deletionOrder,
                java.util.Optional.of(plan));
    }

    /**
     * {@code step → physical id} of every resource taken over; the id is empty where CloudFormation reports none
     * (the step then finds its resource by tag or name, as always).
     */
    public java.util.Map<StepId, String> physicalIds() {
        java.util.Map<StepId, String> ids = new java.util.LinkedHashMap<>();
        takeovers.stream().filter(t -> t.role() == Takeover.Role.RESOURCE)
                .forEach(t -> ids.put(t.step(), t.resource().physicalId().orElse("")));
        return ids;
    }

    /** Whether there is anything left to take over: no stack of the environment remains. */
    public boolean nothingToTakeOver() {
        return stacks.isEmpty();
    }

    /** The takeover of a step's own resource, if CloudFormation has one. */
    public java.util.Optional<Takeover> resourceOf(StepId step) {
        return takeovers.stream().filter(t -> t.step().equals(step) && t.role() == Takeover.Role.RESOURCE).findFirst();
    }
}
