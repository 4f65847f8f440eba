package io.glassbox.provisioner.stacks.monitoring;

import io.glassbox.provisioner.engine.ProvisionerException;
import java.util.Map;

/**
 * PostgreSQL's default {@code max_connections} on RDS: {@code LEAST(DBInstanceClassMemory / 9531392, 5000)}
 * (RDS User Guide, "Maximum number of database connections"). Memory per class from the RDS instance-class
 * tables; DBInstanceClassMemory is a little less than the class's memory, so this is a slight overestimate.
 */
final class RdsMaxConnections {

    private static final long BYTES_PER_CONNECTION = 9_531_392L;
    private static final long CAP = 5000;
    private static final long GIB = 1L << 30;
    /** GiB of memory of a {@code large} instance per family; each size step up doubles it. */
    private static final Map<String, Integer> LARGE_GIB = Map.of(
            "t3", 8, "t4g", 8, "m5", 8, "m6g", 8, "m6i", 8, "m7g", 8,
            "r5", 16, "r6g", 16, "r6i", 16, "r7g", 16);
    private static final Map<String, Double> SIZE_FACTOR = Map.ofEntries(
            Map.entry("micro", 0.125), Map.entry("small", 0.25), Map.entry("medium", 0.5), Map.entry("large", 1.0),
            Map.entry("xlarge", 2.0), Map.entry("2xlarge", 4.0), Map.entry("4xlarge", 8.0),
            Map.entry("8xlarge", 16.0), Map.entry("12xlarge", 24.0), Map.entry("16xlarge", 32.0));

    private RdsMaxConnections() {
    }

    /** The default max_connections of {@code instanceClass} ({@code db.t3.medium} → 450). */
    static long of(String instanceClass) {
        String[] parts = instanceClass.split("\\.");
        Integer large = parts.length == 3 ? LARGE_GIB.get(parts[1]) : null;
        Double factor = parts.length == 3 ? SIZE_FACTOR.get(parts[2]) : null;
        if (large == null || factor == null) {
            throw new ProvisionerException("no memory size known for RDS instance class " + instanceClass
                    + ": the connections alarm needs it (supported families: " + LARGE_GIB.keySet() + ")");
        }
        long memory = (long) (large * factor * GIB);
        return Math.min(memory / BYTES_PER_CONNECTION, CAP);
    }
}
