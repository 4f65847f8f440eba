package io.glassbox.provisioner.cli;

import io.glassbox.provisioner.engine.Change;
import io.glassbox.provisioner.engine.ChangeKind;
import io.glassbox.provisioner.engine.Plan;
import io.glassbox.provisioner.engine.StepPlan;
import io.glassbox.provisioner.spec.StackName;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Renders a plan the way Terraform does: {@code +} create, {@code ~} update in place (old → new),
 * {@code -/+} replace, {@code -} delete, grouped by stack, closed by a count line.
 */
final class PlanPrinter {

    private PlanPrinter() {
    }

    static List<String> render(Plan plan) {
        List<String> lines = new ArrayList<>();
        if (!plan.complete()) {
            // "No changes" is a claim about every resource: never made for a plan that could not read them all.
            lines.add("The plan for " + plan.environment().id() + " is incomplete: " + plan.failures().size()
                    + " step(s) could not be read (listed below); what could be read:");
        }
        if (!plan.hasChanges() && plan.complete()) {
            lines.add("No changes. The " + plan.environment().id() + " environment matches the spec.");
            tasks(plan, lines);
            notices(plan, lines);
            return lines;
        }
        if (plan.complete()) {
            lines.add("Plan for " + plan.environment().id() + ":");
        }
        Map<StackName, List<StepPlan>> byStack = new TreeMap<>();
        plan.steps().stream().filter(StepPlan::hasChanges)
                .forEach(s -> byStack.computeIfAbsent(s.stack(), k -> new ArrayList<>()).add(s));
        byStack.forEach((stack, steps) -> {
            lines.add("");
            lines.add("  # " + stack.qualified(plan.environment()));
            for (StepPlan step : steps) {
                ChangeKind headline = step.headline().orElseThrow();
                String id = step.liveId().map(i -> " (" + i + ")").orElse("");
                lines.add(String.format("  %-3s %s %s%s", headline.symbol(), step.resourceType(), step.resourceName(), id));
                for (Change change : step.changes()) {
                    lines.add("        " + change.describe());
                }
                step.dataLoss().forEach(loss -> lines.add("        ! refused, deletes data: " + loss));
            }
        });
        lines.add("");
        lines.add(countLine(plan));
        tasks(plan, lines);
        notices(plan, lines);
        return lines;
    }

    /**
     * What the tasks every deploy runs will do (the data plane's checks, a release task): they own no AWS resource,
     * so they are shown apart and never counted as changes (the deploy's summary reports them on a line of their own).
     */
    private static void tasks(Plan plan, List<String> lines) {
        List<StepPlan> checks = plan.steps().stream().filter(StepPlan::task).toList();
        if (checks.isEmpty()) {
            return;
        }
        lines.add("");
        lines.add("Run by every deploy, not counted as changes:");
        for (StepPlan check : checks) {
            lines.add("  run " + check.resourceType() + (check.changes().isEmpty()
                    ? " " + check.resourceName() + ": " + check.liveId().orElse("checked at deploy")
                    : ": " + check.changes().stream().map(Change::describe)
                            .collect(java.util.stream.Collectors.joining("; "))));
        }
    }

    /** What the operator should know that no change fixes; printed with every plan, changes or not. */
    private static void notices(Plan plan, List<String> lines) {
        List<String> notices = plan.notices();
        if (!notices.isEmpty()) {
            lines.add("");
            lines.add("Notices (nothing is changed for these):");
            notices.forEach(n -> lines.add("  ! " + n));
        }
    }

    static String countLine(Plan plan) {
        return "Plan: " + plan.count(ChangeKind.CREATE) + " to create, " + plan.count(ChangeKind.UPDATE)
                + " to update, " + plan.count(ChangeKind.REPLACE) + " to replace, " + plan.count(ChangeKind.DELETE)
                + " to destroy.";
    }
}
