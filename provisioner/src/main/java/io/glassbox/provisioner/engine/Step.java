package io.glassbox.provisioner.engine;

import io.glassbox.provisioner.spec.EnvironmentSpec;
import io.glassbox.provisioner.spec.StackName;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * One resource kind's reconciliation (DESIGN.md, "The step model"): observe the live resource, diff it
 * against the spec, apply only the differences, or destroy it. Implementations are stateless between
 * calls; everything a run learns goes into the {@link StepContext}'s outputs.
 */
public interface Step {

    StepId id();

    StackName stack();

    /** Steps whose outputs this one needs before it can be applied (and which it must outlive on destroy). */
    Set<StepId> dependencies();

    /** What kind of AWS resource this is, for plans and messages: {@code VPC}, {@code SQS queue}. */
    String resourceType();

    /** The resource's deterministic name. */
    String resourceName(StepContext context);

    /**
     * Whether apply runs this step on every deploy, even with nothing planned: data-plane checks, which
     * the plan (AWS reads only) cannot see and which are idempotent and make no AWS change.
     */
    default boolean runsEveryDeploy() {
        return false;
    }

    /**
     * How long AWS usually takes to create this resource, for scheduling only: when more steps are ready than
     * can run, those at the head of the longest remaining chain start first. Zero for the many resources that
     * are ready within a call or two.
     */
    default Duration typicalCreation(EnvironmentSpec spec) {
        return Duration.ZERO;
    }

    /** Observe and diff, publishing the live resource's outputs. Read-only calls only. */
    StepPlan plan(StepContext context);

    /**
     * Converge the live resource to the spec: create it, or update what differs. Returns whether it changed anything
     * (false when the live resource already matched, as after a dependency changed without touching it), so that a
     * run counts what it changed as the plan counted it.
     */
    boolean apply(StepContext context);

    /**
     * Why destroying this resource must not go ahead (a non-empty bucket, say), checked for every step before
     * anything is deleted. Read-only calls only.
     */
    Optional<String> destroyRefusal(StepContext context);

    /**
     * Whether destroy leaves this resource in place (log groups: their logs are data) and says so, rather than
     * deleting it. Read-only.
     */
    default boolean keptByDestroy(StepContext context) {
        return false;
    }

    /**
     * Takes over the live resource a takeover gives this step ({@link StepContext#takeoverOf}): our tags are added
     * to it and nothing else is changed, so that it is found as ours once CloudFormation lets go of it. Publishes
     * its outputs for the steps after it. Returns its id; empty when there is no such resource (or the step has
     * no AWS resource of its own).
     */
    default Optional<String> claim(StepContext context) {
        return Optional.empty();
    }

    /**
     * Delete the resource if it exists and wait until it is gone; absent counts as done. Returns whether it deleted
     * anything (false when it was absent or its deletion was already under way).
     */
    boolean destroy(StepContext context);
}
