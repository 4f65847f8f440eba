package io.glassbox.provisioner.cli;

import io.glassbox.provisioner.aws.CallerIdentity;
import io.glassbox.provisioner.engine.Plan;
import io.glassbox.provisioner.engine.RunResult;
import io.glassbox.provisioner.engine.StepId;
import io.glassbox.provisioner.engine.StepStatus;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/** Plain-text progress: one line per step event, the plan, a summary and the outputs. */
final class TextReporter implements Reporter {

    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean verbose;

    TextReporter(PrintWriter out, PrintWriter err, boolean verbose) {
        this.out = out;
        this.err = err;
        this.verbose = verbose;
    }

    @Override
    public void identity(CallerIdentity identity) {
        print(line(identity));
    }

    /** {@code Using account 123456789012 as arn:…, region us-east-1}. */
    static String line(CallerIdentity identity) {
        return "Using " + identity.describe();
    }

    @Override
    public void plan(Plan plan) {
        print(String.join(System.lineSeparator(), PlanPrinter.render(plan)));
    }

    @Override
    public void destroyPlan(io.glassbox.provisioner.engine.DestroyPlan plan) {
        print(String.join(System.lineSeparator(), DestroyPlanPrinter.render(plan)));
    }

    @Override
    public synchronized void stepStarted(StepId step, String action) {
        print("  ... " + step + " (" + action + ")");
    }

    @Override
    public synchronized void stepFinished(StepId step, StepStatus status, Duration duration, String detail) {
        switch (status) {
            case DONE -> print("  ok  " + step + " " + seconds(duration));
            case FAILED -> print("  ERR " + step + ": " + detail);
            case SKIPPED -> print("  --  " + step + " " + detail);
            case KEPT -> print("  kept " + step + " (holds data; kept unless asked, see destroy --help)");
            case CHECKED -> print("  ran " + step + " " + seconds(duration));
            case UNCHANGED -> {
                if (verbose) {
                    print("      " + step + " unchanged");
                }
            }
        }
    }

    @Override
    public synchronized void waiting(StepId step, String what, Duration waited, Duration limit) {
        print("  ... " + step + " waiting for " + what + ": " + waited.toSeconds() + " s so far"
                + (limit.isZero() ? "" : ", at most " + limit.toSeconds() + " s"));
    }

    @Override
    public synchronized void taskOutput(StepId step, java.util.List<String> lines) {
        print("  ... " + step + " wrote " + (lines.isEmpty() ? "no log lines" : lines.size() + " log line(s):"));
        lines.forEach(line -> print("      | " + line));
    }

    @Override
    public void takeoverPlan(java.util.List<String> lines) {
        print(String.join(System.lineSeparator(), lines));
    }

    @Override
    public synchronized void takeoverStage(String stage, String stack, String detail) {
        print("  " + stage + ": " + detail);
    }

    @Override
    public void summary(String verb, RunResult result, Duration took) {
        print("");
        print(summaryLine(verb, result, took));
        tasksLine(result).ifPresent(this::print);
        result.failures().forEach(f -> err.println("  " + f));
        err.flush();
    }

    /**
     * {@code Deploy complete: 11 changed, 72 unchanged, 0 failed, 0 skipped in 12.3s.}: the steps counted as the plan
     * counts them (a step changed only when a call changed its resource; the tasks a deploy runs apart). A destroy counts what
     * it deleted, what was absent or already being deleted, and what it kept.
     */
    static String summaryLine(String verb, RunResult result, Duration took) {
        boolean destroy = verb.equals("Destroy");
        long kept = count(result, StepStatus.KEPT);
        return verb + (result.succeeded() ? " complete" : " FAILED") + ": " + count(result, StepStatus.DONE)
                + (destroy ? " deleted, " : " changed, ") + count(result, StepStatus.UNCHANGED)
                + (destroy ? " absent or already being deleted, " : " unchanged, ") + (kept > 0 ? kept + " kept, " : "")
                + count(result, StepStatus.FAILED) + " failed, " + count(result, StepStatus.SKIPPED) + " skipped in "
                + seconds(took) + ".";
    }

    /** {@code Also ran, not counted as changes: database.extensions, cache.readiness.}, when the run ran tasks. */
    static java.util.Optional<String> tasksLine(RunResult result) {
        java.util.List<String> checked = result.outcomes().entrySet().stream()
                .filter(e -> e.getValue().status() == StepStatus.CHECKED).map(e -> e.getKey().value()).toList();
        return checked.isEmpty() ? java.util.Optional.empty()
                : java.util.Optional.of("Also ran, not counted as changes: " + String.join(", ", checked) + ".");
    }

    private static long count(RunResult result, StepStatus status) {
        return result.outcomes().values().stream().filter(o -> o.status() == status).count();
    }

    @Override
    public void outputTable(Map<String, String> outputs) {
        if (outputs.isEmpty()) {
            print("No outputs: nothing of these stacks is deployed.");
            return;
        }
        int width = outputs.keySet().stream().mapToInt(String::length).max().orElse(0);
        print("");
        print("Outputs:");
        outputs.forEach((key, value) -> print(String.format("  %-" + width + "s  %s", key, value)));
    }

    @Override
    public void outputs(Map<String, String> outputs) {
        // Printed by the command once the summary is out, via outputTable.
    }

    @Override
    public void imagesToPush(java.util.List<String> images) {
        if (images.isEmpty()) {
            return;
        }
        String registry = images.get(0).substring(0, images.get(0).indexOf('/'));
        String region = registry.replaceAll(".*\\.dkr\\.ecr\\.([a-z0-9-]+)\\..*", "$1");
        print("");
        print("Services run no task until their images exist. Push them, then deploy again:");
        print("  aws ecr get-login-password --region " + region + " | docker login --username AWS"
                + " --password-stdin " + registry);
        images.forEach(image -> print("  docker push " + image));
    }

    @Override
    public void notice(String message) {
        err.println(message);
        err.flush();
    }

    private void print(String line) {
        out.println(line);
        out.flush();
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1fs", d.toMillis() / 1000.0);
    }
}
