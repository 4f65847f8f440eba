package io.glassbox.provisioner.engine;

import io.glassbox.provisioner.aws.CallerIdentity;
import java.time.Duration;
import java.util.Map;

/**
 * Progress of a run, for a console, JSON lines or release tooling. Called from worker threads; every method
 * has an empty default, so a listener implements only what it shows.
 */
public interface ProvisionerListener {

    /** Who the run acts as and where (account, caller, region): told once, before anything else. */
    default void identity(CallerIdentity identity) {
    }

    /** The plan of one step (called once per step, in graph order, when the whole plan is known). */
    default void planned(StepPlan plan) {
    }

    /** A step began to apply or destroy. */
    default void stepStarted(StepId step, String action) {
    }

    /** A step finished; {@code detail} names the error of a failed step or why it was skipped. */
    default void stepFinished(StepId step, StepStatus status, Duration duration, String detail) {
    }

    /**
     * A running step waits: for AWS to stop refusing a call ({@link TransientRefusal}), for a resource to become
     * available, for a rollout. {@code what} it waits for, how long it has waited so far and the most it will (zero
     * when no single wait bounds it). Told when a refusal begins and at least every 30 s while any wait lasts.
     */
    default void waiting(StepId step, String what, Duration waited, Duration limit) {
    }

    /**
     * A running step begins a wait that may be long (an SDK waiter, a rollout): {@code what} it waits for, and the most
     * it will. A {@link Heartbeat} reports it through {@link #waiting} at least every 30 s while it lasts.
     */
    default void waitBegins(StepId step, String what, Duration limit) {
    }

    /**
     * The wait a running step began has progressed ({@code what} now: "the rollout of … : 2 of 3 tasks running"). A
     * {@link Heartbeat} reports it at once through {@link #waiting} and keeps reporting it.
     */
    default void waitProgress(StepId step, String what) {
    }

    /** What a task the deploy ran (a release task) wrote to its log, oldest line first. */
    default void taskOutput(StepId step, java.util.List<String> lines) {
    }

    /**
     * A stage of a takeover from CloudFormation reached: {@code claimed} (our tags on every resource taken over),
     * {@code retained} (a stack's resources all have Retain), {@code released} (a stack deleted, everything in it
     * still there), with the stack it concerns (empty for {@code claimed}) and a line for the operator.
     */
    default void takeoverStage(String stage, String stack, String detail) {
    }

    /** Something the operator should know that changes nothing and fails nothing (a quota that could not be read). */
    default void notice(String message) {
    }

    /** The environment's outputs at the end of a run. */
    default void outputs(Map<String, String> outputs) {
    }

    /** A listener that ignores everything. */
    static ProvisionerListener none() {
        return new ProvisionerListener() {
        };
    }
}
