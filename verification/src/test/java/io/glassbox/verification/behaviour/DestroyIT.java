package io.glassbox.verification.behaviour;

import static org.assertj.core.api.Assertions.assertThat;

import io.glassbox.verification.support.AwsProbe;
import io.glassbox.verification.support.Cli;
import io.glassbox.verification.support.LocalEmulator;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.ec2.model.Filter;

/**
 * Destroy removes every resource of one environment and nothing of the other; data is never deleted silently.
 * Network, Storage and Messaging here; the Database and Cache stacks in DatabaseCacheDestroyIT.
 */
class DestroyIT {

    private static final Filter STAGING = AwsProbe.tag("Environment", "staging");
    private static final Filter PRODUCTION = AwsProbe.tag("Environment", "production");
    private static final List<String> STACKS = List.of("Network", "Storage", "Messaging");

    private static Cli.Result cli(String... args) {
        return Cli.runStacks(STACKS, args);
    }

    @Test
    void destroyRemovesStagingAndLeavesProductionAsItWas() {
        LocalEmulator.reset();
        for (String env : List.of("staging", "production")) {
            Cli.Result result = cli("deploy", "--env", env);
            assertThat(result.exitCode()).as(result.toString()).isZero();
        }
        try (AwsProbe aws = new AwsProbe()) {
            String bucket = "glassbox-staging-files-" + AwsProbe.ACCOUNT;
            aws.s3.putObject(r -> r.bucket(bucket).key("uploads/org/file/report.pdf"), RequestBody.fromString("data"));
            String logs = "glassbox-staging-logs-" + AwsProbe.ACCOUNT;
            aws.s3.putObject(r -> r.bucket(logs).key("s3-access/2026-12-03-06-00-00-ABC"), RequestBody.fromString("log"));

            Cli.Result refused = cli("destroy", "--env", "staging", "--yes");
            assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(3);
            assertThat(refused.err()).contains("S3 bucket " + bucket + " is not empty")
                    .as("logs are kept, never a reason to refuse").doesNotContain(logs);
            assertThat(aws.ec2.describeVpcs(r -> r.filters(STAGING)).vpcs()).as("nothing was deleted").hasSize(1);
            assertThat(aws.sqs.listQueues(r -> r.queueNamePrefix("glassbox-staging")).queueUrls()).hasSize(4);

            assertThat(refused.err()).contains("it is kept (--delete-objects deletes them)");
            Cli.Result destroyed = cli("destroy", "--env", "staging", "--yes", "--delete-objects");
            assertThat(destroyed.exitCode()).as(destroyed.toString()).isZero();
            assertThat(destroyed.out()).contains("kept storage.logs-bucket");

            assertThat(aws.ec2.describeVpcs(r -> r.filters(STAGING)).vpcs()).isEmpty();
            assertThat(aws.ec2.describeSubnets(r -> r.filters(STAGING)).subnets()).isEmpty();
            assertThat(aws.ec2.describeInternetGateways(r -> r.filters(STAGING)).internetGateways()).isEmpty();
            assertThat(aws.ec2.describeRouteTables(r -> r.filters(STAGING)).routeTables()).isEmpty();
            assertThat(aws.ec2.describeSecurityGroups(r -> r.filters(STAGING)).securityGroups()).isEmpty();
            assertThat(aws.ec2.describeAddresses(r -> r.filters(STAGING)).addresses()).isEmpty();
            assertThat(aws.ec2.describeNatGateways().natGateways())
                    .filteredOn(n -> n.stateAsString().equals("available"))
                    .noneMatch(n -> AwsProbe.tags(n.tags()).get("Environment").equals("staging"));
            assertThat(aws.s3.listBuckets().buckets()).extracting(b -> b.name()).doesNotContain(bucket).contains(logs);
            assertThat(aws.s3.listObjectsV2(r -> r.bucket(logs)).keyCount()).as("the logs stay").isPositive();
            assertThat(aws.sqs.listQueues(r -> r.queueNamePrefix("glassbox-staging")).queueUrls()).isEmpty();

            assertThat(aws.ec2.describeVpcs(r -> r.filters(PRODUCTION)).vpcs()).hasSize(1);
            assertThat(aws.ec2.describeSubnets(r -> r.filters(PRODUCTION)).subnets()).hasSize(9);
            Cli.Result production = cli("plan", "--env", "production", "--detailed-exitcode");
            assertThat(production.exitCode()).as("production is untouched: " + production).isZero();

            // One flag deletes every log: the log groups and the logs bucket with what it holds.
            Cli.Result withLogs = cli("destroy", "--env", "staging", "--yes", "--delete-logs");
            assertThat(withLogs.exitCode()).as(withLogs.toString()).isZero();
            assertThat(aws.s3.listBuckets().buckets()).extracting(b -> b.name()).doesNotContain(logs);
            assertThat(aws.logs.describeLogGroups(r -> r.logGroupNamePrefix("/vpc/glassbox-staging/")).logGroups())
                    .as("the flow logs' group, the Network stack's").isEmpty();

            Cli.Result again = cli("destroy", "--env", "staging", "--yes");
            assertThat(again.exitCode()).as("destroying nothing succeeds: " + again).isZero();
        }
    }
}
