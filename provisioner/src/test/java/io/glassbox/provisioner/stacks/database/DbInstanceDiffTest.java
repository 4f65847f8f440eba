package io.glassbox.provisioner.stacks.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.glassbox.provisioner.aws.AwsClients;
import io.glassbox.provisioner.aws.AwsSettings;
import io.glassbox.provisioner.engine.Change;
import io.glassbox.provisioner.engine.ChangeKind;
import io.glassbox.provisioner.engine.DeletableData;
import io.glassbox.provisioner.engine.RefusedException;
import io.glassbox.provisioner.engine.Outputs;
import io.glassbox.provisioner.engine.RunOptions;
import io.glassbox.provisioner.engine.StepContext;
import io.glassbox.provisioner.spec.Environment;
import io.glassbox.provisioner.spec.EnvironmentSpecs;
import io.glassbox.provisioner.spec.SecurityGroupRole;
import io.glassbox.provisioner.stacks.network.SecurityGroupStep;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.DBParameterGroupStatus;
import software.amazon.awssdk.services.rds.model.DBSubnetGroup;
import software.amazon.awssdk.services.rds.model.PendingModifiedValues;
import software.amazon.awssdk.services.rds.model.Tag;
import software.amazon.awssdk.services.rds.model.VpcSecurityGroupMembership;

/** What the RDS instance diff calls in place, pending, or a replacement. No network: no endpoint, no secret read. */
class DbInstanceDiffTest {

    private static StepContext context(boolean applyImmediately) {
        return context(applyImmediately, java.util.Set.of());
    }

    private static StepContext context(boolean applyImmediately, java.util.Set<DeletableData> deletable) {
        AwsClients clients = new AwsClients(new AwsSettings("us-east-1", Optional.empty(),
                Optional.of(StaticCredentialsProvider.create(AwsBasicCredentials.create("unit", "unit"))),
                Optional.empty(), List.of()));
        Outputs outputs = new Outputs();
        outputs.put(SecurityGroupStep.outputId(SecurityGroupRole.RDS), "sg-rds");
        outputs.put(DbSubnetGroupStep.ID + ".name", "glassbox-staging");
        return new StepContext(clients, EnvironmentSpecs.forEnvironment(Environment.STAGING), outputs, false,
                new RunOptions(applyImmediately, false, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                        deletable, false, RunOptions.DEFAULT_POLL_INTERVAL));
    }

    private static DBInstance.Builder asSpecified() {
        return DBInstance.builder().dbInstanceIdentifier("glassbox-staging").engine("postgres").engineVersion("16.4")
                .dbInstanceClass("db.t3.medium").multiAZ(false).allocatedStorage(20).maxAllocatedStorage(100)
                .backupRetentionPeriod(7).deletionProtection(false).publiclyAccessible(false).storageEncrypted(true)
                .autoMinorVersionUpgrade(true).copyTagsToSnapshot(true).enabledCloudwatchLogsExports("upgrade", "postgresql")
                .dbName("glassbox").masterUsername("glassbox")
                .preferredBackupWindow("03:00-04:00").preferredMaintenanceWindow("sun:05:00-sun:06:00")
                .dbSubnetGroup(DBSubnetGroup.builder().dbSubnetGroupName("glassbox-staging").build())
                .dbParameterGroups(DBParameterGroupStatus.builder().dbParameterGroupName("glassbox-staging-postgres16").build())
                .vpcSecurityGroups(VpcSecurityGroupMembership.builder().vpcSecurityGroupId("sg-rds").build())
                .tagList(Tag.builder().key("Project").value("glassbox").build(),
                        Tag.builder().key("Environment").value("staging").build(),
                        Tag.builder().key("ManagedBy").value("glassbox-provisioner").build(),
                        Tag.builder().key("Stack").value("GlassBox-staging-Database").build(),
                        Tag.builder().key("glassbox:step").value("database.instance").build());
    }

    @Test
    void windowsPickedByRdsAreSetToTheSpecsNonOverlappingOnes() {
        // What RDS picks when none is given: a random 30 minutes in the region's 8-hour block, here over the backups.
        assertThat(new DbInstanceStep().diff(context(false), asSpecified().preferredBackupWindow("03:17-03:47")
                .preferredMaintenanceWindow("tue:03:20-tue:03:50").build())).extracting(Change::describe)
                .containsExactly("backupWindow: 03:17-03:47 → 03:00-04:00",
                        "maintenanceWindow: tue:03:20-tue:03:50 → sun:05:00-sun:06:00");
        assertThat(new DbInstanceStep().diff(context(false), asSpecified().preferredMaintenanceWindow(
                "Sun:05:00-Sun:06:00").build())).as("reported in another case").isEmpty();
    }

    @Test
    void instanceAsSpecifiedHasNoChanges() {
        assertThat(new DbInstanceStep().diff(context(false), asSpecified().build())).isEmpty();
    }

    @Test
    void minorUpgradesAndTagsOnSnapshotsAreSecurityControlsRepairedAtOnce() {
        // FSBP RDS.13 and RDS.17: turned off out of band, turned on again without waiting for the window.
        DBInstance drifted = asSpecified().autoMinorVersionUpgrade(false).copyTagsToSnapshot(false)
                .enabledCloudwatchLogsExports("postgresql").build();
        // RDS.9 too: the upgrade log no longer exported.
        assertThat(new DbInstanceStep().diff(context(false), drifted)).extracting(Change::describe).containsExactly(
                "autoMinorVersionUpgrade: false → true", "copyTagsToSnapshot: false → true",
                "logExports: [postgresql] → [postgresql, upgrade]");
    }

    @Test
    void windowedChangesSayWhenTheyApply() {
        DBInstance bigger = asSpecified().dbInstanceClass("db.t3.small").backupRetentionPeriod(3).build();
        assertThat(new DbInstanceStep().diff(context(false), bigger)).extracting(Change::describe).containsExactly(
                "instanceClass: db.t3.small → db.t3.medium (at the next maintenance window)",
                "backupRetentionDays: 3 → 7");
        assertThat(new DbInstanceStep().diff(context(true), bigger)).extracting(Change::describe)
                .contains("instanceClass: db.t3.small → db.t3.medium (applied immediately)");
    }

    @Test
    void aValuePendingForTheWindowIsNotChangedAgain() {
        DBInstance pending = asSpecified().dbInstanceClass("db.t3.small")
                .pendingModifiedValues(PendingModifiedValues.builder().dbInstanceClass("db.t3.medium").build()).build();
        assertThat(new DbInstanceStep().diff(context(false), pending)).isEmpty();
    }

    @Test
    void whatRdsCannotChangeInPlaceIsAReplacementNeedingApproval() {
        DBInstance other = asSpecified().storageEncrypted(false).masterUsername("admin").build();
        List<Change> changes = new DbInstanceStep().diff(context(false), other);
        assertThat(changes).filteredOn(c -> c.kind() == ChangeKind.REPLACE).extracting(Change::path)
                .containsExactlyInAnyOrder("storageEncrypted", "masterUsername");
        assertThat(changes).filteredOn(c -> c.kind() == ChangeKind.REPLACE).allMatch(Change::needsApproval);
    }

    /** The cause of the lost production database: autoscaled storage was planned as a replacement. */
    @ParameterizedTest
    @ValueSource(ints = {21, 57, 100})
    void storageThatAutoscalingGrewWithinTheMaximumIsNoChange(int grownTo) {
        DBInstance grown = asSpecified().allocatedStorage(grownTo).dbInstanceStatus("storage-optimization").build();
        assertThat(new DbInstanceStep().diff(context(false), grown)).isEmpty();
        assertThat(new DbInstanceStep().notices(context(false), grown)).isEmpty();
    }

    @Test
    void storageAboveTheMaximumIsANoticeNeverAChange() {
        DBInstance past = asSpecified().allocatedStorage(150).build();
        assertThat(new DbInstanceStep().diff(context(false), past)).isEmpty();
        assertThat(new DbInstanceStep().notices(context(false), past)).singleElement().asString()
                .contains("allocatedStorageGb 150 is above the configured maximum of 100").contains("nothing is changed");
    }

    @Test
    void storageBelowTheSpecIsRaisedInPlace() {
        DBInstance small = asSpecified().allocatedStorage(10).build();
        assertThat(new DbInstanceStep().diff(context(false), small)).extracting(Change::describe)
                .containsExactly("allocatedStorageGb: 10 → 20 (at the next maintenance window)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"16.1", "16.4", "16.9", "16.10"})
    void minorVersionsReachedByAutoMinorUpgradeAreNoChange(String version) {
        assertThat(new DbInstanceStep().diff(context(false), asSpecified().engineVersion(version).build())).isEmpty();
    }

    @Test
    void anOlderMajorVersionIsUpgradedInPlaceANewerOneIsANotice() {
        assertThat(new DbInstanceStep().diff(context(false), asSpecified().engineVersion("15.7").build()))
                .extracting(Change::describe).containsExactly("engineVersion: 15 → 16 (at the next maintenance window)");
        DBInstance newer = asSpecified().engineVersion("17.2").build();
        assertThat(new DbInstanceStep().diff(context(false), newer)).isEmpty();
        assertThat(new DbInstanceStep().notices(context(false), newer)).singleElement().asString()
                .contains("17.2 is newer than the spec's 16");
    }

    @Test
    void theSubnetGroupIsTheOneFoundCaseInsensitiveAndMovesInPlace() {
        DBInstance upper = asSpecified().dbSubnetGroup(DBSubnetGroup.builder().dbSubnetGroupName("Glassbox-Staging")
                .build()).build();
        assertThat(new DbInstanceStep().diff(context(false), upper)).isEmpty();
        DBInstance legacy = asSpecified().dbSubnetGroup(DBSubnetGroup.builder().dbSubnetGroupName("legacy").build())
                .build();
        assertThat(new DbInstanceStep().diff(context(false), legacy)).singleElement()
                .satisfies(c -> assertThat(c.kind()).isEqualTo(ChangeKind.UPDATE))
                .extracting(Change::describe).isEqualTo("subnetGroup: legacy → glassbox-staging (at the next maintenance window)");
    }

    @Test
    void replacingADatabaseNeedsItsFlagWhetherProtectedOrNot() {
        DbInstanceStep step = new DbInstanceStep();
        DBInstance open = asSpecified().build();
        DBInstance guarded = asSpecified().deletionProtection(true).build();
        assertThat(step.refuseReplace(context(false), open)).get().asString().contains("--delete-database")
                .contains("starts empty");
        assertThat(step.refuseReplace(context(false, java.util.Set.of(DeletableData.DATABASE)), open)).isEmpty();
        assertThat(step.refuseReplace(context(false, java.util.Set.of(DeletableData.DATABASE)), guarded)).get()
                .asString().contains("--delete-protected-database");
        assertThat(step.refuseReplace(context(false, java.util.Set.of(DeletableData.PROTECTED_DATABASE)), guarded))
                .isEmpty();
        // destroy's rule is unchanged: an unprotected database is deleted (after a final snapshot) without a flag.
        assertThat(step.refuseDelete(context(false), open)).isEmpty();
        assertThat(step.refuseDelete(context(false), guarded)).isPresent();
    }

    @Test
    void deletionProtectionIsNeverLiftedWithoutTheFlag() {
        // No endpoint and unit credentials: reaching any AWS call would fail differently.
        assertThatThrownBy(() -> new DbInstanceStep().delete(context(false), asSpecified().deletionProtection(true).build()))
                .isInstanceOf(RefusedException.class).hasMessageContaining("--delete-protected-database");
    }

    @Test
    void publicAccessAndForeignSecurityGroupsAreRepaired() {
        DBInstance open = asSpecified().publiclyAccessible(true)
                .vpcSecurityGroups(VpcSecurityGroupMembership.builder().vpcSecurityGroupId("sg-other").build()).build();
        assertThat(new DbInstanceStep().diff(context(false), open)).extracting(Change::describe).containsExactly(
                "publiclyAccessible: true → false", "securityGroups: sg-other → sg-rds");
    }
}
