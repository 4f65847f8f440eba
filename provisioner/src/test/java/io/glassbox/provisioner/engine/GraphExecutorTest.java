package io.glassbox.provisioner.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.glassbox.provisioner.spec.StackName;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class GraphExecutorTest {

    private final List<Step> chainAndLoner = List.of(
            TestStep.of("a.first", StackName.NETWORK),
            TestStep.of("a.second", StackName.NETWORK, "a.first"),
            TestStep.of("a.third", StackName.NETWORK, "a.second"),
            TestStep.of("b.loner", StackName.STORAGE));

    @Test
    void independentStepsRunAtTheSameTime() {
        // Both steps wait for each other: only a concurrent executor lets them finish.
        CountDownLatch bothStarted = new CountDownLatch(2);
        List<Step> steps = List.of(TestStep.of("a.one", StackName.NETWORK), TestStep.of("a.two", StackName.NETWORK));
        Map<StepId, GraphExecutor.Outcome> outcomes = new GraphExecutor(2).run(steps, false, "test", step -> {
            bothStarted.countDown();
            return bothStarted.await(5, TimeUnit.SECONDS) ? StepStatus.DONE : StepStatus.UNCHANGED;
        }, ProvisionerListener.none());
        assertThat(outcomes.values()).extracting(GraphExecutor.Outcome::status).containsOnly(StepStatus.DONE);
    }

    @Test
    void dependenciesFinishBeforeDependentsStart() {
        List<String> order = new CopyOnWriteArrayList<>();
        new GraphExecutor(4).run(chainAndLoner, false, "test", step -> {
            order.add(step.id().value());
            return StepStatus.DONE;
        }, ProvisionerListener.none());
        assertThat(order.indexOf("a.first")).isLessThan(order.indexOf("a.second"));
        assertThat(order.indexOf("a.second")).isLessThan(order.indexOf("a.third"));
    }

    @Test
    void withOneWorkerTheHeadOfTheLongestChainStartsFirst() {
        // Graph order puts the quick loner first; by typical durations the chain under "slow" is far longer.
        List<Step> steps = List.of(
                TestStep.of("a.loner", StackName.STORAGE),
                TestStep.of("b.vpc", StackName.NETWORK),
                TestStep.of("b.slow", StackName.DATABASE, "b.vpc"),
                TestStep.of("b.after", StackName.COMPUTE, "b.slow"));
        List<String> order = new CopyOnWriteArrayList<>();
        GraphExecutor executor = new GraphExecutor(1,
                step -> step.id().value().equals("b.slow") ? java.time.Duration.ofMinutes(10) : java.time.Duration.ZERO);
        executor.run(steps, false, "test", step -> {
            order.add(step.id().value());
            return StepStatus.DONE;
        }, ProvisionerListener.none());
        assertThat(order.subList(0, 2)).containsExactly("b.vpc", "b.slow");
    }

    @Test
    void withoutTypicalDurationsGraphOrderDecides() {
        List<String> order = new CopyOnWriteArrayList<>();
        new GraphExecutor(1).run(List.of(TestStep.of("a.loner", StackName.STORAGE), TestStep.of("b.vpc", StackName.NETWORK)),
                false, "test", step -> {
                    order.add(step.id().value());
                    return StepStatus.DONE;
                }, ProvisionerListener.none());
        assertThat(order).containsExactly("a.loner", "b.vpc");
    }

    @Test
    void reverseRunsDependentsFirst() {
        List<String> order = new CopyOnWriteArrayList<>();
        new GraphExecutor(4).run(chainAndLoner, true, "test", step -> {
            order.add(step.id().value());
            return StepStatus.DONE;
        }, ProvisionerListener.none());
        assertThat(order.indexOf("a.third")).isLessThan(order.indexOf("a.second"));
        assertThat(order.indexOf("a.second")).isLessThan(order.indexOf("a.first"));
    }

    @Test
    void aFailureSkipsOnlyWhatDependsOnIt() {
        List<String> skipped = new CopyOnWriteArrayList<>();
        ProvisionerListener listener = new ProvisionerListener() {
            @Override
            public void stepFinished(StepId step, StepStatus status, java.time.Duration d, String detail) {
                if (status == StepStatus.SKIPPED) {
                    skipped.add(step.value() + ": " + detail);
                }
            }
        };
        Map<StepId, GraphExecutor.Outcome> outcomes = new GraphExecutor(1).run(chainAndLoner, false, "test", step -> {
            if (step.id().value().equals("a.first")) {
                throw new ProvisionerException("boom");
            }
            return StepStatus.DONE;
        }, listener);
        assertThat(outcomes.get(StepId.of("a.first")).status()).isEqualTo(StepStatus.FAILED);
        assertThat(outcomes.get(StepId.of("a.second")).status()).isEqualTo(StepStatus.SKIPPED);
        assertThat(outcomes.get(StepId.of("a.third")).status()).isEqualTo(StepStatus.SKIPPED);
        assertThat(outcomes.get(StepId.of("b.loner")).status()).isEqualTo(StepStatus.DONE);
        assertThat(skipped).contains("a.second: skipped: a.first failed");
        RunResult result = new RunResult(outcomes, new java.util.TreeMap<>());
        assertThat(result.succeeded()).isFalse();
        assertThat(result.failures()).containsExactly("a.first: boom");
    }

    @Test
    void dependenciesOutsideTheRunCountAsDone() {
        List<Step> steps = List.of(TestStep.of("a.second", StackName.NETWORK, "a.elsewhere"));
        Map<StepId, GraphExecutor.Outcome> outcomes = new GraphExecutor(1).run(steps, false, "test",
                step -> StepStatus.DONE, ProvisionerListener.none());
        assertThat(outcomes.get(StepId.of("a.second")).status()).isEqualTo(StepStatus.DONE);
    }
}
