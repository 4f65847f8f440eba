package io.glassbox.verification.benchmark;

import io.glassbox.provisioner.engine.ProvisionerListener;
import io.glassbox.provisioner.engine.Step;
import io.glassbox.provisioner.engine.StepId;
import io.glassbox.provisioner.engine.StepStatus;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** When each step of a run started and how long it took, from the provisioner's own progress events. */
final class Timeline implements ProvisionerListener {

    private final long origin = System.nanoTime();
    private final Map<StepId, Long> started = new ConcurrentHashMap<>();
    private final Map<StepId, Duration> took = new ConcurrentHashMap<>();

    @Override
    public void stepStarted(StepId step, String action) {
        started.put(step, System.nanoTime() - origin);
    }

    @Override
    public void stepFinished(StepId step, StepStatus status, Duration duration, String detail) {
        took.put(step, duration);
    }

    /** How long {@code step} took in this run; zero when it did not run. */
    Duration duration(Step step) {
        return took.getOrDefault(step.id(), Duration.ZERO);
    }

    void print(PrintStream out, List<StepId> chain) {
        for (StepId id : chain) {
            Long start = started.get(id);
            out.printf(Locale.ROOT, "      %-40s started %6.2f s, took %6.2f s%n", id.value(),
                    start == null ? Double.NaN : start / 1e9, took.getOrDefault(id, Duration.ZERO).toNanos() / 1e9);
        }
    }
}
