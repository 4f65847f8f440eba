package io.glassbox.provisioner.stacks;

import static org.assertj.core.api.Assertions.assertThat;

import io.glassbox.provisioner.engine.Step;
import io.glassbox.provisioner.engine.StepGraph;
import io.glassbox.provisioner.engine.StepId;
import io.glassbox.provisioner.spec.ConfigFile;
import io.glassbox.provisioner.spec.Environment;
import io.glassbox.provisioner.spec.EnvironmentSpecs;
import io.glassbox.provisioner.spec.StackName;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The whole graph of both environments: every stack present, no cycle, and no step waiting on what it does not use. */
class StackCatalogTest {

    private static StepGraph graph(Environment environment) {
        return StackCatalog.graph(EnvironmentSpecs.forEnvironment(environment));
    }

    private static Set<String> transitiveDependencies(StepGraph graph, String id) {
        return graph.withDependencies(List.of(graph.step(StepId.of(id)))).stream().map(s -> s.id().value())
                .filter(s -> !s.equals(id)).collect(Collectors.toSet());
    }

    @ParameterizedTest
    @CsvSource({"STAGING,85", "PRODUCTION,95"})
    void everyStackHasStepsAndTheGraphIsSound(Environment environment, int steps) {
        StepGraph graph = graph(environment);
        assertThat(graph.order()).hasSize(steps);
        assertThat(graph.order().stream().map(Step::stack).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder(StackName.values());
    }

    @Test
    void theLoadBalancerComesAfterTheInternetGatewayAndGoesBeforeIt() {
        // CreateLoadBalancer (internet-facing) fails without an attached gateway; DetachInternetGateway fails while
        // the load balancer holds public addresses: a dependency orders both ways.
        assertThat(transitiveDependencies(graph(Environment.STAGING), "compute.load-balancer"))
                .contains("network.internet-gateway");
    }

    @Test
    void theEmailSubscriptionsAreReconciledWithOrWithoutAnAlarmEmail() {
        ConfigFile config = new ConfigFile(null, null, null, null, null, "ops@example.com", null, null, null, null, null);
        assertThat(StackCatalog.graph(EnvironmentSpecs.forEnvironment(Environment.STAGING, config)).order())
                .extracting(s -> s.id().value()).contains("monitoring.subscription.email");
        // Without one, a subscription an earlier config made is removed: the step is there to see it.
        assertThat(graph(Environment.STAGING).order()).extracting(s -> s.id().value())
                .contains("monitoring.subscription.email");
    }

    @Test
    void stepsWaitOnlyForWhatTheyUse() {
        StepGraph graph = graph(Environment.PRODUCTION);
        assertThat(transitiveDependencies(graph, "compute.repository.api")).isEmpty();
        assertThat(transitiveDependencies(graph, "compute.secret.llm")).isEmpty();
        // An RDS alarm watches the live instance by its identifier (a taken-over one keeps CloudFormation's), so it
        // waits for the instance, and for nothing the instance does not need.
        assertThat(transitiveDependencies(graph, "monitoring.alarm.rds-cpu")).contains("monitoring.topic",
                "database.instance").doesNotContain("compute.load-balancer", "cache.replication-group");
        assertThat(transitiveDependencies(graph, "monitoring.alarm.dlq-agent-jobs"))
                .containsExactlyInAnyOrder("monitoring.topic", "monitoring.key");
        Set<String> worker = transitiveDependencies(graph, "compute.service.file-worker");
        // The worker needs the database (its DATABASE_URL), not the load balancer, the cache or Cognito.
        assertThat(worker).contains("compute.task-definition.file-worker", "compute.cluster", "database.secret",
                        "database.instance")
                .doesNotContain("compute.load-balancer", "compute.listener.https", "cache.replication-group",
                        "auth.user-pool");
        assertThat(transitiveDependencies(graph, "compute.service.api"))
                .contains("compute.listener.https", "compute.certificate", "cache.replication-group",
                        "auth.parameter.client-id");
    }
}
