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
 * @param unlock      whether a live lock may be removed by {@code forceUnlock}, and who is told whose lock went
 */
public record LockOptions(Duration timeout, Duration lease, boolean forceUnlock, ForceUnlock unlock) {

    /** A lease of 10 minutes, renewed every third of it while the run lives. */
    public static final Duration DEFAULT_LEASE = Duration.ofMinutes(10);

    public LockOptions {
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(lease, "lease");
        Objects.requireNonNull(unlock, "unlock");
    }

    /** Options whose {@code forceUnlock} removes only a lock whose holder is known to be gone or whose lease expired. */
    public LockOptions(Duration timeout, Duration lease, boolean forceUnlock) {
        this(timeout, lease, forceUnlock, ForceUnlock.refusingLive());
    }

    public static LockOptions defaults() {
        return new LockOptions(Duration.ZERO, DEFAULT_LEASE, false);
    }

    /** The same options, {@code unlock} deciding about a live lock. */
    public LockOptions unlocking(ForceUnlock unlock) {
        return new LockOptions(timeout, lease, forceUnlock, unlock);
    }
}
