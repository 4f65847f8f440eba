package io.glassbox.provisioner.engine;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps a long run audible off a terminal: while a step of a deploy or destroy runs, tells the listener at least
 * every {@link #EVERY} what it waits for ({@link ProvisionerListener#waiting}) and for how long: the wait it began
 * ({@link StepContext#waitsFor}: an SDK waiter, a rollout) with that wait's limit, or else its action. A step that
 * reported a wait itself meanwhile ({@link TransientRetry}) is not reported twice. So a CI log never sits silent for a
 * minute while a listener waits for its certificate or RDS creates an instance.
 *
 * <p>Forwards every event to the listener it wraps; {@link #close} stops it.
 */
public final class Heartbeat implements ProvisionerListener, AutoCloseable {

    /** How often a running step is reported at the least: well inside a minute. */
    public static final Duration EVERY = Duration.ofSeconds(30);

    /** What one running step does now; guarded by itself. */
    private static final class Running {
        private final String action;
        private final long started;
        private String waitingFor;
        private long waitStarted;
        private Duration limit = Duration.ZERO;
        private long lastReport;

        Running(String action, long now) {
            this.action = action;
            this.started = now;
            this.lastReport = now;
        }
    }

    private final ProvisionerListener listener;
    private final long everyNanos;
    private final Map<StepId, Running> running = new ConcurrentHashMap<>();
    private final ScheduledExecutorService ticker;

    /** A heartbeat reporting to {@code listener} every {@link #EVERY}. */
    public Heartbeat(ProvisionerListener listener) {
        this(listener, EVERY);
    }

    /** A heartbeat reporting every {@code every} (tests use a short one). */
    public Heartbeat(ProvisionerListener listener, Duration every) {
        this.listener = listener;
        this.everyNanos = every.toNanos();
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "glassbox-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        long tick = Math.max(1, Math.min(every.toMillis() / 4, 1000));
        ticker.scheduleAtFixedRate(this::tick, tick, tick, TimeUnit.MILLISECONDS);
    }

    private void tick() {
        long now = System.nanoTime();
        running.forEach((step, state) -> {
            String what;
            Duration waited;
            Duration limit;
            synchronized (state) {
                if (now - state.lastReport < everyNanos) {
                    return;
                }
                state.lastReport = now;
                boolean waiting = state.waitingFor != null;
                what = waiting ? state.waitingFor : "its " + state.action + " to finish";
                waited = Duration.ofNanos(now - (waiting ? state.waitStarted : state.started));
                limit = waiting ? state.limit : Duration.ZERO;
            }
            listener.waiting(step, what, waited, limit);
        });
    }

    @Override
    public void stepStarted(StepId step, String action) {
        running.put(step, new Running(action, System.nanoTime()));
        listener.stepStarted(step, action);
    }

    @Override
    public void waitBegins(StepId step, String what, Duration limit) {
        Running state = running.get(step);
        if (state != null) {
            synchronized (state) {
                state.waitingFor = what;
                state.waitStarted = System.nanoTime();
                state.limit = limit;
            }
        }
        listener.waitBegins(step, what, limit);
    }

    @Override
    public void waitProgress(StepId step, String what) {
        Running state = running.get(step);
        if (state == null) {
            return;
        }
        Duration waited;
        Duration limit;
        synchronized (state) {
            long now = System.nanoTime();
            if (state.waitingFor == null) {
                state.waitStarted = now;
            }
            state.waitingFor = what;
            state.lastReport = now;
            waited = Duration.ofNanos(now - state.waitStarted);
            limit = state.limit;
        }
        listener.waiting(step, what, waited, limit);
    }

    @Override
    public void waiting(StepId step, String what, Duration waited, Duration limit) {
        Running state = running.get(step);
        if (state != null) {
            synchronized (state) {
                state.lastReport = System.nanoTime();
            }
        }
        listener.waiting(step, what, waited, limit);
    }

    @Override
    public void stepFinished(StepId step, StepStatus status, Duration duration, String detail) {
        running.remove(step);
        listener.stepFinished(step, status, duration, detail);
    }

    @Override
    public void taskOutput(StepId step, java.util.List<String> lines) {
        listener.taskOutput(step, lines);
    }

    @Override
    public void identity(io.glassbox.provisioner.aws.CallerIdentity identity) {
        listener.identity(identity);
    }

    @Override
    public void planned(StepPlan plan) {
        listener.planned(plan);
    }

    @Override
    public void takeoverStage(String stage, String stack, String detail) {
        listener.takeoverStage(stage, stack, detail);
    }

    @Override
    public void outputs(Map<String, String> outputs) {
        listener.outputs(outputs);
    }

    @Override
    public void close() {
        ticker.shutdownNow();
    }
}
