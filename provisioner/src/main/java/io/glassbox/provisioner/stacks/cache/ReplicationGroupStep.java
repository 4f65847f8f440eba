package io.glassbox.provisioner.stacks.cache;

import io.glassbox.provisioner.aws.EngineVersions;
import io.glassbox.provisioner.spec.EnvironmentSpec;
import java.time.Duration;
import io.glassbox.provisioner.aws.ResourceTags;
import io.glassbox.provisioner.aws.Timeouts;
import io.glassbox.provisioner.aws.Waits;
import io.glassbox.provisioner.engine.Change;
import io.glassbox.provisioner.engine.ProvisionerException;
import io.glassbox.provisioner.engine.ResourceStep;
import io.glassbox.provisioner.engine.StepContext;
import io.glassbox.provisioner.spec.CacheSpec;
import io.glassbox.provisioner.spec.SecurityGroupRole;
import io.glassbox.provisioner.spec.StackName;
import io.glassbox.provisioner.stacks.network.SecurityGroupStep;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.elasticache.ElastiCacheClient;
import software.amazon.awssdk.services.elasticache.model.CacheCluster;
import software.amazon.awssdk.services.elasticache.model.CacheClusterNotFoundException;
import software.amazon.awssdk.services.elasticache.model.Endpoint;
import software.amazon.awssdk.services.elasticache.model.ModifyReplicationGroupRequest;
import software.amazon.awssdk.services.elasticache.model.ReplicationGroup;
import software.amazon.awssdk.services.elasticache.model.ReplicationGroupNotFoundException;
import software.amazon.awssdk.services.elasticache.model.SecurityGroupMembership;

/**
 * The Redis 7 replication group {@code glassbox-{env}} (cluster mode off): the spec's node type and node count
 * (primary + replicas), Multi-AZ and automatic failover, in-transit encryption, at-rest encryption where the
 * spec says, in the isolated subnets behind the Redis SG. Its primary endpoint is an output.
 */
public final class ReplicationGroupStep extends ResourceStep<ReplicationGroupStep.LiveGroup> {

    public static final String ID = "cache.replication-group";
    public static final String OUTPUT_ADDRESS = "cache.replication-group.primary-endpoint";
    /** The group's id: {@code glassbox-{env}}, or CloudFormation's for one taken over (its nodes are {id}-001, …). */
    public static final String OUTPUT_ID = "cache.replication-group.id";
    public static final String OUTPUT_PORT = "cache.replication-group.port";
    private static final String NODE_TYPE = "nodeType";
    private static final String NODES = "nodeCount";
    private static final String MULTI_AZ = "multiAz";
    private static final String FAILOVER = "automaticFailover";
    private static final String DELETING = "deleting";
    private static final String SNAPSHOT_RETENTION = "snapshotRetentionDays";
    private static final String SNAPSHOT_WINDOW = "snapshotWindow";
    private static final String MAINTENANCE_WINDOW = "maintenanceWindow";
    /** FSBP ElastiCache.2: minor versions (security fixes) applied in the maintenance window. */
    private static final String AUTO_MINOR_UPGRADE = "autoMinorVersionUpgrade";

    /**
     * The group, its tags, and its first member cluster (engine version and security groups live there; it
     * is absent only on emulators that do not create member clusters).
     */
    record LiveGroup(ReplicationGroup group, Map<String, String> tags, Optional<CacheCluster> member) {
    }

    public ReplicationGroupStep() {
        super(ID, StackName.CACHE, CacheSubnetGroupStep.ID, SecurityGroupStep.id(SecurityGroupRole.REDIS));
    }

    @Override
    public String resourceType() {
        return "ElastiCache replication group";
    }

    @Override
    public String resourceName(StepContext context) {
        return context.naming().base();
    }

    /** Redis is available after about 9 min with one node, 10-17 min with two nodes Multi-AZ (measured). */
    @Override
    public Duration typicalCreation(EnvironmentSpec spec) {
        return Duration.ofMinutes(spec.cache().multiAz() ? 13 : 9);
    }

    /**
     * The groups that may be this step's, for the engine's Identity, with their tags. By id first: the group named
     * {@code glassbox-{env}} (or the one a takeover gives) and no other, so that another team's group is never read.
     * Only when there is none are the others' tags read (a group taken over keeps its CloudFormation-generated id,
     * which ElastiCache can only change by replacing the group); one that is busy cannot be read
     * ({@link CacheTags#BUSY}) and is skipped here, and {@link #create} waits for it before making a group beside it.
     */
    @Override
    protected List<LiveGroup> candidates(StepContext context) {
        List<ReplicationGroup> groups = context.aws().elastiCache().describeReplicationGroupsPaginator(r -> { })
                .replicationGroups().stream().toList();
        List<ReplicationGroup> byId = groups.stream().filter(g -> ourIds(context).contains(g.replicationGroupId()))
                .toList();
        if (!byId.isEmpty()) {
            return byId.stream().map(group -> new LiveGroup(group,
                    context.retrying(CacheTags.BUSY, () -> CacheTags.of(context, group.arn())), Optional.empty()))
                    .toList();
        }
        List<LiveGroup> readable = new ArrayList<>();
        for (ReplicationGroup group : groups) {
            CacheTags.readable(context, group.arn()).ifPresent(tags -> readable.add(
                    new LiveGroup(group, tags, Optional.empty())));
        }
        return readable;
    }

    private Set<String> ourIds(StepContext context) {
        Set<String> ids = new HashSet<>();
        ids.add(resourceName(context));
        context.takeoverOf(id()).flatMap(o -> o.reportedId()).ifPresent(ids::add);
        return ids;
    }

    /**
     * Before a group is made: every other group of the region whose tags could not be read (busy) is waited for and
     * read, and when one is ours after all (a group taken over, busy while the plan read), nothing is created beside
     * it.
     */
    private void refuseToCreateBesideABusyGroup(StepContext context) {
        for (ReplicationGroup group : context.aws().elastiCache().describeReplicationGroupsPaginator(r -> { })
                .replicationGroups()) {
            if (CacheTags.readable(context, group.arn()).isPresent()) {
                continue;
            }
            Map<String, String> tags = context.retrying(CacheTags.BUSY, () -> CacheTags.of(context, group.arn()));
            if (id().value().equals(tags.get(ResourceTags.STEP))
                    && context.spec().environment().id().equals(tags.get(ResourceTags.ENVIRONMENT))) {
                throw new ProvisionerException("ElastiCache replication group " + group.replicationGroupId()
                        + " is this environment's (it was busy when the plan read it); nothing was created beside it:"
                        + " run deploy again");
            }
        }
    }

    @Override
    protected String nameOf(LiveGroup live) {
        return live.group().replicationGroupId();
    }

    /** The first member cluster (engine version and security groups live there), for the picked group only. */
    @Override
    protected LiveGroup complete(StepContext context, LiveGroup candidate) {
        ReplicationGroup group = candidate.group();
        Optional<CacheCluster> member = Optional.empty();
        if (!group.memberClusters().isEmpty()) {
            try {
                member = context.aws().elastiCache().describeCacheClusters(r -> r.cacheClusterId(group.memberClusters()
                        .get(0))).cacheClusters().stream().findFirst();
            } catch (CacheClusterNotFoundException e) {
                member = Optional.empty();
            }
        }
        return new LiveGroup(group, candidate.tags(), member);
    }

    @Override
    protected String idOf(LiveGroup live) {
        return live.group().replicationGroupId();
    }

    @Override
    protected Map<String, String> tagsOf(LiveGroup live) {
        return live.tags();
    }

    @Override
    protected List<Change> diff(StepContext context, LiveGroup live) {
        CacheSpec cache = context.spec().cache();
        ReplicationGroup group = live.group();
        List<Change> changes = new ArrayList<>();
        if (cache.transitEncryption() != Boolean.TRUE.equals(group.transitEncryptionEnabled())) {
            changes.add(Change.replace("transitEncryption", group.transitEncryptionEnabled(), cache.transitEncryption()));
        }
        if (cache.atRestEncryption() != Boolean.TRUE.equals(group.atRestEncryptionEnabled())) {
            changes.add(Change.replace("atRestEncryption", group.atRestEncryptionEnabled(), cache.atRestEncryption()));
        }
        compare(changes, NODE_TYPE, group.cacheNodeType(), cache.nodeType());
        compare(changes, NODES, group.memberClusters().size(), cache.nodeCount());
        compare(changes, MULTI_AZ, "enabled".equals(group.multiAZAsString()), cache.multiAz());
        compare(changes, FAILOVER, "enabled".equals(group.automaticFailoverAsString()), cache.automaticFailover());
        compare(changes, SNAPSHOT_RETENTION, group.snapshotRetentionLimit() == null ? 0 : group.snapshotRetentionLimit(),
                cache.snapshotRetentionDays());
        if (cache.snapshotRetentionDays() > 0) {
            compare(changes, SNAPSHOT_WINDOW, group.snapshotWindow(), cache.snapshotWindow());
        }
        // Not reported by a group created before the field existed: ElastiCache's default for Redis 6+ is on.
        compare(changes, AUTO_MINOR_UPGRADE, !Boolean.FALSE.equals(group.autoMinorVersionUpgrade()), true);
        live.member().ifPresent(member -> {
            // Auto minor version upgrade moves 7.0 to 7.1 by itself: only the major version is the spec's, and
            // ElastiCache never goes back a major version (a newer one is a notice).
            if (EngineVersions.belowMajor(member.engineVersion(), cache.engineMajorVersion())) {
                changes.add(Change.update("engineVersion", member.engineVersion(), cache.engineMajorVersion() + ".x"));
            }
            String redisGroup = context.outputs().getOrUnknown(SecurityGroupStep.outputId(SecurityGroupRole.REDIS));
            List<String> groups = member.securityGroups().stream().map(SecurityGroupMembership::securityGroupId)
                    .sorted().toList();
            if (!groups.equals(List.of(redisGroup))) {
                changes.add(Change.update("securityGroups", String.join(",", groups), redisGroup));
            }
            // The maintenance window is the nodes' (DescribeCacheClusters); ElastiCache reports it in lower case.
            if (!cache.maintenanceWindow().equalsIgnoreCase(member.preferredMaintenanceWindow())) {
                changes.add(Change.update(MAINTENANCE_WINDOW, member.preferredMaintenanceWindow(),
                        cache.maintenanceWindow()));
            }
        });
        tagChange(tags(context), live.tags()).ifPresent(changes::add);
        return changes;
    }

    @Override
    protected List<String> notices(StepContext context, LiveGroup live) {
        String wanted = context.spec().cache().engineMajorVersion();
        return live.member().map(CacheCluster::engineVersion)
                .filter(version -> EngineVersions.aboveMajor(version, wanted))
                .map(version -> List.of("engineVersion " + version + " is newer than the spec's " + wanted
                        + ".x (a major version never goes back, so nothing is changed)"))
                .orElse(List.of());
    }

    private static void compare(List<Change> changes, String path, Object live, Object desired) {
        if (!Objects.equals(String.valueOf(live), String.valueOf(desired))) {
            changes.add(Change.update(path, live, desired));
        }
    }

    @Override
    protected String createSummary(StepContext context) {
        CacheSpec cache = context.spec().cache();
        return "Redis " + cache.engineMajorVersion() + ".x " + cache.nodeType() + " x" + cache.nodeCount()
                + (cache.multiAz() ? ", Multi-AZ with automatic failover" : "") + ", TLS in transit"
                + (cache.atRestEncryption() ? " and at rest" : "") + ", auto minor version upgrade"
                + (cache.snapshotRetentionDays() > 0 ? ", daily snapshots kept " + cache.snapshotRetentionDays() + " d" : "");
    }

    @Override
    protected LiveGroup create(StepContext context) {
        refuseToCreateBesideABusyGroup(context);
        CacheSpec cache = context.spec().cache();
        String redisGroup = context.outputs().require(SecurityGroupStep.outputId(SecurityGroupRole.REDIS));
        // Cluster mode off: one node group; its replicas make up the spec's node count (primary + replicas).
        context.aws().elastiCache().createReplicationGroup(r -> r.replicationGroupId(resourceName(context))
                .replicationGroupDescription("GlassBox " + context.spec().environment().id() + " Redis")
                .engine("redis").engineVersion(cache.engineMajorVersion() + ".1")
                .cacheNodeType(cache.nodeType()).numNodeGroups(1).replicasPerNodeGroup(cache.nodeCount() - 1)
                .multiAZEnabled(cache.multiAz()).automaticFailoverEnabled(cache.automaticFailover())
                .transitEncryptionEnabled(cache.transitEncryption()).atRestEncryptionEnabled(cache.atRestEncryption())
                .cacheSubnetGroupName(context.outputs().require(CacheSubnetGroupStep.ID + ".name"))
                .securityGroupIds(redisGroup).port(cache.port()).autoMinorVersionUpgrade(true)
                .snapshotRetentionLimit(cache.snapshotRetentionDays())
                .snapshotWindow(cache.snapshotRetentionDays() > 0 ? cache.snapshotWindow() : null)
                // Explicit: one ElastiCache picked at random could overlap the snapshot window and fail the create.
                .preferredMaintenanceWindow(cache.maintenanceWindow())
                .tags(CacheTags.toTags(tags(context))));
        return awaitAvailable(context, resourceName(context));
    }

    @Override
    protected LiveGroup awaitUsable(StepContext context, LiveGroup live) {
        if (DELETING.equals(live.group().status())) {
            throw new ProvisionerException("ElastiCache replication group " + live.group().replicationGroupId()
                    + " is still being deleted; run again once it is gone");
        }
        return "available".equals(live.group().status()) ? live
                : awaitAvailable(context, live.group().replicationGroupId());
    }

    private LiveGroup awaitAvailable(StepContext context, String id) {
        waitUntilAvailable(context, id);
        return find(context).orElseThrow(() -> new ProvisionerException("replication group " + id
                + " vanished while becoming available"));
    }

    /**
     * Waits until the group is "available": after our own create or modify it is busy for minutes, and while busy its
     * tags can be neither read nor written (CacheTags.BUSY), so a taken-over group (not found by its id) could not be
     * recognised by them.
     */
    private static void waitUntilAvailable(StepContext context, String id) {
        context.aws().elastiCache().waiter().waitUntilReplicationGroupAvailable(r -> r.replicationGroupId(id),
                Waits.upTo(context, "replication group " + id + " to be available",
                        Timeouts.ELASTICACHE_AVAILABLE));
    }

    @Override
    protected void update(StepContext context, LiveGroup live, List<Change> changes) {
        CacheSpec cache = context.spec().cache();
        ElastiCacheClient client = context.aws().elastiCache();
        String id = live.group().replicationGroupId();
        if (touches(changes, NODES)) {
            int current = live.group().memberClusters().size();
            if (cache.nodeCount() > current) {
                client.increaseReplicaCount(r -> r.replicationGroupId(id).newReplicaCount(cache.nodeCount() - 1)
                        .applyImmediately(true));
            } else {
                client.decreaseReplicaCount(r -> r.replicationGroupId(id).newReplicaCount(cache.nodeCount() - 1)
                        .applyImmediately(true));
            }
            awaitAvailable(context, id);
        }
        ModifyReplicationGroupRequest.Builder modify = ModifyReplicationGroupRequest.builder().replicationGroupId(id)
                .applyImmediately(context.options().applyImmediately());
        boolean any = false;
        if (touches(changes, NODE_TYPE)) {
            modify.cacheNodeType(cache.nodeType());
            any = true;
        }
        if (touches(changes, MULTI_AZ) || touches(changes, FAILOVER)) {
            modify.multiAZEnabled(cache.multiAz()).automaticFailoverEnabled(cache.automaticFailover());
            any = true;
        }
        if (touches(changes, "engineVersion")) {
            modify.engineVersion(cache.engineMajorVersion() + ".1");
            any = true;
        }
        if (touches(changes, SNAPSHOT_RETENTION) || touches(changes, SNAPSHOT_WINDOW)) {
            // With the maintenance window in the same call: the group's own (one ElastiCache picked, on a group made
            // elsewhere) may overlap the new snapshot window, and the call would fail.
            modify.snapshotRetentionLimit(cache.snapshotRetentionDays())
                    .snapshotWindow(cache.snapshotRetentionDays() > 0 ? cache.snapshotWindow() : null)
                    .preferredMaintenanceWindow(cache.maintenanceWindow());
            any = true;
        }
        if (touches(changes, AUTO_MINOR_UPGRADE)) {
            modify.autoMinorVersionUpgrade(true);
            any = true;
        }
        if (touches(changes, MAINTENANCE_WINDOW)) {
            modify.preferredMaintenanceWindow(cache.maintenanceWindow());
            any = true;
        }
        if (touches(changes, "securityGroups")) {
            modify.securityGroupIds(context.outputs().require(SecurityGroupStep.outputId(SecurityGroupRole.REDIS)));
            any = true;
        }
        if (any) {
            client.modifyReplicationGroup(modify.build());
            waitUntilAvailable(context, id);
        }
        if (touches(changes, TAGS)) {
            // While the modification runs the group is "modifying" and refuses tagging (CacheTags.BUSY): wait it out.
            context.retrying(CacheTags.BUSY, () -> CacheTags.add(context, live.group().arn(),
                    ResourceTags.missing(tags(context), live.tags())));
        }
    }

    @Override
    protected void publish(StepContext context, LiveGroup live) {
        context.outputs().put(OUTPUT_ID, live.group().replicationGroupId());
        if (!live.group().nodeGroups().isEmpty()) {
            Endpoint endpoint = live.group().nodeGroups().get(0).primaryEndpoint();
            if (endpoint != null) {
                context.outputs().put(OUTPUT_ADDRESS, endpoint.address());
                context.outputs().put(OUTPUT_PORT, String.valueOf(endpoint.port()));
            }
        }
    }

    /** A group already deleting (an interrupted destroy's) is only waited for. */
    @Override
    protected boolean deletionUnderway(LiveGroup live) {
        return DELETING.equals(live.group().status());
    }

    @Override
    protected void delete(StepContext context, LiveGroup live) {
        ElastiCacheClient client = context.aws().elastiCache();
        if (!DELETING.equals(live.group().status())) {
            try {
                client.deleteReplicationGroup(r -> r.replicationGroupId(live.group().replicationGroupId()));
            } catch (ReplicationGroupNotFoundException e) {
                return;
            }
        }
        client.waiter().waitUntilReplicationGroupDeleted(r -> r.replicationGroupId(live.group().replicationGroupId()),
                Waits.upTo(context, "replication group " + live.group().replicationGroupId()
                        + " to be deleted", Timeouts.ELASTICACHE_DELETED));
    }

    private Map<String, String> tags(StepContext context) {
        return ResourceTags.of(context.spec().environment(), StackName.CACHE, id().value());
    }
}
