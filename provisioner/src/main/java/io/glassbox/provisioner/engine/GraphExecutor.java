package io.glassbox.provisioner.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Runs an action over a set of steps, each as soon as the steps it waits for have finished, up to
 * {@code parallelism} at once. Forward runs wait for dependencies (deploy, plan); reverse runs wait for
 * dependents (destroy). A failed step skips everything that waits on it, directly or not; the other steps
 * still run to the end.
 */
public final class GraphExecutor {

    /** What to do with one step; returns how it ended (DONE or UNCHANGED), or throws. */
    @FunctionalInterface
    public interface Action {
        StepStatus run(Step step) throws Exception;
    }

    /** How one step ended, how long it took, and the error if it failed. */
    public record Outcome(StepStatus status, Duration duration, Throwable error) {
    }

    /**
     * What one step costs beyond its typical creation time when ranking chains: a few API round trips. It makes
     * a long chain of quick steps outrank a short one.
     */
    static final Duration STEP_OVERHEAD = Duration.ofSeconds(1);

    private final int parallelism;
    private final Function<Step, Duration> typicalDuration;

    /** An executor that ranks every step as equally quick: among ready steps, graph order decides. */
    public GraphExecutor(int parallelism) {
        this(parallelism, step -> Duration.ZERO);
    }

    /**
     * An executor that, when more steps are ready than can run, starts first those with the longest remaining
     * chain of {@code typicalDuration}s after them (critical-path list scheduling), so a slow resource does not
     * wait for a free worker behind steps nothing urgent depends on.
     */
    public GraphExecutor(int parallelism, Function<Step, Duration> typicalDuration) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1, got " + parallelism);
        }
        this.parallelism = parallelism;
        this.typicalDuration = typicalDuration;
    }

    /**
     * Runs {@code action} over {@code steps} (given in graph order). Dependencies outside {@code steps} count
     * as satisfied. Returns every step's outcome, in the order given.
     */
    public Map<StepId, Outcome> run(List<Step> steps, boolean reverse, String verb, Action action,
                                    ProvisionerListener listener) {
        Map<StepId, Integer> position = new HashMap<>();
        for (int i = 0; i < steps.size(); i++) {
            position.put(steps.get(i).id(), i);
        }
        Map<StepId, Set<StepId>> waitingOn = new HashMap<>();
        Map<StepId, Set<StepId>> unlocks = new HashMap<>();
        steps.forEach(s -> {
            waitingOn.put(s.id(), new HashSet<>());
            unlocks.put(s.id(), new HashSet<>());
        });
        for (Step step : steps) {
            for (StepId dependency : step.dependencies()) {
                if (!position.containsKey(dependency)) {
                    continue;
                }
                StepId first = reverse ? step.id() : dependency;
                StepId then = reverse ? dependency : step.id();
                waitingOn.get(then).add(first);
                unlocks.get(first).add(then);
            }
        }
        Map<StepId, Duration> remaining = remainingChains(steps, reverse, unlocks);
        PriorityQueue<StepId> ready = new PriorityQueue<>(Comparator.<StepId, Duration>comparing(remaining::get)
                .reversed().thenComparing(id -> reverse ? -position.get(id) : position.get(id)));
        waitingOn.forEach((id, waits) -> {
            if (waits.isEmpty()) {
                ready.add(id);
            }
        });
        Map<StepId, Step> byId = new HashMap<>();
        steps.forEach(s -> byId.put(s.id(), s));
        Map<StepId, Outcome> outcomes = new HashMap<>();
        AtomicInteger threadNumber = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(parallelism, runnable -> {
            Thread thread = new Thread(runnable, "step-" + threadNumber.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        ExecutorCompletionService<Map.Entry<StepId, Outcome>> completions = new ExecutorCompletionService<>(pool);
        int running = 0;
        try {
            while (outcomes.size() < steps.size()) {
                while (!ready.isEmpty() && running < parallelism) {
                    Step step = byId.get(ready.poll());
                    completions.submit(() -> Map.entry(step.id(), runOne(step, verb, action, listener)));
                    running++;
                }
                if (running == 0) {
                    throw new IllegalStateException("no step can run: the graph is inconsistent");
                }
                Map.Entry<StepId, Outcome> finished = take(completions);
                running--;
                outcomes.put(finished.getKey(), finished.getValue());
                if (finished.getValue().status() == StepStatus.FAILED) {
                    skipAfter(finished.getKey(), unlocks, outcomes, listener);
                } else {
                    for (StepId next : unlocks.get(finished.getKey())) {
                        Set<StepId> waits = waitingOn.get(next);
                        waits.remove(finished.getKey());
                        if (waits.isEmpty() && !outcomes.containsKey(next)) {
                            ready.add(next);
                        }
                    }
                }
            }
        } finally {
            pool.shutdownNow();
        }
        Map<StepId, Outcome> ordered = new LinkedHashMap<>();
        steps.forEach(s -> ordered.put(s.id(), outcomes.get(s.id())));
        return ordered;
    }

    /** Per step: its own typical duration plus the longest chain of steps it unlocks, directly or not. */
    private Map<StepId, Duration> remainingChains(List<Step> steps, boolean reverse, Map<StepId, Set<StepId>> unlocks) {
        Map<StepId, Duration> remaining = new HashMap<>();
        // Forward runs get steps in graph order (dependencies first), so the last step is ranked first.
        List<Step> lastFirst = new ArrayList<>(steps);
        if (!reverse) {
            Collections.reverse(lastFirst);
        }
        for (Step step : lastFirst) {
            Duration after = unlocks.get(step.id()).stream().map(id -> remaining.getOrDefault(id, Duration.ZERO))
                    .max(Duration::compareTo).orElse(Duration.ZERO);
            Duration own = reverse ? STEP_OVERHEAD : typicalDuration.apply(step).plus(STEP_OVERHEAD);
            remaining.put(step.id(), own.plus(after));
        }
        return remaining;
    }

    private static Outcome runOne(Step step, String verb, Action action, ProvisionerListener listener) {
        long start = System.nanoTime();
        listener.stepStarted(step.id(), verb);
        try {
            StepStatus status = action.run(step);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            listener.stepFinished(step.id(), status, took, "");
            return new Outcome(status, took, null);
        } catch (Exception | Error e) {
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            listener.stepFinished(step.id(), StepStatus.FAILED, took, Failures.describe(e));
            return new Outcome(StepStatus.FAILED, took, e);
        }
    }

    private static void skipAfter(StepId failed, Map<StepId, Set<StepId>> unlocks, Map<StepId, Outcome> outcomes,
                                  ProvisionerListener listener) {
        List<StepId> todo = new ArrayList<>(unlocks.get(failed));
        while (!todo.isEmpty()) {
            StepId id = todo.remove(todo.size() - 1);
            if (outcomes.containsKey(id)) {
                continue;
            }
            String why = "skipped: " + failed + " failed";
            outcomes.put(id, new Outcome(StepStatus.SKIPPED, Duration.ZERO, new ProvisionerException(why)));
            listener.stepFinished(id, StepStatus.SKIPPED, Duration.ZERO, why);
            todo.addAll(unlocks.get(id));
        }
    }

    private static <T> T take(ExecutorCompletionService<T> completions) {
        try {
            return completions.take().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProvisionerException("interrupted while waiting for steps", e);
        } catch (ExecutionException e) {
            // runOne catches everything a step throws, so this is a bug in the executor itself.
            throw new IllegalStateException(e.getCause());
        }
    }
}
