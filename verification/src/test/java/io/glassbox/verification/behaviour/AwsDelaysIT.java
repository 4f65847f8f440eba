package io.glassbox.verification.behaviour;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.glassbox.verification.support.AwsProbe;
import io.glassbox.verification.support.Cli;
import io.glassbox.verification.support.LocalEmulator;
import io.glassbox.verification.support.Owned;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.elasticache.model.Tag;

/**
 * What AWS holds, or is busy with, for a while after a call, as the emulator's {@code aws_delays.py} makes moto do
 * (KnownEmulatorGaps.LINGERING_NETWORK_INTERFACES, ELASTICACHE_BUSY_STATES): destroy waits out what deleted resources
 * still hold, showing each wait; a replication group busy modifying is waited for before it is tagged; another
 * team's busy group never breaks our plan. (IAM_PROPAGATION, ECS_SERVICE_LINKED_ROLE and ACM_EVENTUAL_CONSISTENCY
 * are met by every first deploy of the Network and Compute stacks: NetworkStackIT, ComputeStackIT.)
 */
class AwsDelaysIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Filter STAGING = AwsProbe.tag("Environment", "staging");

    @Test
    void destroyWaitsOutWhatDeletedResourcesStillHoldAndSaysSo() throws Exception {
        deployStaging();
        Cli.Result destroyed = Cli.run("destroy", "--env", "staging", "--yes", "--delete-logs", "--json");
        assertThat(destroyed.exitCode()).as(destroyed.toString()).isZero();
        List<JsonNode> waits = waits(destroyed);
        // The load balancer's interfaces hold its security group, subnets and public addresses, and its listener the
        // certificate; the services', the cache's and the database's hold theirs: each delete waited, and said what for.
        assertThat(waits).extracting(w -> w.path("step").asText() + ": " + w.path("for").asText())
                .contains("compute.certificate: the certificate's listener to let go of it (ResourceInUseException)");
        assertThat(waits).filteredOn(w -> w.path("step").asText().startsWith("network."))
                .extracting(w -> w.path("step").asText())
                .contains("network.internet-gateway", "network.security-group.alb", "network.security-group.ecs",
                        "network.security-group.redis", "network.security-group.rds", "network.subnet.public-a",
                        "network.subnet.private-a", "network.subnet.isolated-a", "network.vpc");
        assertThat(waits).allSatisfy(w -> assertThat(w.path("limit_seconds").asLong())
                .isEqualTo(Duration.ofMinutes(20).toSeconds()));
        assertThat(waits).filteredOn(w -> w.path("step").asText().startsWith("network.")).allSatisfy(w -> assertThat(
                w.path("for").asText()).isEqualTo("the network interfaces of deleted resources to go (DependencyViolation)"));
        try (AwsProbe aws = new AwsProbe()) {
            assertThat(aws.ec2.describeVpcs(r -> r.filters(STAGING)).vpcs()).isEmpty();
            assertThat(aws.ec2.describeSecurityGroups(r -> r.filters(STAGING)).securityGroups()).isEmpty();
            assertThat(aws.ec2.describeInternetGateways(r -> r.filters(STAGING)).internetGateways()).isEmpty();
            assertThat(aws.acm.listCertificates().certificateSummaryList()).isEmpty();
        }
    }

    /**
     * Staging deployed, and what deleted resources hold refusing the first two deletes whenever they come, so that every
     * delete meets it however long the steps before it took.
     */
    private static void deployStaging() {
        LocalEmulator.reset();
        Cli.Result deployed = Cli.run("deploy", "--env", "staging", "--skip-data-plane");
        assertThat(deployed.exitCode()).as(deployed.toString()).isZero();
        LocalEmulator.control("linger", "{\"refusals\": 2}");
    }

    private static List<JsonNode> waits(Cli.Result run) throws Exception {
        List<JsonNode> waits = new ArrayList<>();
        for (String line : run.out().split("\n")) {
            if (line.startsWith("{")) {
                JsonNode event = JSON.readTree(line);
                if (event.path("event").asText().equals("waiting")) {
                    waits.add(event);
                }
            }
        }
        return waits;
    }

    @Test
    void aGroupBusyModifyingIsTaggedOnceAvailableAndAnotherTeamsBusyGroupIsNeverRead() {
        LocalEmulator.reset();
        Cli.Result deployed = Cli.run("deploy", "--env", "staging", "--stack", "Network", "--stack", "Cache",
                "--skip-data-plane");
        assertThat(deployed.exitCode()).as(deployed.toString()).isZero();
        try (AwsProbe aws = new AwsProbe()) {
            Owned owned = new Owned(aws);
            String arn = owned.replicationGroup("staging").arn();
            // Drift that the deploy corrects with ModifyReplicationGroup and then AddTagsToResource: the group is
            // "modifying" between the two, when ElastiCache refuses tagging.
            aws.elastiCache.modifyReplicationGroup(r -> r.replicationGroupId("glassbox-staging")
                    .autoMinorVersionUpgrade(false).applyImmediately(true));
            awaitAvailable(aws, "glassbox-staging");
            aws.elastiCache.removeTagsFromResource(r -> r.resourceName(arn).tagKeys("Project"));

            Cli.Result corrected = Cli.run("deploy", "--env", "staging", "--stack", "Cache", "--skip-data-plane",
                    "--json");
            assertThat(corrected.exitCode()).as(corrected.toString()).isZero();
            assertThat(aws.elastiCache.listTagsForResource(r -> r.resourceName(arn)).tagList())
                    .extracting(t -> t.key() + "=" + t.value()).contains("Project=glassbox");
            assertThat(owned.replicationGroup("staging").autoMinorVersionUpgrade()).isTrue();

            // Another team's group, taking a snapshot: its tags cannot be read, and ours is found by its id without
            // reading them.
            String other = aws.elastiCache.createReplicationGroup(r -> r.replicationGroupId("other-team-sessions")
                    .replicationGroupDescription("not ours").engine("redis").cacheNodeType("cache.t3.micro")
                    .numNodeGroups(1).replicasPerNodeGroup(0)
                    .tags(Tag.builder().key("Team").value("payments").build())).replicationGroup().arn();
            LocalEmulator.control("elasticache/busy", "{\"arn\":\"" + other + "\",\"state\":\"snapshotting\","
                    + "\"seconds\":120}");
            Cli.Result plan = Cli.run("plan", "--env", "staging", "--stack", "Cache", "--skip-data-plane",
                    "--detailed-exitcode");
            assertThat(plan.exitCode()).as(plan.toString()).isZero();
            assertThat(plan.out()).contains("No changes");
            assertThat(aws.elastiCache.describeReplicationGroups(r -> r.replicationGroupId("other-team-sessions"))
                    .replicationGroups().get(0).status()).as("still busy when the plan ran").isEqualTo("snapshotting");
        }
    }

    private static void awaitAvailable(AwsProbe aws, String id) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).until(() -> "available".equals(
                aws.elastiCache.describeReplicationGroups(r -> r.replicationGroupId(id)).replicationGroups().get(0)
                        .status()));
    }
}
