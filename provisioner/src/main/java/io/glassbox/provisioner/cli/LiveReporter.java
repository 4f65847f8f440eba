package io.glassbox.provisioner.cli;

import io.glassbox.provisioner.aws.CallerIdentity;
import io.glassbox.provisioner.engine.Plan;
import io.glassbox.provisioner.engine.RunResult;
import io.glassbox.provisioner.engine.StepId;
import io.glassbox.provisioner.engine.StepPlan;
import io.glassbox.provisioner.engine.StepStatus;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The live view on an interactive terminal: one line per step with something to do (waiting, running with
 * its elapsed time, done, failed), redrawn in place with ANSI cursor movement twice a second; the plan,
 * summary and outputs as {@link TextReporter} prints them. Off a terminal the plain line reporter is used.
 */
final class LiveReporter implements Reporter {

    private static final long REDRAW_MILLIS = 500;
    private final TextReporter text;
    private final PrintWriter out;
    private final Clock clock;
    private final ProgressBoard board = new ProgressBoard();
    private ScheduledExecutorService ticker;
    private int drawn;

    LiveReporter(TextReporter text, PrintWriter out, Clock clock) {
        this.text = text;
        this.out = out;
        this.clock = clock;
    }

    @Override
    public void identity(CallerIdentity identity) {
        text.identity(identity);
    }

    @Override
    public void plan(Plan plan) {
        text.plan(plan);
    }

    @Override
    public void destroyPlan(io.glassbox.provisioner.engine.DestroyPlan plan) {
        text.destroyPlan(plan);
        plan.entries().stream().filter(e -> e.fate() != io.glassbox.provisioner.engine.DestroyPlan.Fate.KEEP)
                .forEach(e -> board.waiting(e.step()));
    }

    @Override
    public void planned(StepPlan plan) {
        if (plan.hasChanges()) {
            board.waiting(plan.id());
        }
    }

    @Override
    public synchronized void stepStarted(StepId step, String action) {
        board.started(step, action, clock.instant());
        if (ticker == null) {
            ticker = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread thread = new Thread(r, "glassbox-progress");
                thread.setDaemon(true);
                return thread;
            });
            ticker.scheduleAtFixedRate(this::redraw, REDRAW_MILLIS, REDRAW_MILLIS, TimeUnit.MILLISECONDS);
        }
        redraw();
    }

    @Override
    public void stepFinished(StepId step, StepStatus status, Duration duration, String detail) {
        board.finished(step, status, duration, detail);
        redraw();
    }

    @Override
    public void waiting(StepId step, String what, Duration waited, Duration limit) {
        board.waitingFor(step, what);
        redraw();
    }

    @Override
    public void taskOutput(StepId step, java.util.List<String> lines) {
        text.taskOutput(step, lines);
    }

    /** The live view shows a wait from its start, beside the step's elapsed time. */
    @Override
    public void waitBegins(StepId step, String what, Duration limit) {
        board.waitingFor(step, what);
        redraw();
    }

    /** Moves the cursor back over the last drawing and writes every line again (ECMA-48 CPL and EL). */
    synchronized void redraw() {
        List<String> lines = board.render(clock.instant());
        StringBuilder frame = new StringBuilder();
        if (drawn > 0) {
            frame.append("\u001b[").append(drawn).append('F');
        }
        for (String line : lines) {
            frame.append("\u001b[2K").append(line).append('\n');
        }
        for (int i = lines.size(); i < drawn; i++) {
            frame.append("\u001b[2K\n"); // a line that went away (a step with nothing to do)
        }
        out.print(frame);
        out.flush();
        drawn = Math.max(drawn, lines.size());
    }

    @Override
    public synchronized void summary(String verb, RunResult result, Duration took) {
        stop();
        redraw();
        text.summary(verb, result, took);
    }

    @Override
    public void takeoverPlan(List<String> lines) {
        text.takeoverPlan(lines);
    }

    /** Stages of a takeover come before any step starts, so they print as plain lines above the live view. */
    @Override
    public void takeoverStage(String stage, String stack, String detail) {
        text.takeoverStage(stage, stack, detail);
    }

    @Override
    public void outputTable(Map<String, String> outputs) {
        text.outputTable(outputs);
    }

    @Override
    public void imagesToPush(List<String> images) {
        text.imagesToPush(images);
    }

    @Override
    public void notice(String message) {
        text.notice(message);
    }

    private void stop() {
        if (ticker != null) {
            ticker.shutdownNow();
        }
    }
}
