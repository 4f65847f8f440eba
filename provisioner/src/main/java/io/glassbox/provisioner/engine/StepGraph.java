package io.glassbox.provisioner.engine;

import io.glassbox.provisioner.spec.StackName;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The steps of an environment and their dependencies, checked once: unique ids, no dependency on a step that
 * does not exist, no cycle. Dependencies are between resources, not stacks, so a step waits only for what it
 * really needs.
 */
public final class StepGraph {

    private final Map<StepId, Step> steps = new LinkedHashMap<>();
    private final List<Step> order;

    public StepGraph(Collection<? extends Step> all) {
        for (Step step : all) {
            if (steps.put(step.id(), step) != null) {
                throw new IllegalArgumentException("two steps have the id " + step.id());
            }
        }
        for (Step step : all) {
            for (StepId dependency : step.dependencies()) {
                if (!steps.containsKey(dependency)) {
                    throw new IllegalArgumentException(step.id() + " depends on unknown step " + dependency);
                }
            }
        }
        this.order = topologicalOrder();
    }

    /** Every step, dependencies before dependents; among independent steps, in the order they were given. */
    public List<Step> order() {
        return order;
    }

    public Step step(StepId id) {
        Step step = steps.get(id);
        if (step == null) {
            throw new IllegalArgumentException("no step " + id);
        }
        return step;
    }

    /** The steps of {@code stacks}, in graph order. */
    public List<Step> stepsOf(Set<StackName> stacks) {
        return order.stream().filter(s -> stacks.contains(s.stack())).toList();
    }

    /** {@code selected} plus everything they depend on, directly or not, in graph order. */
    public List<Step> withDependencies(Collection<Step> selected) {
        Set<StepId> needed = new LinkedHashSet<>();
        Deque<StepId> todo = new ArrayDeque<>();
        selected.forEach(s -> todo.add(s.id()));
        while (!todo.isEmpty()) {
            StepId id = todo.pop();
            if (needed.add(id)) {
                todo.addAll(steps.get(id).dependencies());
            }
        }
        return order.stream().filter(s -> needed.contains(s.id())).toList();
    }

    /** The steps that depend on {@code id} directly. */
    public Set<StepId> dependents(StepId id) {
        return order.stream().filter(s -> s.dependencies().contains(id)).map(Step::id)
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    private List<Step> topologicalOrder() {
        Map<StepId, Integer> pending = new HashMap<>();
        steps.values().forEach(s -> pending.put(s.id(), s.dependencies().size()));
        List<Step> sorted = new ArrayList<>();
        boolean progress = true;
        while (sorted.size() < steps.size() && progress) {
            progress = false;
            for (Step step : steps.values()) {
                if (pending.get(step.id()) == 0) {
                    sorted.add(step);
                    pending.put(step.id(), -1);
                    progress = true;
                    steps.values().stream().filter(s -> s.dependencies().contains(step.id()))
                            .forEach(s -> pending.merge(s.id(), -1, Integer::sum));
                    break;
                }
            }
        }
        if (sorted.size() < steps.size()) {
            String cycle = pending.entrySet().stream().filter(e -> e.getValue() > 0).map(e -> e.getKey().value())
                    .sorted().collect(Collectors.joining(", "));
            throw new IllegalArgumentException("dependency cycle among steps: " + cycle);
        }
        return List.copyOf(sorted);
    }
}
