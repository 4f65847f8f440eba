package io.glassbox.provisioner.stacks.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.glassbox.provisioner.aws.ResourceTags;
import io.glassbox.provisioner.engine.Change;
import io.glassbox.provisioner.engine.StepContext;
import io.glassbox.provisioner.spec.Environment;
import io.glassbox.provisioner.spec.SecurityGroupRole;
import io.glassbox.provisioner.spec.StackName;
import io.glassbox.provisioner.stacks.TestContexts;
import io.glassbox.provisioner.stacks.network.SecurityGroupStep;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.elasticache.model.CacheCluster;
import software.amazon.awssdk.services.elasticache.model.ReplicationGroup;
import software.amazon.awssdk.services.elasticache.model.SecurityGroupMembership;

/** What ElastiCache sets by itself (patch versions, failover, snapshots, status) is no change to production's cache. */
class ReplicationGroupDiffTest {

    private final StepContext context = TestContexts.context(Environment.PRODUCTION,
            Map.of(SecurityGroupStep.outputId(SecurityGroupRole.REDIS), "sg-redis"));

    private static ReplicationGroup.Builder group() {
        return ReplicationGroup.builder().replicationGroupId("glassbox-production").status("available")
                .cacheNodeType("cache.r6g.large").memberClusters("glassbox-production-001", "glassbox-production-002")
                .multiAZ("enabled").automaticFailover("enabled").transitEncryptionEnabled(true)
                .atRestEncryptionEnabled(true).snapshotRetentionLimit(7).snapshotWindow("03:00-04:00")
                .autoMinorVersionUpgrade(true);
    }

    private static CacheCluster member(String version) {
        return CacheCluster.builder().cacheClusterId("glassbox-production-001").engineVersion(version)
                .preferredMaintenanceWindow("sun:05:00-sun:06:00")
                .securityGroups(SecurityGroupMembership.builder().securityGroupId("sg-redis").status("active").build())
                .build();
    }

    private static ReplicationGroupStep.LiveGroup live(ReplicationGroup group, String version) {
        return new ReplicationGroupStep.LiveGroup(group, ResourceTags.of(Environment.PRODUCTION, StackName.CACHE, "cache.replication-group"),
                Optional.of(member(version)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"7.0.7", "7.1.0", "7.1"})
    void patchAndMinorVersionsOfAutoMinorUpgradeAreNoChange(String version) {
        assertThat(new ReplicationGroupStep().diff(context, live(group().build(), version))).isEmpty();
    }

    @Test
    void productionWithoutBackupsOrMinorUpgradesIsPlannedToGetThem() {
        ReplicationGroup bare = group().snapshotRetentionLimit(0).snapshotWindow("05:00-06:00")
                .autoMinorVersionUpgrade(false).build();
        assertThat(new ReplicationGroupStep().diff(context, live(bare, "7.1.0"))).extracting(Change::describe)
                .containsExactly("snapshotRetentionDays: 0 → 7", "snapshotWindow: 05:00-06:00 → 03:00-04:00",
                        "autoMinorVersionUpgrade: false → true");
    }

    @Test
    void aMaintenanceWindowElastiCachePickedIsSetToTheSpecs() {
        CacheCluster picked = member("7.1.0").toBuilder().preferredMaintenanceWindow("thu:03:00-thu:04:00").build();
        ReplicationGroupStep.LiveGroup live = new ReplicationGroupStep.LiveGroup(group().build(),
                ResourceTags.of(Environment.PRODUCTION, StackName.CACHE, "cache.replication-group"), Optional.of(picked));
        assertThat(new ReplicationGroupStep().diff(context, live)).extracting(Change::describe)
                .containsExactly("maintenanceWindow: thu:03:00-thu:04:00 → sun:05:00-sun:06:00");
    }

    @Test
    void aGroupThatDoesNotReportMinorUpgradesHasAwsDefaultOn() {
        ReplicationGroup unreported = group().autoMinorVersionUpgrade((Boolean) null).build();
        assertThat(new ReplicationGroupStep().diff(context, live(unreported, "7.1.0"))).isEmpty();
    }

    @Test
    void aFailoverASnapshotInProgressOrAnAwsTagAreNoChange() {
        // After a failover the primary is the second member; a backup leaves the group "snapshotting".
        ReplicationGroup failedOver = group().status("snapshotting")
                .memberClusters("glassbox-production-002", "glassbox-production-001").snapshottingClusterId("x").build();
        Map<String, String> tags = new java.util.HashMap<>(ResourceTags.of(Environment.PRODUCTION, StackName.CACHE, "cache.replication-group"));
        tags.put("aws:cloudformation:stack-name", "GlassBox-production-Cache");
        assertThat(new ReplicationGroupStep().diff(context,
                new ReplicationGroupStep.LiveGroup(failedOver, tags, Optional.of(member("7.1.0"))))).isEmpty();
    }

    @Test
    void anOlderMajorIsUpgradedANewerOneIsANotice() {
        assertThat(new ReplicationGroupStep().diff(context, live(group().build(), "6.2.6"))).extracting(Change::describe)
                .containsExactly("engineVersion: 6.2.6 → 7.x");
        ReplicationGroupStep.LiveGroup newer = live(group().build(), "8.0.1");
        assertThat(new ReplicationGroupStep().diff(context, newer)).isEmpty();
        assertThat(new ReplicationGroupStep().notices(context, newer)).singleElement().asString()
                .contains("8.0.1 is newer than the spec's 7.x");
    }
}
