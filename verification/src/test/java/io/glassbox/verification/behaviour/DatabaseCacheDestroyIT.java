package io.glassbox.verification.behaviour;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.glassbox.verification.support.AwsProbe;
import io.glassbox.verification.support.Cli;
import io.glassbox.verification.support.KnownEmulatorGaps;
import io.glassbox.verification.support.LocalEmulator;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.rds.model.DbInstanceNotFoundException;
import software.amazon.awssdk.services.rds.model.DbSubnetGroupNotFoundException;

/**
 * Destroy of the Database and Cache stacks: staging's database goes (with a final snapshot), its secret is
 * scheduled for deletion with a recovery window; production's deletion-protected database is refused and
 * nothing is deleted.
 */
class DatabaseCacheDestroyIT {

    @Test
    void stagingDestroyRemovesDatabaseAndCache() {
        LocalEmulator.reset();
        Cli.Result deployed = Cli.run("deploy", "--env", "staging", "--skip-data-plane");
        assertThat(deployed.exitCode()).as(deployed.toString()).isZero();
        Cli.Result destroyed = Cli.run("destroy", "--env", "staging", "--yes", "--stack", "Database", "--stack", "Cache");
        try (AwsProbe aws = new AwsProbe()) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> aws.rds.describeDBInstances(
                    r -> r.dbInstanceIdentifier("glassbox-staging"))).isInstanceOf(DbInstanceNotFoundException.class);
            assertThat(aws.rds.describeDBSnapshots(r -> r.dbInstanceIdentifier("glassbox-staging")).dbSnapshots())
                    .as("a final snapshot keeps the data").extracting(s -> s.dbSnapshotIdentifier())
                    .anyMatch(id -> id.startsWith("glassbox-staging-final-"));
            try {
                assertThat(aws.rds.describeDBSubnetGroups(r -> r.dbSubnetGroupName("glassbox-staging"))
                        .dbSubnetGroups()).isEmpty();
            } catch (DbSubnetGroupNotFoundException e) {
                // gone: what destroy should do
            }
            assertThat(aws.rds.describeDBParameterGroups().dbParameterGroups())
                    .noneMatch(g -> g.dbParameterGroupName().equals("glassbox-staging-postgres16"));
            assertThat(aws.secrets.describeSecret(r -> r.secretId("glassbox/staging/database")).deletedDate())
                    .as("the secret waits out its recovery window").isNotNull();
            assertThat(aws.ssm.getParametersByPath(r -> r.path("/glassbox/staging/database")).parameters()).isEmpty();
            // KnownEmulatorGaps.ELASTICACHE_DELETE_NEVER_FINISHES is filled by moto_server.py.
            assertThat(aws.elastiCache.describeReplicationGroups().replicationGroups())
                    .noneMatch(g -> g.replicationGroupId().equals("glassbox-staging"));
            assertThat(aws.elastiCache.describeCacheSubnetGroups().cacheSubnetGroups())
                    .noneMatch(g -> g.cacheSubnetGroupName().equals("glassbox-staging"));
        }
        assertThat(destroyed.exitCode()).as(destroyed.toString()).isZero();

        // A redeploy would restore the secret, password and all; planned here rather than applied because moto
        // cannot recreate the instance in the same minute (KnownEmulatorGaps.RDS_SNAPSHOT_NAME_PER_MINUTE).
        Cli.Result plan = Cli.run("plan", "--env", "staging", "--stack", "Database", "--skip-data-plane");
        assertThat(plan.exitCode()).as(plan.toString()).isZero();
        assertThat(plan.out()).contains("~   secret glassbox/staging/database")
                .contains("state: scheduled for deletion → restored (with its stored password)");
    }

    @Test
    void productionDestroyIsRefusedWhileDeletionProtectionIsOn() {
        LocalEmulator.reset();
        Cli.Result deployed = Cli.run("deploy", "--env", "production", "--skip-data-plane");
        assertThat(deployed.exitCode()).as(deployed.toString()).isZero();
        Cli.Result refused = Cli.run("destroy", "--env", "production", "--yes");
        assertThat(refused.exitCode()).isEqualTo(3);
        // Every protected resource is named up front, before anything is deleted.
        assertThat(refused.err()).contains("RDS instance glassbox-production has deletion protection on")
                .contains("load balancer glassbox-production has deletion protection on")
                .contains("--delete-protected-load-balancer")
                .contains("Cognito user pool glassbox-production-users").contains("has deletion protection on");
        try (AwsProbe aws = new AwsProbe()) {
            assertThat(aws.rds.describeDBInstances(r -> r.dbInstanceIdentifier("glassbox-production")).dbInstances())
                    .hasSize(1);
            assertThat(aws.ec2.describeVpcs(r -> r.filters(AwsProbe.tag("Environment", "production"))).vpcs()).hasSize(1);
            assertThat(aws.sqs.listQueues(r -> r.queueNamePrefix("glassbox-production")).queueUrls()).hasSize(4);

            // Named by the operator, the protected database goes: protection off, then deleted after a final snapshot.
            Cli.Result destroyed = Cli.run("destroy", "--env", "production", "--yes", "--stack", "Database",
                    "--delete-protected-database");
            assertThat(destroyed.exitCode()).as(destroyed.toString()).isZero();
            assertThatThrownBy(() -> aws.rds.describeDBInstances(r -> r.dbInstanceIdentifier("glassbox-production")))
                    .isInstanceOf(DbInstanceNotFoundException.class);
            assertThat(aws.rds.describeDBSnapshots(r -> r.dbInstanceIdentifier("glassbox-production")).dbSnapshots())
                    .extracting(s -> s.dbSnapshotIdentifier()).anyMatch(id -> id.startsWith("glassbox-production-final-"));

            // The load balancer and the user pool go only when named, protection lifted first; the files bucket with
            // --delete-objects (the logs bucket stays, like the log groups).
            Cli.Result rest = Cli.run("destroy", "--env", "production", "--yes", "--delete-protected-load-balancer",
                    "--delete-users", "--delete-objects");
            assertThat(rest.exitCode()).as(rest.toString()).isZero();
            assertThat(aws.elb.describeLoadBalancers().loadBalancers()).noneMatch(lb -> lb.loadBalancerName()
                    .equals("glassbox-production"));
            assertThat(aws.cognito.listUserPools(r -> r.maxResults(60)).userPools()).noneMatch(p -> p.name()
                    .equals("glassbox-production-users"));
        }
    }
}
