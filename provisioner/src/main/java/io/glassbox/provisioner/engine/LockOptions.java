package io.glassbox.provisioner.engine;

import java.time.Duration;
import java.util.Objects;

/**
 * How a changing run takes the environment's lease lock (Terraform's {@code -lock-timeout} and
 * {@code force-unlock}).
 *
 * @param timeout     how long to wait for a lock another run holds before refusing ({@code 0}: refuse at once)
 * @param lease       how long a lock lasts without renewal: a crashed run's lock expires after this
 * @param forceUnlock remove a lock held by another run first (when that run is known to be dead)
 */
public record LockOptions(Duration timeout, Duration lease, boolean forceUnlock) {

    /** A lease of 10 minutes, renewed every third of it while the run lives. */
    public static final Duration DEFAULT_LEASE = Duration.ofMinutes(10);

    public LockOptions {
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(lease, "lease");
    }

    public static LockOptions defaults() {
        return new LockOptions(Duration.ZERO, DEFAULT_LEASE, false);
    }
}
