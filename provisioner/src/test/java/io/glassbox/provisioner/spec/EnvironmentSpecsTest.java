package io.glassbox.provisioner.spec;

import static io.glassbox.provisioner.spec.SecurityGroupRule.allTraffic;
import static io.glassbox.provisioner.spec.SecurityGroupRule.tcpFromCidr;
import static io.glassbox.provisioner.spec.SecurityGroupRule.tcpFromGroup;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The spec's Staging/Production tables, row by row, as the desired-state records carry them. */
class EnvironmentSpecsTest {

    private final EnvironmentSpec staging = EnvironmentSpecs.forEnvironment(Environment.STAGING);
    private final EnvironmentSpec production = EnvironmentSpecs.forEnvironment(Environment.PRODUCTION);

    @Test
    void aCpuOverrideMustMakeAFargateSizeWithTheSpecsMemory() {
        ConfigFile bigger = ConfigLoader.parse("services: { api: { cpu: 4096 } }", false, "glassbox.yaml");
        assertThatThrownBy(() -> EnvironmentSpecs.forEnvironment(Environment.STAGING, bigger))
                .isInstanceOf(ConfigException.class)
                .hasMessage("config: services.api.cpu: with cpu 4096, memoryMb must be one of 8192 to 30720 in steps of"
                        + " 1024, got 1024 (the spec's memoryMb for this service; set services.api.memoryMb too)");
        ConfigFile both = ConfigLoader.parse("services: { api: { cpu: 4096, memoryMb: 8192 } }", false, "glassbox.yaml");
        assertThat(EnvironmentSpecs.forEnvironment(Environment.STAGING, both).compute().api().cpu()).isEqualTo(4096);
        ConfigFile memory = ConfigLoader.parse("services: { fileWorker: { memoryMb: 4096 } }", false, "glassbox.yaml");
        assertThatThrownBy(() -> EnvironmentSpecs.forEnvironment(Environment.STAGING, memory))
                .hasMessageContaining("services.fileWorker.memoryMb: with cpu 256").hasMessageContaining("set"
                        + " services.fileWorker.cpu too");
    }

    @Test
    void vpcConfiguration() {
        assertThat(staging.network().vpcCidr()).isEqualTo("10.0.0.0/16");
        assertThat(production.network().vpcCidr()).isEqualTo("10.0.0.0/16");
        assertThat(staging.network().zones()).hasSize(2);
        assertThat(production.network().zones()).hasSize(3);
        assertThat(staging.network().natGatewayCount()).isEqualTo(1);
        assertThat(production.network().natGatewayCount()).isEqualTo(3);
        for (SubnetTier tier : SubnetTier.values()) {
            assertThat(staging.network().subnets(tier)).hasSize(2);
            assertThat(production.network().subnets(tier)).hasSize(3);
        }
    }

    @Test
    void privateSubnetsRouteThroughTheSingleOrTheirOwnNat() {
        assertThat(staging.network().zones()).allSatisfy(zone ->
                assertThat(staging.network().natZoneFor(zone).letter()).isEqualTo("a"));
        assertThat(production.network().zones()).allSatisfy(zone ->
                assertThat(production.network().natZoneFor(zone)).isEqualTo(zone));
    }

    @Test
    void securityGroupsHaveExactlyTheSpecsRules() {
        NetworkSpec network = staging.network();
        assertThat(network.securityGroup(SecurityGroupRole.ALB).ingress())
                .containsExactlyInAnyOrder(tcpFromCidr(80, "0.0.0.0/0"), tcpFromCidr(443, "0.0.0.0/0"));
        assertThat(network.securityGroup(SecurityGroupRole.ALB).egress()).containsExactly(allTraffic("10.0.0.0/16"));
        assertThat(network.securityGroup(SecurityGroupRole.ECS).ingress())
                .containsExactly(tcpFromGroup(8080, SecurityGroupRole.ALB));
        assertThat(network.securityGroup(SecurityGroupRole.ECS).egress()).containsExactly(allTraffic("0.0.0.0/0"));
        assertThat(network.securityGroup(SecurityGroupRole.RDS).ingress())
                .containsExactly(tcpFromGroup(5432, SecurityGroupRole.ECS));
        assertThat(network.securityGroup(SecurityGroupRole.RDS).egress()).isEmpty();
        assertThat(network.securityGroup(SecurityGroupRole.REDIS).ingress())
                .containsExactly(tcpFromGroup(6379, SecurityGroupRole.ECS));
        assertThat(network.securityGroup(SecurityGroupRole.REDIS).egress()).isEmpty();
    }

    @Test
    void storageBucket() {
        StorageSpec storage = staging.storage();
        assertThat(storage.bucketName("123456789012")).isEqualTo("glassbox-staging-files-123456789012");
        assertThat(production.storage().bucketName("1")).isEqualTo("glassbox-production-files-1");
        assertThat(storage.encryptionAlgorithm()).isEqualTo("AES256");
        assertThat(storage.versioningEnabled()).isFalse();
        assertThat(storage.blockPublicAccess()).isTrue();
        assertThat(storage.cors()).isEqualTo(new CorsRule(java.util.List.of("*"),
                java.util.List.of("GET", "PUT", "POST", "DELETE"), java.util.List.of("https://app.glassbox.io"),
                java.util.List.of("ETag"), 3600));
    }

    @Test
    void queuesAndDeadLetterQueues() {
        assertThat(staging.messaging().queues()).extracting(QueueSpec::baseName, QueueSpec::visibilityTimeoutSeconds,
                        QueueSpec::maxReceiveCount, QueueSpec::dlqRetentionSeconds)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("agent-jobs", 600, 3, 1_209_600),
                        org.assertj.core.groups.Tuple.tuple("file-processing", 300, 3, 1_209_600));
        assertThat(staging.messaging().serverSideEncryption()).isTrue();
    }

    @Test
    void databaseAndCacheTables() {
        assertThat(staging.database()).extracting(DatabaseSpec::instanceClass, DatabaseSpec::multiAz,
                        DatabaseSpec::allocatedStorageGb, DatabaseSpec::maxAllocatedStorageGb,
                        DatabaseSpec::backupRetentionDays, DatabaseSpec::deletionProtection)
                .containsExactly("db.t3.medium", false, 20, 100, 7, false);
        assertThat(production.database()).extracting(DatabaseSpec::instanceClass, DatabaseSpec::multiAz,
                        DatabaseSpec::allocatedStorageGb, DatabaseSpec::maxAllocatedStorageGb,
                        DatabaseSpec::backupRetentionDays, DatabaseSpec::deletionProtection)
                .containsExactly("db.r6g.large", true, 100, 500, 30, true);
        assertThat(staging.cache()).extracting(CacheSpec::nodeType, CacheSpec::nodeCount, CacheSpec::multiAz,
                        CacheSpec::automaticFailover, CacheSpec::transitEncryption, CacheSpec::atRestEncryption)
                .containsExactly("cache.t3.micro", 1, false, false, true, false);
        assertThat(production.cache()).extracting(CacheSpec::nodeType, CacheSpec::nodeCount, CacheSpec::multiAz,
                        CacheSpec::automaticFailover, CacheSpec::transitEncryption, CacheSpec::atRestEncryption)
                .containsExactly("cache.r6g.large", 2, true, true, true, true);
    }

    @Test
    void configOverridesOnlyWhatItNames() {
        ConfigFile config = ConfigLoader.parse("""
                appOrigin: https://app.example.com
                database:
                  backupRetentionDays: 14
                services:
                  api: { desiredCount: 3 }
                """, false, "test.yaml");
        EnvironmentSpec spec = EnvironmentSpecs.forEnvironment(Environment.STAGING, config);
        assertThat(spec.storage().cors().allowedOrigins()).containsExactly("https://app.example.com");
        assertThat(spec.database().backupRetentionDays()).isEqualTo(14);
        assertThat(spec.database().instanceClass()).isEqualTo("db.t3.medium");
        assertThat(spec.compute().api().desiredCount()).isEqualTo(3);
        assertThat(spec.compute().api().cpu()).isEqualTo(512);
    }

    @Test
    void theApisDesiredCountMustLieInItsScalingRangeNamingTheKeys() {
        ConfigFile outside = ConfigLoader.parse("services: { api: { desiredCount: 6 } }", false, "test.yaml");
        assertThatThrownBy(() -> EnvironmentSpecs.forEnvironment(Environment.STAGING, outside))
                .isInstanceOf(ConfigException.class).hasMessage("config: services.api.desiredCount 6 is outside"
                        + " services.api.minCapacity..services.api.maxCapacity (1..4, the spec's)");
        ConfigFile below = ConfigLoader.parse("services: { api: { desiredCount: 1, minCapacity: 2, maxCapacity: 5 } }",
                false, "test.yaml");
        assertThatThrownBy(() -> EnvironmentSpecs.forEnvironment(Environment.STAGING, below))
                .hasMessageContaining("services.api.desiredCount 1 is outside").hasMessageEndingWith("(2..5)");
        // An unscaled worker's range is its count.
        ConfigFile worker = ConfigLoader.parse("services: { agentWorker: { desiredCount: 3 } }", false, "test.yaml");
        assertThat(EnvironmentSpecs.forEnvironment(Environment.STAGING, worker).compute().agentWorker())
                .extracting(ServiceSize::minCapacity, ServiceSize::maxCapacity).containsExactly(3, 3);
    }
}
