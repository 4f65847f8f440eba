package io.glassbox.provisioner.stacks.database;

import static org.assertj.core.api.Assertions.assertThat;

import io.glassbox.provisioner.aws.AwsClients;
import io.glassbox.provisioner.aws.AwsSettings;
import io.glassbox.provisioner.engine.Change;
import io.glassbox.provisioner.engine.ChangeKind;
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
        AwsClients clients = new AwsClients(new AwsSettings("us-east-1", Optional.empty(),
                Optional.of(StaticCredentialsProvider.create(AwsBasicCredentials.create("unit", "unit"))),
                Optional.empty(), List.of()));
        Outputs outputs = new Outputs();
        outputs.put(SecurityGroupStep.outputId(SecurityGroupRole.RDS), "sg-rds");
        return new StepContext(clients, EnvironmentSpecs.forEnvironment(Environment.STAGING), outputs, false,
                new RunOptions(applyImmediately, false, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                        java.util.Set.of(), false, RunOptions.DEFAULT_POLL_INTERVAL));
    }

    private static DBInstance.Builder asSpecified() {
        return DBInstance.builder().dbInstanceIdentifier("glassbox-staging").engine("postgres").engineVersion("16.4")
                .dbInstanceClass("db.t3.medium").multiAZ(false).allocatedStorage(20).maxAllocatedStorage(100)
                .backupRetentionPeriod(7).deletionProtection(false).publiclyAccessible(false).storageEncrypted(true)
                .dbName("glassbox").masterUsername("glassbox")
                .dbSubnetGroup(DBSubnetGroup.builder().dbSubnetGroupName("glassbox-staging").build())
                .dbParameterGroups(DBParameterGroupStatus.builder().dbParameterGroupName("glassbox-staging-postgres16").build())
                .vpcSecurityGroups(VpcSecurityGroupMembership.builder().vpcSecurityGroupId("sg-rds").build())
                .tagList(Tag.builder().key("Project").value("glassbox").build(),
                        Tag.builder().key("Environment").value("staging").build(),
                        Tag.builder().key("ManagedBy").value("glassbox-provisioner").build(),
                        Tag.builder().key("Stack").value("GlassBox-staging-Database").build());
    }

    @Test
    void instanceAsSpecifiedHasNoChanges() {
        assertThat(new DbInstanceStep().diff(context(false), asSpecified().build())).isEmpty();
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
        DBInstance other = asSpecified().storageEncrypted(false).allocatedStorage(50)
                .dbSubnetGroup(DBSubnetGroup.builder().dbSubnetGroupName("legacy").build()).build();
        List<Change> changes = new DbInstanceStep().diff(context(false), other);
        assertThat(changes).filteredOn(c -> c.kind() == ChangeKind.REPLACE).extracting(Change::path)
                .containsExactlyInAnyOrder("storageEncrypted", "subnetGroup", "allocatedStorageGb");
        assertThat(changes).filteredOn(c -> c.kind() == ChangeKind.REPLACE).allMatch(Change::needsApproval);
    }

    @Test
    void publicAccessAndForeignSecurityGroupsAreRepaired() {
        DBInstance open = asSpecified().publiclyAccessible(true)
                .vpcSecurityGroups(VpcSecurityGroupMembership.builder().vpcSecurityGroupId("sg-other").build()).build();
        assertThat(new DbInstanceStep().diff(context(false), open)).extracting(Change::describe).containsExactly(
                "publiclyAccessible: true → false", "securityGroups: sg-other → sg-rds");
    }
}
