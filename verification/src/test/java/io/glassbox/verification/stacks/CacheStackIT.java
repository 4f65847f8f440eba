package io.glassbox.verification.stacks;

import static io.glassbox.verification.support.AwsProbe.expectedTags;
import static org.assertj.core.api.Assertions.assertThat;

import io.glassbox.verification.support.AwsProbe;
import io.glassbox.verification.support.Cli;
import io.glassbox.verification.support.KnownEmulatorGaps;
import io.glassbox.verification.support.LocalEmulator;
import io.glassbox.verification.support.Owned;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.elasticache.model.ReplicationGroup;

/**
 * Every row of the spec's Cache stack for both environments, read back with plain ElastiCache calls. The
 * engine version and the nodes' security group live on member clusters, which moto never creates
 * ({@link KnownEmulatorGaps#ELASTICACHE_NO_MEMBER_CLUSTERS}); the readiness check in DataPlaneIT covers 7.x.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CacheStackIT {

    private final AwsProbe aws = new AwsProbe();
    private final Map<String, String> primaryEndpoints = new java.util.HashMap<>();

    @BeforeAll
    void deployBothEnvironments() {
        LocalEmulator.reset();
        for (String env : List.of("staging", "production")) {
            Cli.Result result = Cli.run("deploy", "--env", env, "--stack", "Network", "--stack", "Cache",
                    "--skip-data-plane");
            assertThat(result.exitCode()).as(result.toString()).isZero();
        }
        readPrimaryEndpoints();
    }

    /** The primary endpoint each environment publishes, as {@code outputs} prints it. */
    void readPrimaryEndpoints() {
        for (String env : List.of("staging", "production")) {
            Cli.Result outputs = Cli.run("outputs", "--env", env, "--stack", "Cache");
            outputs.out().lines().filter(l -> l.contains("cache.replication-group.primary-endpoint"))
                    .forEach(l -> primaryEndpoints.put(env, l.trim().split("\\s+")[1]));
        }
    }

    @AfterAll
    void close() {
        aws.close();
    }

    private final Owned owned = new Owned(aws);

    /** Whether the environment was taken over from the CDK app (the group keeps CloudFormation's name). */
    boolean takenOver() {
        return false;
    }

    private ReplicationGroup group(String env) {
        ReplicationGroup group = owned.replicationGroup(env);
        if (!takenOver()) {
            assertThat(group.replicationGroupId()).isEqualTo("glassbox-" + env);
        }
        return group;
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void replicationGroupHasEveryValueOfTheSpecsTable(String env) {
        boolean production = env.equals("production");
        ReplicationGroup group = group(env);
        assertThat(group.cacheNodeType()).isEqualTo(production ? "cache.r6g.large" : "cache.t3.micro");
        assertThat(group.memberClusters()).hasSize(production ? 2 : 1);
        assertThat(group.multiAZAsString()).isEqualTo(production ? "enabled" : "disabled");
        assertThat(group.automaticFailoverAsString()).isEqualTo(production ? "enabled" : "disabled");
        assertThat(group.transitEncryptionEnabled()).isTrue();
        assertThat(group.atRestEncryptionEnabled()).isEqualTo(production);
        assertThat(group.clusterEnabled()).isFalse();
        Map<String, String> tags = aws.elastiCache.listTagsForResource(r -> r.resourceName(group.arn())).tagList()
                .stream().collect(Collectors.toMap(t -> t.key(), t -> t.value()));
        assertThat(tags).containsAllEntriesOf(expectedTags(env, "Cache", null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void primaryEndpointIsPublishedAsAnOutput(String env) {
        assertThat(primaryEndpoints.get(env))
                .isEqualTo(group(env).nodeGroups().get(0).primaryEndpoint().address());
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void subnetGroupIsOnTheIsolatedSubnets(String env) {
        Map<String, String> subnetNames = aws.ec2.describeSubnets(r -> r.filters(AwsProbe.tag("Environment", env)))
                .subnets().stream().collect(Collectors.toMap(s -> s.subnetId(), s -> AwsProbe.tags(s.tags()).get("Name")));
        var subnetGroup = owned.cacheSubnetGroup(env);
        assertThat(subnetGroup.subnets()).hasSize(env.equals("production") ? 3 : 2)
                .allSatisfy(s -> assertThat(subnetNames.get(s.subnetIdentifier())).startsWith("glassbox-" + env + "-isolated-"));
    }
}
