package io.glassbox.provisioner.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.glassbox.provisioner.spec.Environment;
import io.glassbox.provisioner.spec.EnvironmentSpecs;
import io.glassbox.provisioner.spec.StackName;
import io.glassbox.provisioner.stacks.StackCatalog;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class StepGraphTest {

    @Test
    void ordersDependenciesFirst() {
        StepGraph graph = new StepGraph(List.of(
                TestStep.of("a.c", StackName.NETWORK, "a.b"),
                TestStep.of("a.b", StackName.NETWORK, "a.a"),
                TestStep.of("a.a", StackName.NETWORK)));
        assertThat(graph.order()).extracting(s -> s.id().value()).containsExactly("a.a", "a.b", "a.c");
    }

    @Test
    void refusesCyclesUnknownDependenciesAndDuplicates() {
        assertThatThrownBy(() -> new StepGraph(List.of(
                TestStep.of("a.a", StackName.NETWORK, "a.b"), TestStep.of("a.b", StackName.NETWORK, "a.a"))))
                .hasMessageContaining("dependency cycle").hasMessageContaining("a.a, a.b");
        assertThatThrownBy(() -> new StepGraph(List.of(TestStep.of("a.a", StackName.NETWORK, "a.zz"))))
                .hasMessageContaining("unknown step a.zz");
        assertThatThrownBy(() -> new StepGraph(List.of(TestStep.of("a.a", StackName.NETWORK),
                TestStep.of("a.a", StackName.NETWORK)))).hasMessageContaining("two steps");
    }

    @Test
    void selectionPullsInWhatItDependsOnOnly() {
        StepGraph graph = new StepGraph(List.of(
                TestStep.of("n.vpc", StackName.NETWORK),
                TestStep.of("n.subnet", StackName.NETWORK, "n.vpc"),
                TestStep.of("n.other", StackName.NETWORK),
                TestStep.of("d.db", StackName.DATABASE, "n.subnet")));
        List<Step> selected = graph.stepsOf(EnumSet.of(StackName.DATABASE));
        assertThat(graph.withDependencies(selected)).extracting(s -> s.id().value())
                .containsExactly("n.vpc", "n.subnet", "d.db");
    }

    @Test
    void realGraphIsConsistentForBothEnvironments() {
        for (Environment env : Environment.values()) {
            StepGraph graph = StackCatalog.graph(EnvironmentSpecs.forEnvironment(env));
            int zones = env == Environment.PRODUCTION ? 3 : 2;
            int nats = env == Environment.PRODUCTION ? 3 : 1;
            // vpc + its default SG + its flow log, log group and role + igw + 3 subnets/zone + 2 per NAT + 3 route
            // tables/zone + 4 SGs + the rules naming other groups of 3 of them (ECS from ALB, RDS and Redis from ECS);
            // 2 buckets (files, logs); 4 queues.
            assertThat(graph.stepsOf(EnumSet.of(StackName.NETWORK)))
                    .hasSize(6 + 3 * zones + 2 * nats + 3 * zones + 4 + 3);
            assertThat(graph.stepsOf(EnumSet.of(StackName.STORAGE))).hasSize(2);
            assertThat(graph.stepsOf(EnumSet.of(StackName.MESSAGING))).hasSize(4);
        }
    }

    @Test
    void storageAndMessagingWaitForNoNetworkStep() {
        StepGraph graph = StackCatalog.graph(EnvironmentSpecs.forEnvironment(Environment.STAGING));
        List<Step> storageAndMessaging = graph.stepsOf(EnumSet.of(StackName.STORAGE, StackName.MESSAGING));
        assertThat(graph.withDependencies(storageAndMessaging)).allSatisfy(
                s -> assertThat(s.stack()).isNotEqualTo(StackName.NETWORK));
    }

    @Test
    void privateRouteTablesWaitForTheirOwnNatOnly() {
        StepGraph graph = StackCatalog.graph(EnvironmentSpecs.forEnvironment(Environment.PRODUCTION));
        assertThat(graph.step(StepId.of("network.route-table.private-b")).dependencies())
                .extracting(StepId::value).contains("network.nat-gateway.b")
                .doesNotContain("network.nat-gateway.a", "network.nat-gateway.c");
        StepGraph staging = StackCatalog.graph(EnvironmentSpecs.forEnvironment(Environment.STAGING));
        assertThat(staging.step(StepId.of("network.route-table.private-b")).dependencies())
                .extracting(StepId::value).contains("network.nat-gateway.a");
        assertThat(staging.step(StepId.of("network.route-table.isolated-a")).dependencies())
                .extracting(StepId::value).noneMatch(id -> id.contains("nat") || id.contains("internet"));
    }
}
