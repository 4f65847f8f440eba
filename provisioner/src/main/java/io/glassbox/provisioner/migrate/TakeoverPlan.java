package io.glassbox.provisioner.migrate;

import io.glassbox.provisioner.engine.CloudFormationOrigin;
import io.glassbox.provisioner.engine.Plan;
import io.glassbox.provisioner.engine.StepId;
import io.glassbox.provisioner.engine.StepPlan;
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
     * {@code step → where CloudFormation has its resource}, for every resource taken over; the physical id is empty
     * where CloudFormation reports none (the step then finds its resource by CloudFormation's tags).
     */
    public java.util.Map<StepId, CloudFormationOrigin> origins() {
        java.util.Map<StepId, CloudFormationOrigin> origins = new java.util.LinkedHashMap<>();
        takeovers.stream().filter(t -> t.role() == Takeover.Role.RESOURCE).forEach(t -> origins.put(t.step(),
                new CloudFormationOrigin(t.resource().stack(), t.resource().logicalId(),
                        t.resource().physicalId().orElse(""))));
        return origins;
    }

    /** The steps whose resources a stack holds (the parts kept with them left out). */
    public java.util.List<StepId> stepsIn(String stack) {
        return takeovers.stream().filter(t -> t.role() == Takeover.Role.RESOURCE)
                .filter(t -> t.resource().stack().equals(stack)).map(Takeover::step).toList();
    }

    /**
     * The steps with nothing in CloudFormation that the deploy after the takeover changes (creates, or, for what is
     * always found, such as the alarm topic's set of subscriptions, fills): all of {@link #notInCloudFormation} until
     * that deploy is planned. A step it leaves as it is (no alarm email configured, none subscribed) is not named.
     */
    public List<StepId> madeByTheDeploy() {
        return converge.map(plan -> notInCloudFormation.stream()
                .filter(step -> plan.step(step).map(StepPlan::hasChanges).orElse(true))
                .toList()).orElse(notInCloudFormation);
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
