package io.glassbox.provisioner.stacks.database;

import io.glassbox.provisioner.spec.EnvironmentSpec;
import java.time.Duration;
import io.glassbox.provisioner.aws.EngineVersions;
import io.glassbox.provisioner.aws.ResourceTags;
import io.glassbox.provisioner.aws.SecretDocuments;
import io.glassbox.provisioner.aws.Timeouts;
import io.glassbox.provisioner.aws.Waits;
import io.glassbox.provisioner.engine.Change;
import io.glassbox.provisioner.engine.DeletableData;
import io.glassbox.provisioner.engine.ProvisionerException;
import io.glassbox.provisioner.engine.RefusedException;
import io.glassbox.provisioner.engine.ResourceStep;
import io.glassbox.provisioner.engine.StepContext;
import io.glassbox.provisioner.spec.DatabaseSpec;
import io.glassbox.provisioner.spec.SecurityGroupRole;
import io.glassbox.provisioner.spec.StackName;
import io.glassbox.provisioner.stacks.network.SecurityGroupStep;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.DbInstanceNotFoundException;
import software.amazon.awssdk.services.rds.model.ModifyDbInstanceRequest;
import software.amazon.awssdk.services.rds.model.PendingModifiedValues;
import software.amazon.awssdk.services.rds.model.VpcSecurityGroupMembership;

/**
 * The RDS PostgreSQL 16 instance {@code glassbox-{env}}: the spec's class, Multi-AZ, storage and autoscaling
 * ceiling, backup retention and deletion protection; encrypted, private, in the isolated subnets behind the
 * RDS SG. Modifiable settings are changed in place (at the next maintenance window unless
 * {@code --apply-immediately}); settings RDS cannot change force a replacement, which is never done without
 * approval and then only after a final snapshot. Once available, its endpoint is written into the secret.
 */
public final class DbInstanceStep extends ResourceStep<DBInstance> {

    public static final String ID = "database.instance";
    public static final String OUTPUT_ADDRESS = "database.instance.address";
    public static final String OUTPUT_PORT = "database.instance.port";
    public static final String OUTPUT_ARN = "database.instance.arn";
    /** The instance's identifier: {@code glassbox-{env}}, or CloudFormation's for one taken over (metric dimensions). */
    public static final String OUTPUT_ID = "database.instance.id";
    static final String SECRET_HOST = "secret.host";
    private static final String CLASS = "instanceClass";
    private static final String STORAGE = "allocatedStorageGb";
    private static final String MAX_STORAGE = "maxAllocatedStorageGb";
    private static final String MULTI_AZ = "multiAz";
    private static final String BACKUP = "backupRetentionDays";
    private static final String DELETION_PROTECTION = "deletionProtection";
    private static final String PUBLIC = "publiclyAccessible";
    private static final String SECURITY_GROUPS = "securityGroups";
    private static final String PARAMETER_GROUP = "parameterGroup";
    private static final String ENGINE_VERSION = "engineVersion";
    private static final String SUBNET_GROUP = "subnetGroup";
    /** FSBP RDS.13: minor engine versions are applied in the maintenance window. */
    private static final String AUTO_MINOR_UPGRADE = "autoMinorVersionUpgrade";
    /** FSBP RDS.17: snapshots carry the instance's tags. */
    private static final String COPY_TAGS = "copyTagsToSnapshot";
    /** FSBP RDS.9: the PostgreSQL log and the upgrade log go to CloudWatch Logs (RDS User Guide, "Publishing logs"). */
    private static final String LOG_EXPORTS = "logExports";
    private static final String PERFORMANCE_INSIGHTS = "performanceInsights";
    private static final String BACKUP_WINDOW = "backupWindow";
    private static final String MAINTENANCE_WINDOW = "maintenanceWindow";
    /** Performance Insights' free retention: 7 days (RDS User Guide, "Pricing and data retention for Performance Insights"). */
    private static final int PERFORMANCE_INSIGHTS_DAYS = 7;
    static final List<String> LOG_TYPES = List.of("postgresql", "upgrade");
    /**
     * States in which the instance serves clients and which can last for hours: storage optimisation follows
     * every storage change, autoscaling's included (RDS User Guide, "Viewing Amazon RDS DB instance status").
     * A deploy goes on with these instead of waiting for "available".
     */
    private static final Set<String> USABLE = Set.of("available", "backing-up", "storage-optimization");
    private static final DateTimeFormatter SNAPSHOT_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    public DbInstanceStep() {
        super(ID, StackName.DATABASE, DbSubnetGroupStep.ID, DbParameterGroupStep.ID, DatabaseSecretStep.ID,
                SecurityGroupStep.id(SecurityGroupRole.RDS));
    }

    @Override
    public String resourceType() {
        return "RDS instance";
    }

    @Override
    public String resourceName(StepContext context) {
        return context.naming().base();
    }

    /** PostgreSQL is available after about 3.5 min single-AZ, 15-20 min Multi-AZ (measured). */
    @Override
    public Duration typicalCreation(EnvironmentSpec spec) {
        return spec.database().multiAz() ? Duration.ofMinutes(17) : Duration.ofSeconds(210);
    }

    /**
     * Every instance of the region (DescribeDBInstances lists them with their tags, shared during a plan), for the
     * engine's Identity: the one tagged with this step, an instance taken over under its CDK-generated identifier
     * included (RDS renames only by a reboot with new endpoints: the identifier is kept), else {@code glassbox-{env}}.
     */
    @Override
    protected List<DBInstance> candidates(StepContext context) {
        return context.reads().get("rds.instances", () -> context.aws().rds().describeDBInstancesPaginator(r -> { })
                .dbInstances().stream().toList());
    }

    @Override
    protected String nameOf(DBInstance live) {
        return live.dbInstanceIdentifier();
    }

    @Override
    protected String idOf(DBInstance live) {
        return live.dbInstanceIdentifier();
    }

    @Override
    protected Map<String, String> tagsOf(DBInstance live) {
        return RdsTags.toMap(live.tagList());
    }

    @Override
    protected List<Change> diff(StepContext context, DBInstance live) {
        DatabaseSpec db = context.spec().database();
        PendingModifiedValues pending = live.pendingModifiedValues();
        List<Change> changes = new ArrayList<>();
        // What RDS cannot change in place.
        if (!Boolean.TRUE.equals(live.storageEncrypted())) {
            changes.add(Change.replace("storageEncrypted", live.storageEncrypted(), true));
        }
        if (!db.databaseName().equals(live.dbName())) {
            changes.add(Change.replace("dbName", live.dbName(), db.databaseName()));
        }
        if (!db.masterUsername().equals(live.masterUsername())) {
            changes.add(Change.replace("masterUsername", live.masterUsername(), db.masterUsername()));
        }
        // What RDS changes in place; a value already pending for the window counts as done.
        // The subnet group is the one DbSubnetGroupStep found (a group taken over keeps its name); RDS keeps
        // subnet group names in lower case, and moves an instance to another group in place, with a short
        // outage (ModifyDBInstance, DBSubnetGroupName).
        String subnetGroup = live.dbSubnetGroup() == null ? null : live.dbSubnetGroup().dbSubnetGroupName();
        String wantedSubnetGroup = context.outputs().getOrUnknown(DbSubnetGroupStep.ID + ".name");
        if (subnetGroup == null || !subnetGroup.equalsIgnoreCase(wantedSubnetGroup)) {
            windowed(context, changes, SUBNET_GROUP, subnetGroup, null, wantedSubnetGroup);
        }
        windowed(context, changes, CLASS, live.dbInstanceClass(), pending == null ? null : pending.dbInstanceClass(),
                db.instanceClass());
        // Storage autoscaling grows the volume by itself up to the maximum, and storage never shrinks: anything
        // from the spec's size up is as specified; only less than it is raised (RDS User Guide, "Managing
        // capacity automatically with Amazon RDS storage autoscaling"). More than the maximum is a notice.
        if (live.allocatedStorage() == null || live.allocatedStorage() < db.allocatedStorageGb()) {
            windowed(context, changes, STORAGE, live.allocatedStorage(), pending == null ? null : pending.allocatedStorage(),
                    db.allocatedStorageGb());
        }
        windowed(context, changes, MULTI_AZ, live.multiAZ(), pending == null ? null : pending.multiAZ(), db.multiAz());
        // Auto minor version upgrade moves 16.4 to 16.8 by itself: only the major version is the spec's. A major
        // version never goes back, so a newer one is a notice, not a change.
        if (EngineVersions.belowMajor(live.engineVersion(), db.engineMajorVersion())) {
            windowed(context, changes, ENGINE_VERSION, EngineVersions.major(live.engineVersion()), null,
                    db.engineMajorVersion());
        }
        // A maximum below the storage already allocated cannot be set (RDS refuses it): that case is a notice.
        if (live.allocatedStorage() == null || db.maxAllocatedStorageGb() > live.allocatedStorage()) {
            immediate(changes, MAX_STORAGE, live.maxAllocatedStorage(), db.maxAllocatedStorageGb());
        }
        immediate(changes, BACKUP, pending != null && pending.backupRetentionPeriod() != null
                ? pending.backupRetentionPeriod() : live.backupRetentionPeriod(), db.backupRetentionDays());
        immediate(changes, DELETION_PROTECTION, live.deletionProtection(), db.deletionProtection());
        // Both windows explicit, so that neither is picked at random over the other; RDS reports the maintenance
        // window in lower case.
        immediate(changes, BACKUP_WINDOW, live.preferredBackupWindow(), db.backupWindow());
        if (!db.maintenanceWindow().equalsIgnoreCase(live.preferredMaintenanceWindow())) {
            changes.add(Change.update(MAINTENANCE_WINDOW, live.preferredMaintenanceWindow(), db.maintenanceWindow()));
        }
        immediate(changes, PUBLIC, live.publiclyAccessible(), false);
        immediate(changes, AUTO_MINOR_UPGRADE, live.autoMinorVersionUpgrade(), true);
        immediate(changes, COPY_TAGS, live.copyTagsToSnapshot(), true);
        immediate(changes, PERFORMANCE_INSIGHTS, Boolean.TRUE.equals(live.performanceInsightsEnabled()),
                db.performanceInsights());
        List<String> exported = live.enabledCloudwatchLogsExports() == null ? List.of()
                : live.enabledCloudwatchLogsExports().stream().sorted().toList();
        if (!exported.containsAll(LOG_TYPES)) {
            changes.add(Change.update(LOG_EXPORTS, exported, LOG_TYPES));
        }
        String parameterGroup = live.dbParameterGroups().isEmpty() ? null
                : live.dbParameterGroups().get(0).dbParameterGroupName();
        String wantedParameters = context.naming().base() + "-" + DbParameterGroupStep.family(context);
        immediate(changes, PARAMETER_GROUP, parameterGroup, wantedParameters);
        String rdsGroup = context.outputs().getOrUnknown(SecurityGroupStep.outputId(SecurityGroupRole.RDS));
        List<String> groups = live.vpcSecurityGroups().stream().map(VpcSecurityGroupMembership::vpcSecurityGroupId)
                .sorted().toList();
        if (!groups.equals(List.of(rdsGroup))) {
            changes.add(Change.update(SECURITY_GROUPS, String.join(",", groups), rdsGroup));
        }
        secretHostChange(context, live).ifPresent(changes::add);
        tagChange(tags(context), tagsOf(live)).ifPresent(changes::add);
        return changes;
    }

    @Override
    protected List<String> notices(StepContext context, DBInstance live) {
        DatabaseSpec db = context.spec().database();
        List<String> notices = new ArrayList<>();
        if (live.allocatedStorage() != null && live.allocatedStorage() > db.maxAllocatedStorageGb()) {
            notices.add(STORAGE + " " + live.allocatedStorage() + " is above the configured maximum of "
                    + db.maxAllocatedStorageGb() + " (storage never shrinks, so nothing is changed; raise "
                    + MAX_STORAGE + " to give storage autoscaling room again)");
        }
        if (EngineVersions.aboveMajor(live.engineVersion(), db.engineMajorVersion())) {
            notices.add(ENGINE_VERSION + " " + live.engineVersion() + " is newer than the spec's "
                    + db.engineMajorVersion() + " (a major version never goes back, so nothing is changed)");
        }
        return notices;
    }

    private static void windowed(StepContext context, List<Change> changes, String path, Object live, Object pending,
                                 Object desired) {
        if (Objects.equals(String.valueOf(desired), String.valueOf(pending))) {
            return; // already scheduled for the maintenance window
        }
        if (!Objects.equals(String.valueOf(desired), String.valueOf(live))) {
            String when = context.options().applyImmediately() ? "applied immediately" : "at the next maintenance window";
            changes.add(Change.update(path, live, desired + " (" + when + ")"));
        }
    }

    private static void immediate(List<Change> changes, String path, Object live, Object desired) {
        if (!Objects.equals(String.valueOf(desired), String.valueOf(live))) {
            changes.add(Change.update(path, live, desired));
        }
    }

    /** Whether the secret's host still has to be set to this instance's endpoint. */
    private static Optional<Change> secretHostChange(StepContext context, DBInstance live) {
        if (live.endpoint() == null || live.endpoint().address() == null) {
            return Optional.empty(); // still creating: the host is written once it is available
        }
        // Published by DatabaseSecretStep (a dependency) from the document it read: no second read here.
        String host = context.outputs().get(DatabaseSecretStep.OUTPUT_HOST).orElse(null);
        return live.endpoint().address().equals(host) ? Optional.empty()
                : Optional.of(Change.update(SECRET_HOST, host, live.endpoint().address()));
    }

    @Override
    protected String createSummary(StepContext context) {
        DatabaseSpec db = context.spec().database();
        return "PostgreSQL " + db.engineMajorVersion() + " " + db.instanceClass() + (db.multiAz() ? " Multi-AZ" : "")
                + ", " + db.allocatedStorageGb() + "-" + db.maxAllocatedStorageGb() + " GB encrypted, backups "
                + db.backupRetentionDays() + " d, deletion protection " + (db.deletionProtection() ? "on" : "off")
                + (db.performanceInsights() ? ", Performance Insights" : "");
    }

    @Override
    protected DBInstance create(StepContext context) {
        DatabaseSpec db = context.spec().database();
        String password = String.valueOf(SecretDocuments.read(context.aws().secretsManager(), DatabaseSecretStep.name(context))
                .map(d -> d.get("password")).orElseThrow(() -> new ProvisionerException(
                        "secret " + DatabaseSecretStep.name(context) + " holds no password")));
        String rdsGroup = context.outputs().require(SecurityGroupStep.outputId(SecurityGroupRole.RDS));
        context.aws().rds().createDBInstance(r -> r.dbInstanceIdentifier(resourceName(context))
                .engine("postgres").engineVersion(db.engineMajorVersion())
                .dbInstanceClass(db.instanceClass()).multiAZ(db.multiAz())
                .allocatedStorage(db.allocatedStorageGb()).maxAllocatedStorage(db.maxAllocatedStorageGb())
                .storageType("gp3").storageEncrypted(true)
                .backupRetentionPeriod(db.backupRetentionDays()).deletionProtection(db.deletionProtection())
                .preferredBackupWindow(db.backupWindow()).preferredMaintenanceWindow(db.maintenanceWindow())
                .publiclyAccessible(false).dbName(db.databaseName()).port(db.port())
                .masterUsername(db.masterUsername()).masterUserPassword(password)
                .dbSubnetGroupName(context.outputs().require(DbSubnetGroupStep.ID + ".name"))
                .dbParameterGroupName(context.outputs().require(DbParameterGroupStep.ID + ".name"))
                .vpcSecurityGroupIds(rdsGroup).copyTagsToSnapshot(true).autoMinorVersionUpgrade(true)
                .enableCloudwatchLogsExports(LOG_TYPES)
                .enablePerformanceInsights(db.performanceInsights())
                .performanceInsightsRetentionPeriod(db.performanceInsights() ? PERFORMANCE_INSIGHTS_DAYS : null)
                .tags(RdsTags.toTags(tags(context))));
        DBInstance available = awaitAvailable(context, resourceName(context));
        writeSecretHost(context, available);
        return available;
    }

    @Override
    protected DBInstance awaitUsable(StepContext context, DBInstance live) {
        // An instance still being created (by an interrupted run) or modified is waited for, not duplicated.
        return USABLE.contains(live.dbInstanceStatus()) ? live : awaitAvailable(context, live.dbInstanceIdentifier());
    }

    private DBInstance awaitAvailable(StepContext context, String identifier) {
        context.aws().rds().waiter().waitUntilDBInstanceAvailable(r -> r.dbInstanceIdentifier(identifier),
                Waits.upTo(context, "RDS instance " + identifier + " to be available", Timeouts.RDS_AVAILABLE));
        return find(context).orElseThrow(() -> new ProvisionerException("RDS instance " + identifier
                + " vanished while becoming available"));
    }

    @Override
    protected void update(StepContext context, DBInstance live, List<Change> changes) {
        DatabaseSpec db = context.spec().database();
        ModifyDbInstanceRequest.Builder modify = ModifyDbInstanceRequest.builder()
                .dbInstanceIdentifier(live.dbInstanceIdentifier())
                .applyImmediately(context.options().applyImmediately());
        boolean any = false;
        for (Change change : changes) {
            any |= switch (change.path()) {
                case CLASS -> set(() -> modify.dbInstanceClass(db.instanceClass()));
                case SUBNET_GROUP -> set(() -> modify.dbSubnetGroupName(
                        context.outputs().require(DbSubnetGroupStep.ID + ".name")));
                case STORAGE -> set(() -> modify.allocatedStorage(db.allocatedStorageGb()));
                case MAX_STORAGE -> set(() -> modify.maxAllocatedStorage(db.maxAllocatedStorageGb()));
                case MULTI_AZ -> set(() -> modify.multiAZ(db.multiAz()));
                case BACKUP -> set(() -> modify.backupRetentionPeriod(db.backupRetentionDays()));
                // RDS applies window changes at once, whatever ApplyImmediately says (ModifyDBInstance).
                case BACKUP_WINDOW, MAINTENANCE_WINDOW -> set(() -> modify.preferredBackupWindow(db.backupWindow())
                        .preferredMaintenanceWindow(db.maintenanceWindow()));
                case DELETION_PROTECTION -> set(() -> modify.deletionProtection(db.deletionProtection()));
                case PUBLIC -> set(() -> modify.publiclyAccessible(false));
                case AUTO_MINOR_UPGRADE -> set(() -> modify.autoMinorVersionUpgrade(true));
                case COPY_TAGS -> set(() -> modify.copyTagsToSnapshot(true));
                case PERFORMANCE_INSIGHTS -> set(() -> modify.enablePerformanceInsights(db.performanceInsights())
                        .performanceInsightsRetentionPeriod(db.performanceInsights() ? PERFORMANCE_INSIGHTS_DAYS : null));
                case LOG_EXPORTS -> set(() -> modify.cloudwatchLogsExportConfiguration(c -> c.enableLogTypes(
                        LOG_TYPES.stream().filter(t -> live.enabledCloudwatchLogsExports() == null
                                || !live.enabledCloudwatchLogsExports().contains(t)).toList())));
                case PARAMETER_GROUP -> set(() -> modify.dbParameterGroupName(
                        context.outputs().require(DbParameterGroupStep.ID + ".name")));
                case SECURITY_GROUPS -> set(() -> modify.vpcSecurityGroupIds(
                        context.outputs().require(SecurityGroupStep.outputId(SecurityGroupRole.RDS))));
                case ENGINE_VERSION -> set(() -> modify.engineVersion(db.engineMajorVersion()).allowMajorVersionUpgrade(true));
                default -> false;
            };
        }
        RdsClient rds = context.aws().rds();
        if (any) {
            rds.modifyDBInstance(modify.build());
        }
        if (touches(changes, SECRET_HOST)) {
            writeSecretHost(context, live);
        }
        if (touches(changes, TAGS)) {
            RdsTags.add(context, live.dbInstanceArn(), ResourceTags.missing(tags(context), tagsOf(live)));
        }
    }

    private static boolean set(Runnable setter) {
        setter.run();
        return true;
    }

    /** Puts the endpoint into the secret's {@code host} and {@code url}, keeping every other key (the password above all). */
    private static void writeSecretHost(StepContext context, DBInstance live) {
        String secret = DatabaseSecretStep.name(context);
        Map<String, Object> document = new LinkedHashMap<>(SecretDocuments.read(context.aws().secretsManager(), secret)
                .orElseThrow(() -> new ProvisionerException("secret " + secret + " is missing")));
        document.put("host", live.endpoint().address());
        document.put(DatabaseUrl.KEY, DatabaseUrl.of(document, live.endpoint().address()));
        context.aws().secretsManager().putSecretValue(r -> r.secretId(secret).secretString(SecretDocuments.write(document)));
        context.outputs().put(DatabaseSecretStep.OUTPUT_HOST, live.endpoint().address());
    }

    @Override
    protected void publish(StepContext context, DBInstance live) {
        context.outputs().put(OUTPUT_ARN, live.dbInstanceArn());
        context.outputs().put(OUTPUT_ID, live.dbInstanceIdentifier());
        if (live.endpoint() != null) {
            context.outputs().put(OUTPUT_ADDRESS, live.endpoint().address());
            context.outputs().put(OUTPUT_PORT, String.valueOf(live.endpoint().port()));
        }
    }

    @Override
    protected Optional<String> refuseDelete(StepContext context, DBInstance live) {
        return Boolean.TRUE.equals(live.deletionProtection())
                && !context.options().mayDelete(DeletableData.PROTECTED_DATABASE)
                ? Optional.of("RDS instance " + live.dbInstanceIdentifier() + " has deletion protection on: its data"
                        + " stays (" + DeletableData.PROTECTED_DATABASE.flag() + " turns protection off and deletes it"
                        + " after a final snapshot)")
                : Optional.empty();
    }

    /**
     * A replacement creates a new, empty database, whatever the final snapshot keeps: the operator names it
     * with {@code --delete-database} ({@code --delete-protected-database} when protection is on), never
     * {@code --yes} alone.
     */
    @Override
    protected Optional<String> refuseReplace(StepContext context, DBInstance live) {
        boolean protectedInstance = Boolean.TRUE.equals(live.deletionProtection());
        if (context.options().mayDelete(DeletableData.PROTECTED_DATABASE)
                || (!protectedInstance && context.options().mayDelete(DeletableData.DATABASE))) {
            return Optional.empty();
        }
        DeletableData needed = protectedInstance ? DeletableData.PROTECTED_DATABASE : DeletableData.DATABASE;
        return Optional.of("RDS instance " + live.dbInstanceIdentifier() + " would be replaced: the new instance starts"
                + " empty (a final snapshot keeps the old data); " + needed.flag() + " allows it"
                + (protectedInstance ? " and turns deletion protection off" : ""));
    }

    /** An instance whose status is "deleting" is being deleted already (RDS User Guide, "DB instance status"). */
    @Override
    protected boolean deletionUnderway(DBInstance live) {
        return "deleting".equals(live.dbInstanceStatus());
    }

    @Override
    protected void delete(StepContext context, DBInstance live) {
        if (deletionUnderway(live)) {
            // An interrupted destroy's: DeleteDBInstance would answer InvalidDBInstanceState; it is only waited for.
            context.aws().rds().waiter().waitUntilDBInstanceDeleted(r -> r.dbInstanceIdentifier(
                    live.dbInstanceIdentifier()), Waits.upTo(context, "RDS instance " + live.dbInstanceIdentifier()
                    + " to be deleted", Timeouts.RDS_DELETED));
            return;
        }
        // Never without a final snapshot: the data outlives the instance (DESIGN.md, "Never lose data").
        String snapshot = live.dbInstanceIdentifier() + "-final-"
                + ZonedDateTime.now(ZoneOffset.UTC).format(SNAPSHOT_TIME);
        boolean protectedInstance = Boolean.TRUE.equals(live.deletionProtection());
        if (protectedInstance && !context.options().mayDelete(DeletableData.PROTECTED_DATABASE)) {
            // refuseDelete and refuseReplace stop destroy and deploy before this; protection is never lifted as a
            // side effect of anything else.
            throw new RefusedException("RDS instance " + live.dbInstanceIdentifier() + " has deletion protection on",
                    List.of(DeletableData.PROTECTED_DATABASE.flag() + " is the only way to turn it off"));
        }
        try {
            if (protectedInstance) {
                context.aws().rds().modifyDBInstance(r -> r.dbInstanceIdentifier(live.dbInstanceIdentifier())
                        .deletionProtection(false).applyImmediately(true));
            }
            context.aws().rds().deleteDBInstance(r -> r.dbInstanceIdentifier(live.dbInstanceIdentifier())
                    .skipFinalSnapshot(false).finalDBSnapshotIdentifier(snapshot).deleteAutomatedBackups(false));
        } catch (DbInstanceNotFoundException e) {
            return;
        }
        context.aws().rds().waiter().waitUntilDBInstanceDeleted(r -> r.dbInstanceIdentifier(live.dbInstanceIdentifier()),
                Waits.upTo(context, "RDS instance " + live.dbInstanceIdentifier() + " to be deleted (after its final"
                        + " snapshot)", Timeouts.RDS_DELETED));
    }

    private Map<String, String> tags(StepContext context) {
        return ResourceTags.of(context.spec().environment(), StackName.DATABASE, id().value());
    }
}
