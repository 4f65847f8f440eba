package io.glassbox.provisioner.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.glassbox.provisioner.spec.AvailabilityZone;
import io.glassbox.provisioner.spec.Environment;
import io.glassbox.provisioner.spec.SecurityGroupRole;
import io.glassbox.provisioner.spec.StackName;
import io.glassbox.provisioner.spec.SubnetLayout;
import org.junit.jupiter.api.Test;

/** DESIGN.md's naming table and the four tags. */
class NamingTest {

    private final Naming staging = new Naming(Environment.STAGING);

    @Test
    void namesFollowTheTable() {
        assertThat(staging.vpc()).isEqualTo("glassbox-staging");
        assertThat(staging.internetGateway()).isEqualTo("glassbox-staging");
        assertThat(SubnetLayout.forZones("10.0.0.0/16", 2).stream().map(staging::subnet)).containsExactly(
                "glassbox-staging-public-a", "glassbox-staging-public-b",
                "glassbox-staging-private-a", "glassbox-staging-private-b",
                "glassbox-staging-isolated-a", "glassbox-staging-isolated-b");
        assertThat(staging.natGateway(new AvailabilityZone(2))).isEqualTo("glassbox-staging-nat-c");
        assertThat(staging.securityGroup(SecurityGroupRole.REDIS)).isEqualTo("glassbox-staging-redis");
        assertThat(staging.queue("agent-jobs")).isEqualTo("glassbox-staging-agent-jobs");
        assertThat(staging.deadLetterQueue("file-processing")).isEqualTo("glassbox-staging-file-processing-dlq");
        assertThat(new Naming(Environment.PRODUCTION).vpc()).isEqualTo("glassbox-production");
    }

    @Test
    void everyResourceCarriesTheFourTagsAndItsStep() {
        assertThat(ResourceTags.of(Environment.PRODUCTION, StackName.MESSAGING, "messaging.queue.agent-jobs")).containsOnly(
                org.assertj.core.api.Assertions.entry("glassbox:step", "messaging.queue.agent-jobs"),
                org.assertj.core.api.Assertions.entry("Project", "glassbox"),
                org.assertj.core.api.Assertions.entry("Environment", "production"),
                org.assertj.core.api.Assertions.entry("ManagedBy", "glassbox-provisioner"),
                org.assertj.core.api.Assertions.entry("Stack", "GlassBox-production-Messaging"));
        assertThat(ResourceTags.named(Environment.STAGING, StackName.NETWORK, "network.vpc", "glassbox-staging"))
                .containsEntry("Name", "glassbox-staging").containsEntry("glassbox:step", "network.vpc").hasSize(6);
    }

    @Test
    void missingTagsIgnoreExtraLiveTags() {
        assertThat(ResourceTags.missing(java.util.Map.of("A", "1", "B", "2"), java.util.Map.of("A", "1", "C", "3")))
                .containsOnly(org.assertj.core.api.Assertions.entry("B", "2"));
    }

    @Test
    void idempotencyTokensAreStableAndShort() {
        String token = IdempotencyTokens.derive("staging", "network.nat-gateway.a", "subnet-1", "eipalloc-1");
        assertThat(token).isEqualTo(IdempotencyTokens.derive("staging", "network.nat-gateway.a", "subnet-1", "eipalloc-1"));
        assertThat(token).isNotEqualTo(IdempotencyTokens.derive("production", "network.nat-gateway.a", "subnet-1", "eipalloc-1"));
        assertThat(token.length()).isLessThanOrEqualTo(64);
    }
}
