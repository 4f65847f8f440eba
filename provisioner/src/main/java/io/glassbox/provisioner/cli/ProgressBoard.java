package io.glassbox.provisioner.cli;

import io.glassbox.provisioner.engine.StepId;
import io.glassbox.provisioner.engine.StepStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The state of every step of a run, one line each, for the live view on a terminal: waiting, running with
 * its elapsed time, done with its duration, failed with why, skipped. Pure: the caller supplies the clock.
 */
final class ProgressBoard {

    private enum State { WAITING, RUNNING, DONE, FAILED, SKIPPED, KEPT, CHECKED }

    private record Line(State state, String action, Instant started, Duration took, String detail) {
    }

    private final Map<StepId, Line> lines = new LinkedHashMap<>();

    synchronized void waiting(StepId step) {
        lines.putIfAbsent(step, new Line(State.WAITING, "", null, null, ""));
    }

    synchronized void started(StepId step, String action, Instant now) {
        lines.put(step, new Line(State.RUNNING, action, now, null, ""));
    }

    /** A running step waits for AWS to stop refusing a call: shown after its elapsed time. */
    synchronized void waitingFor(StepId step, String what) {
        Line line = lines.get(step);
        if (line != null && line.state() == State.RUNNING) {
            lines.put(step, new Line(State.RUNNING, line.action(), line.started(), null, "waiting for " + what));
        }
    }

    synchronized void finished(StepId step, StepStatus status, Duration took, String detail) {
        State state = switch (status) {
            case DONE -> State.DONE;
            case FAILED -> State.FAILED;
            case SKIPPED -> State.SKIPPED;
            case KEPT -> State.KEPT;
            case CHECKED -> State.CHECKED;
            case UNCHANGED -> null;
        };
        if (state == null) {
            lines.remove(step); // nothing to do: not worth a line
        } else {
            Line before = lines.get(step);
            lines.put(step, new Line(state, before == null ? "" : before.action(), null, took, detail));
        }
    }

    /** Beyond this many lines, finished steps fold into one line, so the view fits a terminal. */
    static final int MAX_LINES = 30;

    /** The lines to show at {@code now}. */
    synchronized List<String> render(Instant now) {
        List<String> out = new ArrayList<>();
        boolean fold = lines.size() > MAX_LINES;
        long done = lines.values().stream().filter(l -> l.state() == State.DONE).count();
        if (fold && done > 0) {
            out.add("  ok   " + done + " steps done");
        }
        lines.forEach((step, line) -> {
            if (!(fold && line.state() == State.DONE)) {
                out.add(line(step, line, now));
            }
        });
        return out;
    }

    private static String line(StepId step, Line line, Instant now) {
        return switch (line.state()) {
            case WAITING -> "  ..   " + step + "  waiting";
            case RUNNING -> "  >>   " + step + "  " + running(line.action()) + " " + seconds(Duration.between(
                    line.started(), now)) + (line.detail().isEmpty() ? "" : "  " + line.detail());
            case DONE -> "  ok   " + step + "  " + seconds(line.took());
            case FAILED -> "  ERR  " + step + "  " + line.detail();
            case SKIPPED -> "  --   " + step + "  " + line.detail();
            case KEPT -> "  kept " + step + "  (holds data)";
            case CHECKED -> "  ran  " + step + "  " + seconds(line.took());
        };
    }

    private static String running(String action) {
        return switch (action) {
            case "apply" -> "applying";
            case "destroy" -> "destroying";
            default -> action;
        };
    }

    private static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1fs", duration.toMillis() / 1000.0);
    }
}
