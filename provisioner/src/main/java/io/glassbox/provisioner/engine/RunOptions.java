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
 */
public record RunOptions(boolean applyImmediately, boolean skipDataPlane, Optional<HostAndPort> databaseTunnel,
                         Optional<HostAndPort> cacheTunnel, Optional<Path> cacheCaFile, Optional<Duration> maxWait,
                         Set<DeletableData> deletable, boolean adopt) {

    public RunOptions {
        deletable = deletable.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(deletable));
    }

    public static RunOptions defaults() {
        return new RunOptions(false, false, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Set.of(), false);
    }

    /** Whether destroy may delete {@code data}. */
    public boolean mayDelete(DeletableData data) {
        return deletable.contains(data);
    }

    /** The same options, letting destroy delete {@code data} as well. */
    public RunOptions deleting(Set<DeletableData> data) {
        return new RunOptions(applyImmediately, skipDataPlane, databaseTunnel, cacheTunnel, cacheCaFile, maxWait, data,
                adopt);
    }

    /** The shorter of a wait's own timeout and {@link #maxWait()}. */
    public Duration cap(Duration timeout) {
        return maxWait.filter(max -> max.compareTo(timeout) < 0).orElse(timeout);
    }
}
