package io.glassbox.verification.benchmark;

import io.glassbox.provisioner.engine.Step;
import io.glassbox.provisioner.engine.StepGraph;
import io.glassbox.provisioner.engine.StepId;
import io.glassbox.provisioner.spec.StackName;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * What a step graph allows in time, from each step's own duration: the longest chain of dependent steps (no
 * deploy can be faster), the sum of every step (one resource at a time), and stack by stack (what CDK does by
 * default: one stack after the other, each stack's resources in parallel).
 */
public final class CriticalPath {

    private final StepGraph graph;
    private final Function<Step, Duration> duration;

    public CriticalPath(StepGraph graph, Function<Step, Duration> duration) {
        this.graph = graph;
        this.duration = duration;
    }

    /** The longest chain of dependent steps, as the step ids along it, first to last. */
    public List<StepId> longestChain() {
        Map<StepId, Duration> finish = finishTimes(graph.order(), Set.copyOf(graph.order().stream().map(Step::id).toList()));
        Map<StepId, StepId> previous = new HashMap<>();
        for (Step step : graph.order()) {
            step.dependencies().stream().max((a, b) -> finish.get(a).compareTo(finish.get(b)))
                    .ifPresent(dep -> previous.put(step.id(), dep));
        }
        StepId last = finish.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElseThrow();
        List<StepId> chain = new ArrayList<>();
        for (StepId at = last; at != null; at = previous.get(at)) {
            chain.add(0, at);
        }
        return chain;
    }

    /** The lower bound of any deploy: the longest chain of dependent steps. */
    public Duration length() {
        return longest(graph.order(), allIds());
    }

    /** Every step one after the other. */
    public Duration sequentialSum() {
        return graph.order().stream().map(duration).reduce(Duration.ZERO, Duration::plus);
    }

    /** One stack after the other, in dependency order, each stack as fast as its own longest chain. */
    public Duration stackByStack() {
        Duration total = Duration.ZERO;
        for (StackName stack : stackOrder()) {
            List<Step> steps = graph.stepsOf(EnumSet.of(stack));
            if (!steps.isEmpty()) {
                total = total.plus(longest(steps, Set.copyOf(steps.stream().map(Step::id).toList())));
            }
        }
        return total;
    }

    /**
     * The spec's stack order (its "Stack Overview": Network, Database, Cache, Storage, Messaging, Auth, Compute,
     * Monitoring), the order a CDK app deploys them in. A step's dependency on a later stack (the services need
     * Monitoring's log groups, which CDK's log driver would have created inside Compute) counts as met.
     */
    public List<StackName> stackOrder() {
        return List.of(StackName.values());
    }

    private Set<StepId> allIds() {
        return Set.copyOf(graph.order().stream().map(Step::id).toList());
    }

    /** The longest chain among {@code steps}; dependencies outside {@code within} count as already done. */
    private Duration longest(List<Step> steps, Set<StepId> within) {
        return finishTimes(steps, within).values().stream().max(Duration::compareTo).orElse(Duration.ZERO);
    }

    private Map<StepId, Duration> finishTimes(List<Step> stepsInOrder, Set<StepId> within) {
        Map<StepId, Duration> finish = new HashMap<>();
        for (Step step : stepsInOrder) {
            Duration start = step.dependencies().stream().filter(within::contains).map(finish::get)
                    .max(Duration::compareTo).orElse(Duration.ZERO);
            finish.put(step.id(), start.plus(duration.apply(step)));
        }
        return finish;
    }
}
