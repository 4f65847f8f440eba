package io.glassbox.provisioner.spec;

/**
 * The Database stack's desired RDS PostgreSQL instance, value for value from the spec's table.
 *
 * @param performanceInsights Performance Insights on (production: the security baseline, issue 14)
 * @param backupWindow        the daily UTC window of the automated backup ({@code hh24:mi-hh24:mi})
 * @param maintenanceWindow   the weekly UTC maintenance window, which must not overlap the backup window
 * @param maxConnections      PostgreSQL's max_connections, set in the parameter group ({@link RdsMaxConnections})
 */
public record DatabaseSpec(
        String instanceClass,
        boolean multiAz,
        int allocatedStorageGb,
        int maxAllocatedStorageGb,
        int backupRetentionDays,
        boolean deletionProtection,
        String engineMajorVersion,
        String databaseName,
        String masterUsername,
        int port,
        boolean performanceInsights,
        String backupWindow,
        String maintenanceWindow,
        long maxConnections) {
}
