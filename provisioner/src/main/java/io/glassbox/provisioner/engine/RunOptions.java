package io.glassbox.provisioner.engine;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * How a run treats changes and the data plane.
 *
 * @param applyImmediately apply RDS/ElastiCache modifications now instead of at the next maintenance window
 * @param skipDataPlane    skip the database bootstrap and the Redis readiness check
 * @param databaseTunnel   reach the database through this local port instead of its endpoint
 * @param cacheTunnel      reach Redis through this local port instead of its endpoint
 * @param cacheCaFile      an extra CA certificate (PEM) to trust for Redis TLS, besides the JVM's own
 * @param maxWait          an upper bound on every single wait for AWS (each wait has its own default)
 * @param deleteLogGroups  let destroy delete the log groups too (they are data and kept by default)
 */
public record RunOptions(boolean applyImmediately, boolean skipDataPlane, Optional<HostAndPort> databaseTunnel,
                         Optional<HostAndPort> cacheTunnel, Optional<Path> cacheCaFile, Optional<Duration> maxWait,
                         boolean deleteLogGroups) {

    public static RunOptions defaults() {
        return new RunOptions(false, false, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                false);
    }

    /** The shorter of a wait's own timeout and {@link #maxWait()}. */
    public Duration cap(Duration timeout) {
        return maxWait.filter(max -> max.compareTo(timeout) < 0).orElse(timeout);
    }
}
