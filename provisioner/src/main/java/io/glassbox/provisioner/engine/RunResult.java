package io.glassbox.provisioner.engine;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/** How a deploy or destroy ended: each step's outcome and the outputs read at the end. */
public record RunResult(Map<StepId, GraphExecutor.Outcome> outcomes, SortedMap<String, String> outputs) {

    public boolean succeeded() {
        return outcomes.values().stream().noneMatch(o -> o.status() == StepStatus.FAILED
                || o.status() == StepStatus.SKIPPED);
    }

    /** {@code step: why} for every failed step (skipped ones are implied by their failed dependency). */
    public List<String> failures() {
        return outcomes.entrySet().stream().filter(e -> e.getValue().status() == StepStatus.FAILED)
                .map(e -> e.getKey() + ": " + Failures.describe(e.getValue().error())).toList();
    }

    /** Whether the first failure was a refusal (approval or protection), which maps to exit code 3. */
    public boolean refused() {
        return outcomes.values().stream().anyMatch(o -> o.error() instanceof RefusedException);
    }
}
