package io.glassbox.provisioner.spec;

/**
 * The Cache stack's desired Redis replication group, value for value from the spec's table, with the security
 * baseline's automatic backups (FSBP ElastiCache.1, production).
 *
 * @param snapshotRetentionDays daily automatic snapshots kept this many days; 0 for none
 * @param snapshotWindow        the daily UTC window of the automatic snapshot, when there is one
 * @param maintenanceWindow     the weekly UTC maintenance window ({@code ddd:hh24:mi-ddd:hh24:mi}), which must not
 *                              overlap the snapshot window
 */
public record CacheSpec(
        String nodeType,
        int nodeCount,
        boolean multiAz,
        boolean automaticFailover,
        boolean transitEncryption,
        boolean atRestEncryption,
        String engineMajorVersion,
        int port,
        int snapshotRetentionDays,
        String snapshotWindow,
        String maintenanceWindow) {
}
