package io.glassbox.provisioner.aws;

import io.glassbox.provisioner.engine.RunOptions;
import io.glassbox.provisioner.engine.StepContext;
import java.time.Duration;
import java.util.function.Consumer;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.core.waiters.WaiterOverrideConfiguration;

/**
 * The one way every step configures an SDK waiter: its own timeout (capped by {@code --max-wait}) and the run's
 * poll interval instead of the waiter's default of 15-60 s (see {@code RunOptions.DEFAULT_POLL_INTERVAL}).
 */
public final class Waits {

    private Waits() {
    }

    /**
     * Waiter settings for a wait for {@code what} of at most {@code timeout}; the wait shows in progress while it lasts
     * ({@link StepContext#waitsFor}). Called where the waiter is called, as the wait begins.
     */
    public static Consumer<WaiterOverrideConfiguration.Builder> upTo(StepContext context, String what,
                                                                     Duration timeout) {
        context.waitsFor(what, timeout);
        return w -> configure(w, context.options(), timeout);
    }

    /** Applies the settings of {@link #upTo} to a waiter builder's override configuration. */
    public static WaiterOverrideConfiguration.Builder configure(WaiterOverrideConfiguration.Builder builder,
                                                               RunOptions options, Duration timeout) {
        Duration limit = options.cap(timeout);
        Duration poll = options.pollWithin(limit);
        // Each SDK waiter also stops after a fixed number of attempts (RDS 60, ElastiCache 40, sized for its
        // own 30 s / 15 s poll); at a shorter poll that count would end the wait long before the timeout, so
        // the attempts are sized to let the timeout decide.
        int attempts = (int) Math.min(Integer.MAX_VALUE, limit.toNanos() / poll.toNanos() + 2);
        return builder.waitTimeout(limit).maxAttempts(attempts)
                .backoffStrategyV2(BackoffStrategy.fixedDelayWithoutJitter(poll));
    }
}
