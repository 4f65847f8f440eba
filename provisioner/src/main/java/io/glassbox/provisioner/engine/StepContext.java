package io.glassbox.provisioner.engine;

import io.glassbox.provisioner.aws.AwsClients;
import io.glassbox.provisioner.aws.Naming;
import io.glassbox.provisioner.spec.EnvironmentSpec;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What a step sees during one run: the clients, the desired state, the names, the outputs published so far
 * and whether changes that need approval have it. One per run, shared by all steps (thread-safe).
 */
public final class StepContext {

    private final AwsClients aws;
    private final EnvironmentSpec spec;
    private final Naming naming;
    private final Outputs outputs;
    private final boolean approved;
    private final RunOptions options;
    private final SharedReads reads;
    private final Map<StepId, CloudFormationOrigin> takeovers;
    private final ProvisionerListener listener;
    private final Optional<StepId> step;

    public StepContext(AwsClients aws, EnvironmentSpec spec, Outputs outputs, boolean approved) {
        this(aws, spec, outputs, approved, RunOptions.defaults());
    }

    /** A context whose reads all go to AWS: for apply and destroy. */
    public StepContext(AwsClients aws, EnvironmentSpec spec, Outputs outputs, boolean approved, RunOptions options) {
        this(aws, spec, outputs, approved, options, SharedReads.none());
    }

    public StepContext(AwsClients aws, EnvironmentSpec spec, Outputs outputs, boolean approved, RunOptions options,
                       SharedReads reads) {
        this(aws, spec, outputs, approved, options, reads, Map.of());
    }

    /**
     * A context in which the resources of a takeover ({@code step → where CloudFormation has it}) are the steps'
     * own: found by CloudFormation's id (or its tags) before any tag or name of ours, and taken over even without
     * our ManagedBy tag.
     */
    public StepContext(AwsClients aws, EnvironmentSpec spec, Outputs outputs, boolean approved, RunOptions options,
                       SharedReads reads, Map<StepId, CloudFormationOrigin> takeovers) {
        this(aws, spec, outputs, approved, options, reads, takeovers, ProvisionerListener.none(), Optional.empty());
    }

    private StepContext(AwsClients aws, EnvironmentSpec spec, Outputs outputs, boolean approved, RunOptions options,
                        SharedReads reads, Map<StepId, CloudFormationOrigin> takeovers, ProvisionerListener listener,
                        Optional<StepId> step) {
        this.listener = listener;
        this.step = step;
        this.takeovers = Map.copyOf(takeovers);
        this.reads = reads;
        this.aws = aws;
        this.spec = spec;
        this.naming = new Naming(spec.environment());
        this.outputs = outputs;
        this.approved = approved;
        this.options = options;
    }

    /**
     * The same context, as seen by {@code step} while it runs: the waits it makes through {@link #retrying} are
     * told to {@code listener} under its id.
     */
    public StepContext during(StepId step, ProvisionerListener listener) {
        return new StepContext(aws, spec, outputs, approved, options, reads, takeovers, listener, Optional.of(step));
    }

    /**
     * Calls {@code call}, waiting out {@code refusal} while AWS answers it (the one bounded retry of the engine:
     * see {@link TransientRetry}); the wait shows in progress under the running step.
     *
     * @throws ProvisionerException when the refusal outlasts its limit (or {@code --max-wait})
     */
    public <T> T retrying(TransientRefusal refusal, Supplier<T> call) {
        return TransientRetry.run(refusal, options, step, listener, call);
    }

    /**
     * Asks {@code poll} until it answers (bounded by {@code timeout}, capped by {@code --max-wait}), the wait for
     * {@code what} shown in progress as {@link #retrying}'s: for what AWS shows only a while after a call succeeded.
     *
     * @throws ProvisionerException when nothing is answered in time
     */
    public <T> T awaiting(String what, java.time.Duration timeout, Supplier<Optional<T>> poll) {
        return TransientRetry.await(what, timeout, options, step, listener, poll);
    }

    /** {@link #retrying(TransientRefusal, Supplier)} for a call whose answer is not needed. */
    public void retrying(TransientRefusal refusal, Runnable call) {
        TransientRetry.run(refusal, options, step, listener, () -> {
            call.run();
            return null;
        });
    }

    /**
     * Says that the running step now waits for {@code what}, up to {@code timeout} (capped by {@code --max-wait}), so
     * that the wait shows in progress while it lasts ({@link Heartbeat}). Called by {@code Waits} for every SDK waiter.
     */
    public void waitsFor(String what, java.time.Duration timeout) {
        step.ifPresent(id -> listener.waitBegins(id, what, options.cap(timeout)));
    }

    /** Says how the running step's wait ({@link #waitsFor}) has progressed, shown at once ({@link Heartbeat}). */
    public void waitProgress(String what) {
        step.ifPresent(id -> listener.waitProgress(id, what));
    }

    /** Shows what a task the running step ran wrote to its log. */
    public void taskOutput(java.util.List<String> lines) {
        step.ifPresent(id -> listener.taskOutput(id, lines));
    }

    /** Where CloudFormation has the resource a takeover gives {@code step}, if this run takes one over. */
    public Optional<CloudFormationOrigin> takeoverOf(StepId step) {
        return Optional.ofNullable(takeovers.get(step));
    }

    /** Reads shared between the steps of this run (see {@link SharedReads}). */
    public SharedReads reads() {
        return reads;
    }

    public RunOptions options() {
        return options;
    }

    public AwsClients aws() {
        return aws;
    }

    public EnvironmentSpec spec() {
        return spec;
    }

    public Naming naming() {
        return naming;
    }

    public Outputs outputs() {
        return outputs;
    }

    /** Whether the operator approved replacements, deletions and broadening changes for this run. */
    public boolean approved() {
        return approved;
    }
}
