package io.glassbox.verification.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import io.glassbox.provisioner.engine.RunOptions;
import io.glassbox.provisioner.engine.StepGraph;
import io.glassbox.provisioner.engine.StepId;
import io.glassbox.provisioner.spec.Environment;
import io.glassbox.provisioner.spec.EnvironmentSpec;
import io.glassbox.provisioner.spec.EnvironmentSpecs;
import io.glassbox.provisioner.stacks.StackCatalog;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The benchmark's bounds, computed from the real step graph under the latency model (no network): the
 * longest chain is the slowest data store plus the API service that needs it, so nothing else (NAT gateways,
 * the ALB, the other store) lies on it; one stack after the other adds every stack's own wait.
 */
class CriticalPathTest {

    private static CriticalPath bound(Environment environment) {
        EnvironmentSpec spec = EnvironmentSpecs.forEnvironment(environment);
        RunOptions skipDataPlane = new RunOptions(false, true, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Set.of(), false, RunOptions.DEFAULT_POLL_INTERVAL);
        StepGraph graph = StackCatalog.graph(spec, skipDataPlane);
        LatencyModel model = LatencyModel.oneSecondPerMinute();
        return new CriticalPath(graph, step -> model.creationTime(step, spec));
    }

    @ParameterizedTest
    // staging: ElastiCache one node 9 + ECS service 1.25; stacks: NAT 2 + RDS 3.5 + cache 9 + ALB 2 + service
    // 1.25; sequential: 1 NAT + ALB + RDS + cache + 3 services. production: RDS Multi-AZ 17.5 + 1.25; stacks:
    // 2 + 17.5 + 13.5 + 2 + 1.25; sequential: 3 NATs + 2 + 17.5 + 13.5 + 3 x 1.25.
    @CsvSource({"STAGING, 10.25, 17.75, 20.25, database.instance, cache.replication-group",
            "PRODUCTION, 18.75, 36.25, 42.75, cache.replication-group, database.instance"})
    void theBoundsFollowFromTheGraphAndTheModel(Environment environment, double critical, double stacks,
                                                double sequential, String offChain, String onChain) {
        CriticalPath bound = bound(environment);

        assertThat(bound.length()).isEqualTo(seconds(critical));
        assertThat(bound.stackByStack()).isEqualTo(seconds(stacks));
        assertThat(bound.sequentialSum()).isEqualTo(seconds(sequential));
        assertThat(bound.longestChain()).extracting(StepId::value).contains(onChain, "compute.service.api")
                .doesNotContain(offChain, "compute.load-balancer")
                .noneMatch(id -> id.startsWith("network.nat-gateway"));
    }

    private static Duration seconds(double value) {
        return Duration.ofMillis(Math.round(value * 1000));
    }
}
