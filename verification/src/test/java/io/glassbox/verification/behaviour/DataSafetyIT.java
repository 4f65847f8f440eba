package io.glassbox.verification.behaviour;

import static org.assertj.core.api.Assertions.assertThat;

import io.glassbox.provisioner.Provisioner;
import io.glassbox.provisioner.engine.ApprovalPolicy;
import io.glassbox.provisioner.engine.DeletableData;
import io.glassbox.provisioner.engine.Plan;
import io.glassbox.provisioner.engine.RefusedException;
import io.glassbox.provisioner.engine.RunOptions;
import io.glassbox.provisioner.spec.Environment;
import io.glassbox.provisioner.spec.StackName;
import io.glassbox.verification.support.AwsProbe;
import io.glassbox.verification.support.CallRecorder;
import io.glassbox.verification.support.Cli;
import io.glassbox.verification.support.LocalEmulator;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.Tag;

/**
 * A deploy never loses data (the production database once deleted and recreated after storage autoscaling):
 * what AWS grows by itself is no change, and a replacement of something holding data is refused up front — exit
 * 3, nothing changed, whatever {@code --yes} says — unless the operator names that data with its
 * {@code --delete-*} flag, as for destroy. Every check reads AWS independently of the provisioner.
 */
class DataSafetyIT {

    private static final String PRODUCTION = "glassbox-production";
    private final AwsProbe aws = new AwsProbe();

    @BeforeEach
    void reset() {
        LocalEmulator.reset();
    }

    @AfterEach
    void close() {
        aws.close();
    }

    private void deployProductionDatabase() {
        Cli.Result deployed = Cli.run("deploy", "--env", "production", "--stack", "Network", "--stack", "Database",
                "--skip-data-plane");
        assertThat(deployed.exitCode()).as(deployed.toString()).isZero();
    }

    private DBInstance instance() {
        return aws.rds.describeDBInstances(r -> r.dbInstanceIdentifier(PRODUCTION)).dbInstances().get(0);
    }

    private static Cli.Result database(String... args) {
        List<String> all = new java.util.ArrayList<>(List.of(args));
        all.addAll(List.of("--env", "production", "--stack", "Database", "--skip-data-plane"));
        return Cli.run(all.toArray(String[]::new));
    }

    @Test
    void storageGrownByAutoscalingIsNoChangeAndTheInstanceStays() {
        deployProductionDatabase();
        aws.rds.modifyDBInstance(r -> r.dbInstanceIdentifier(PRODUCTION).allocatedStorage(150).applyImmediately(true));
        DBInstance before = instance();
        assertThat(before.allocatedStorage()).isEqualTo(150);

        Cli.Result plan = database("plan", "--detailed-exitcode");
        assertThat(plan.exitCode()).as(plan.toString()).isZero();
        assertThat(plan.out()).contains("No changes").doesNotContain("allocatedStorageGb");

        CallRecorder recorder = new CallRecorder();
        Cli.Result deployed = Cli.run(List.of(recorder), "deploy", "--env", "production", "--stack", "Database",
                "--skip-data-plane", "--yes");
        assertThat(deployed.exitCode()).as(deployed.toString()).isZero();
        assertThat(recorder.mutating()).as("a release pipeline's deploy --yes changes nothing").isEmpty();
        DBInstance after = instance();
        assertThat(after.dbInstanceIdentifier()).isEqualTo(before.dbInstanceIdentifier());
        assertThat(after.instanceCreateTime()).as("the same instance").isEqualTo(before.instanceCreateTime());
        assertThat(after.allocatedStorage()).isEqualTo(150);
        assertThat(after.deletionProtection()).isTrue();
    }

    @Test
    void storageAboveTheMaximumIsReportedNeverReplaced() {
        deployProductionDatabase();
        aws.rds.modifyDBInstance(r -> r.dbInstanceIdentifier(PRODUCTION).allocatedStorage(600).applyImmediately(true));
        Instant created = instance().instanceCreateTime();

        Cli.Result plan = database("plan", "--detailed-exitcode");
        assertThat(plan.exitCode()).as(plan.toString()).isZero();
        assertThat(plan.out()).contains("No changes")
                .contains("! RDS instance glassbox-production: allocatedStorageGb 600 is above the configured maximum"
                        + " of 500");
        Cli.Result json = database("plan", "--json");
        assertThat(json.out()).contains("\"event\":\"plan_notice\"").contains("above the configured maximum");

        Cli.Result deployed = database("deploy", "--yes");
        assertThat(deployed.exitCode()).as(deployed.toString()).isZero();
        assertThat(instance().instanceCreateTime()).isEqualTo(created);
    }

    /**
     * The instance is recreated by hand as it was, ours, but without storage encryption, which RDS cannot turn on
     * in place: only a replacement can reconcile it, and a replacement starts empty.
     */
    private Instant recreateUnencrypted(String identifier) {
        DBInstance deployed = aws.rds.describeDBInstances(r -> r.dbInstanceIdentifier(identifier)).dbInstances().get(0);
        aws.rds.modifyDBInstance(r -> r.dbInstanceIdentifier(identifier).deletionProtection(false).applyImmediately(true));
        aws.rds.deleteDBInstance(r -> r.dbInstanceIdentifier(identifier).skipFinalSnapshot(true)
                .deleteAutomatedBackups(true));
        aws.rds.createDBInstance(r -> r.dbInstanceIdentifier(identifier).engine("postgres").engineVersion("16")
                .dbInstanceClass(deployed.dbInstanceClass()).multiAZ(deployed.multiAZ())
                .allocatedStorage(deployed.allocatedStorage()).maxAllocatedStorage(deployed.maxAllocatedStorage())
                .storageEncrypted(false).backupRetentionPeriod(deployed.backupRetentionPeriod())
                .deletionProtection(deployed.deletionProtection()).publiclyAccessible(false).dbName("glassbox")
                .masterUsername("glassbox").masterUserPassword("unused-here")
                .dbSubnetGroupName(deployed.dbSubnetGroup().dbSubnetGroupName())
                .dbParameterGroupName(deployed.dbParameterGroups().get(0).dbParameterGroupName())
                .vpcSecurityGroupIds(deployed.vpcSecurityGroups().get(0).vpcSecurityGroupId())
                .tags(deployed.tagList()));
        // KnownEmulatorGaps.RDS_SNAPSHOT_NAME_PER_MINUTE: the replacement made within this minute would collide
        // with this instance's automated snapshot, which AWS names uniquely.
        aws.rds.describeDBSnapshots(r -> r.dbInstanceIdentifier(identifier).snapshotType("automated")).dbSnapshots()
                .forEach(s -> aws.rds.deleteDBSnapshot(r -> r.dbSnapshotIdentifier(s.dbSnapshotIdentifier())));
        return aws.rds.describeDBInstances(r -> r.dbInstanceIdentifier(identifier)).dbInstances().get(0)
                .instanceCreateTime();
    }

    @Test
    void replacingTheProtectedDatabaseNeedsItsFlagNotJustYes() {
        deployProductionDatabase();
        Instant created = recreateUnencrypted(PRODUCTION);

        Cli.Result plan = database("plan", "--detailed-exitcode");
        assertThat(plan.exitCode()).as(plan.toString()).isEqualTo(2);
        assertThat(plan.out()).contains("-/+ RDS instance glassbox-production")
                .contains("storageEncrypted: false → true  (requires replacement)")
                .contains("! refused, deletes data: RDS instance glassbox-production would be replaced")
                .contains("--delete-protected-database allows it");

        CallRecorder recorder = new CallRecorder();
        Cli.Result refused = Cli.run(List.of(recorder), "deploy", "--env", "production", "--stack", "Database",
                "--skip-data-plane", "--yes");
        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(3);
        assertThat(refused.err()).contains("replacing these deletes data, so nothing was changed")
                .contains("--delete-protected-database allows it and turns deletion protection off");
        assertThat(recorder.mutating()).as("nothing was changed, not even a lock").isEmpty();
        DBInstance kept = instance();
        assertThat(kept.instanceCreateTime()).isEqualTo(created);
        assertThat(kept.deletionProtection()).as("protection is never lifted as a side effect").isTrue();

        // Another kind's flag does not allow it either.
        Cli.Result wrongFlag = database("deploy", "--yes", "--delete-database", "--delete-objects");
        assertThat(wrongFlag.exitCode()).as(wrongFlag.toString()).isEqualTo(3);
        assertThat(instance().instanceCreateTime()).isEqualTo(created);

        Cli.Result replaced = database("deploy", "--yes", "--delete-protected-database");
        assertThat(replaced.exitCode()).as(replaced.toString()).isZero();
        assertThat(aws.rds.describeDBSnapshots(r -> r.dbInstanceIdentifier(PRODUCTION).snapshotType("manual"))
                .dbSnapshots()).as("the final snapshot keeps the old data").extracting(s -> s.dbSnapshotIdentifier())
                .anyMatch(id -> id.startsWith(PRODUCTION + "-final-"));
        DBInstance fresh = instance();
        assertThat(fresh.storageEncrypted()).isTrue();
        assertThat(fresh.deletionProtection()).as("the new instance is protected again").isTrue();
        assertThat(fresh.instanceCreateTime()).isNotEqualTo(created);
        assertThat(database("plan", "--detailed-exitcode").exitCode()).isZero();
    }

    @Test
    void anUnprotectedDatabaseIsNotReplacedOnYesAloneEither() {
        Cli.Result deployed = Cli.run("deploy", "--env", "staging", "--stack", "Network", "--stack", "Database",
                "--skip-data-plane");
        assertThat(deployed.exitCode()).as(deployed.toString()).isZero();
        Instant created = recreateUnencrypted("glassbox-staging");

        Cli.Result refused = Cli.run("deploy", "--env", "staging", "--stack", "Database", "--skip-data-plane", "--yes");
        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(3);
        assertThat(refused.err()).contains("RDS instance glassbox-staging would be replaced: the new instance starts"
                + " empty (a final snapshot keeps the old data); --delete-database allows it");
        assertThat(aws.rds.describeDBInstances(r -> r.dbInstanceIdentifier("glassbox-staging")).dbInstances().get(0)
                .instanceCreateTime()).isEqualTo(created);

        Cli.Result replaced = Cli.run("deploy", "--env", "staging", "--stack", "Database", "--skip-data-plane", "--yes",
                "--delete-database");
        assertThat(replaced.exitCode()).as(replaced.toString()).isZero();
        assertThat(aws.rds.describeDBInstances(r -> r.dbInstanceIdentifier("glassbox-staging")).dbInstances().get(0)
                .storageEncrypted()).isTrue();
    }

    @Test
    void theLibrarysApprovalPolicyNeverApprovesDataLoss() {
        Cli.Result deployed = Cli.run("deploy", "--env", "staging", "--stack", "Network", "--stack", "Database",
                "--skip-data-plane");
        assertThat(deployed.exitCode()).as(deployed.toString()).isZero();
        Instant created = recreateUnencrypted("glassbox-staging");
        java.util.function.Function<io.glassbox.provisioner.engine.RunOptions, Provisioner> provisioner = options ->
                Provisioner.builder().environment(Environment.STAGING).endpoint(LocalEmulator.endpoint())
                        .region(AwsProbe.REGION).stacks(java.util.Set.of(StackName.DATABASE)).options(options)
                        .credentials(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))
                        .build();
        RunOptions noDataPlane = new RunOptions(false, true, java.util.Optional.empty(), java.util.Optional.empty(),
                java.util.Optional.empty(), java.util.Optional.empty(), java.util.Set.of(), false,
                RunOptions.DEFAULT_POLL_INTERVAL);
        try (Provisioner library = provisioner.apply(noDataPlane)) {
            Plan plan = library.plan();
            assertThat(plan.dataLossRefusals()).singleElement().asString().contains("--delete-database");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> library.apply(plan, ApprovalPolicy.approveAll()))
                    .isInstanceOf(RefusedException.class).hasMessageContaining("replacing these deletes data");
        }
        assertThat(aws.rds.describeDBInstances(r -> r.dbInstanceIdentifier("glassbox-staging")).dbInstances().get(0)
                .instanceCreateTime()).isEqualTo(created);
        try (Provisioner library = provisioner.apply(noDataPlane.deleting(java.util.Set.of(DeletableData.DATABASE)))) {
            var result = library.apply(library.plan(), ApprovalPolicy.approveAll());
            assertThat(result.succeeded()).as(result.outcomes().toString()).isTrue();
        }
        assertThat(aws.rds.describeDBInstances(r -> r.dbInstanceIdentifier("glassbox-staging")).dbInstances().get(0)
                .storageEncrypted()).isTrue();
    }

    @Test
    void aBucketReplacementWithObjectsIsRefusedTheSameWay() {
        Cli.Result elsewhere = Cli.run("deploy", "--env", "staging", "--stack", "Storage", "--region", "eu-west-1");
        assertThat(elsewhere.exitCode()).as(elsewhere.toString()).isZero();
        String bucket = "glassbox-staging-files-" + AwsProbe.ACCOUNT;
        aws.s3.putObject(r -> r.bucket(bucket).key("users/1/report.pdf"), RequestBody.fromString("data"));
        assertThat(aws.s3.headBucket(r -> r.bucket(bucket)).bucketRegion()).isEqualTo("eu-west-1");

        Cli.Result plan = Cli.run("plan", "--env", "staging", "--stack", "Storage", "--detailed-exitcode");
        assertThat(plan.exitCode()).as(plan.toString()).isEqualTo(2);
        assertThat(plan.out()).contains("region: eu-west-1 → us-east-1  (requires replacement)")
                .contains("! refused, deletes data: S3 bucket " + bucket + " is not empty");

        CallRecorder recorder = new CallRecorder();
        Cli.Result refused = Cli.run(List.of(recorder), "deploy", "--env", "staging", "--stack", "Storage", "--yes");
        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(3);
        assertThat(refused.err()).contains("--delete-objects deletes them");
        assertThat(recorder.mutating()).isEmpty();
        assertThat(aws.s3.headBucket(r -> r.bucket(bucket)).bucketRegion()).isEqualTo("eu-west-1");
        assertThat(aws.s3.listObjectsV2(r -> r.bucket(bucket)).contents()).extracting(o -> o.key())
                .containsExactly("users/1/report.pdf");

        // The logs bucket moves too, with the access logs S3 delivered into it: logs go with --delete-logs.
        Cli.Result filesOnly = Cli.run("deploy", "--env", "staging", "--stack", "Storage", "--yes", "--delete-objects");
        assertThat(filesOnly.exitCode()).as(filesOnly.toString()).isEqualTo(3);
        assertThat(filesOnly.err()).contains("its logs are data; it is kept (--delete-logs deletes them)");
        Cli.Result replaced = Cli.run("deploy", "--env", "staging", "--stack", "Storage", "--yes", "--delete-objects",
                "--delete-logs");
        assertThat(replaced.exitCode()).as(replaced.toString()).isZero();
        assertThat(aws.s3.headBucket(r -> r.bucket(bucket)).bucketRegion()).isEqualTo("us-east-1");
        assertThat(aws.s3.listObjectsV2(r -> r.bucket(bucket)).contents()).isEmpty();
        assertThat(aws.s3.getBucketTagging(r -> r.bucket(bucket)).tagSet().stream()
                .collect(Collectors.toMap(t -> t.key(), t -> t.value()))).containsEntry("ManagedBy", "glassbox-provisioner");
    }
}
