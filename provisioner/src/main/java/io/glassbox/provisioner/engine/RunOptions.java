package io.glassbox.provisioner.engine;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * How a run treats changes and the data plane.
 *
 * @param applyImmediately apply RDS/ElastiCache modifications now instead of at the next maintenance window
 * @param skipDataPlane    skip the database bootstrap and the Redis readiness check
 * @param databaseTunnel   reach the database through this local port instead of its endpoint
 * @param cacheTunnel      reach Redis through this local port instead of its endpoint
 * @param cacheCaFile      an extra CA certificate (PEM) to trust for Redis TLS, besides the JVM's own
 * @param maxWait          an upper bound on every single wait for AWS (each wait has its own default)
 * @param deletable        the data destroy may delete because the operator named it (none by default)
 * @param adopt            take over resources that have our names but not our ManagedBy tag (tagging them)
 * @param pollInterval     how often every wait for AWS asks again ({@link #DEFAULT_POLL_INTERVAL} unless set)
 */
public record RunOptions(boolean applyImmediately, boolean skipDataPlane, Optional<HostAndPort> databaseTunnel,
                         Optional<HostAndPort> cacheTunnel, Optional<Path> cacheCaFile, Optional<Duration> maxWait,
                         Set<DeletableData> deletable, boolean adopt, Duration pollInterval) {

    /**
     * The SDK's waiters poll every 15 s (NAT gateway, ALB, ElastiCache) or 30 s (RDS), so a resource is seen up
     * to 30 s after it became ready, and that delay lands on the deploy's critical path once per wait. A
     * Describe every 5 s costs a few dozen reads per slow resource, far below the APIs' request-rate limits
     * (EC2 API Reference, "Request throttling"), and notices readiness within 5 s.
     */
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(5);

    public RunOptions {
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("the poll interval must be positive, not " + pollInterval);
        }
        deletable = deletable.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(deletable));
    }

    public static RunOptions defaults() {
        return new RunOptions(false, false, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Set.of(), false, DEFAULT_POLL_INTERVAL);
    }

    /** Whether destroy may delete {@code data}. */
    public boolean mayDelete(DeletableData data) {
        return deletable.contains(data);
    }

    /** The same options, letting destroy delete {@code data} as well. */
    public RunOptions deleting(Set<DeletableData> data) {
        return new RunOptions(applyImmediately, skipDataPlane, databaseTunnel, cacheTunnel, cacheCaFile, maxWait, data,
                adopt, pollInterval);
    }

    /**
     * How often a wait of at most {@code limit} asks again: the poll interval, or a fifth of a shorter limit (at least
     * 100 ms), so that a short {@code --max-wait} still gets several looks instead of one.
     */
    public Duration pollWithin(Duration limit) {
        Duration fifth = limit.dividedBy(5);
        Duration floor = Duration.ofMillis(100);
        Duration shorter = fifth.compareTo(pollInterval) < 0 ? fifth : pollInterval;
        return shorter.compareTo(floor) < 0 ? floor : shorter;
    }

    /** The shorter of a wait's own timeout and {@link #maxWait()}. */
    public Duration cap(Duration timeout) {
        return maxWait.filter(max -> max.compareTo(timeout) < 0).orElse(timeout);
    }
}
