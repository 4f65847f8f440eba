package io.glassbox.provisioner.spec;

import java.util.Map;

/**
 * The {@code max_connections} the parameter group sets: RDS's own formula for PostgreSQL,
 * {@code LEAST(DBInstanceClassMemory / 9531392, 5000)} (RDS User Guide, "Maximum number of database connections"), on
 * the class's memory from the RDS instance-class tables. Left to RDS, DBInstanceClassMemory (less than the class's
 * memory: RDS keeps some for itself) makes the limit lower than anyone can compute, so an alarm at 80 % of a computed
 * limit fired nearer 87 %; set explicitly, the limit is known and the alarm exact.
 */
public final class RdsMaxConnections {

    private static final long BYTES_PER_CONNECTION = 9_531_392L;
    private static final long CAP = 5000;
    private static final long GIB = 1L << 30;
    /** GiB of memory of a {@code large} instance per family; each size step up doubles it. */
    private static final Map<String, Integer> LARGE_GIB = Map.ofEntries(
            Map.entry("t3", 8), Map.entry("t4g", 8), Map.entry("m5", 8), Map.entry("m6g", 8), Map.entry("m6i", 8),
            Map.entry("m7g", 8), Map.entry("m7i", 8), Map.entry("r5", 16), Map.entry("r6g", 16), Map.entry("r6i", 16),
            Map.entry("r7g", 16), Map.entry("r7i", 16), Map.entry("x2g", 32));
    private static final Map<String, Double> SIZE_FACTOR = Map.ofEntries(
            Map.entry("micro", 0.125), Map.entry("small", 0.25), Map.entry("medium", 0.5), Map.entry("large", 1.0),
            Map.entry("xlarge", 2.0), Map.entry("2xlarge", 4.0), Map.entry("4xlarge", 8.0),
            Map.entry("8xlarge", 16.0), Map.entry("12xlarge", 24.0), Map.entry("16xlarge", 32.0));

    private RdsMaxConnections() {
    }

    /** The max_connections of {@code instanceClass} ({@code db.t3.medium} → 450). */
    public static long of(String instanceClass) {
        String[] parts = instanceClass.split("\\.");
        Integer large = parts.length == 3 ? LARGE_GIB.get(parts[1]) : null;
        Double factor = parts.length == 3 ? SIZE_FACTOR.get(parts[2]) : null;
        if (large == null || factor == null) {
            throw new ConfigException("database.instanceClass: no memory size known for RDS instance class "
                    + instanceClass + ": max_connections and its alarm need it (supported families: "
                    + LARGE_GIB.keySet().stream().sorted().toList() + ")");
        }
        long memory = (long) (large * factor * GIB);
        return Math.min(memory / BYTES_PER_CONNECTION, CAP);
    }
}
