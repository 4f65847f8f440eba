package io.glassbox.provisioner.cli;

import io.glassbox.provisioner.engine.DestroyPlan;
import io.glassbox.provisioner.spec.StackName;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders what a destroy will do, as Terraform's {@code plan -destroy} does: by stack in the order destroy goes,
 * {@code -} for each resource deleted, {@code kept} with the reason for what stays, what is already being deleted,
 * what refuses the destroy, and a count line.
 */
final class DestroyPlanPrinter {

    private DestroyPlanPrinter() {
    }

    static List<String> render(DestroyPlan plan) {
        List<String> lines = new ArrayList<>();
        String env = plan.environment().id();
        if (plan.entries().isEmpty()) {
            lines.add("Nothing to destroy: no resource of the selected stacks of " + env + " exists.");
            return lines;
        }
        lines.add("Destroy plan for " + env + " (in the order destroy goes):");
        Map<StackName, List<DestroyPlan.Entry>> byStack = new LinkedHashMap<>();
        plan.entries().forEach(e -> byStack.computeIfAbsent(e.stack(), k -> new ArrayList<>()).add(e));
        byStack.forEach((stack, entries) -> {
            lines.add("");
            lines.add("  # " + stack.qualified(plan.environment()));
            for (DestroyPlan.Entry entry : entries) {
                String resource = entry.resourceType() + " " + entry.name()
                        + entry.id().filter(id -> !id.equals(entry.name()) && !id.startsWith("arn:"))
                                .map(id -> " (" + id + ")").orElse("");
                lines.add(switch (entry.fate()) {
                    case DELETE -> "  -    " + resource;
                    case KEEP -> "  kept " + resource + ": " + entry.reason().orElse("kept");
                    case ALREADY_DELETING -> "  ..   " + resource + ": already being deleted";
                });
            }
        });
        if (!plan.refusals().isEmpty()) {
            lines.add("");
            lines.add("Refused, so nothing is deleted (each names the flag that allows it):");
            plan.refusals().forEach(r -> lines.add("  ! " + r));
        }
        lines.add("");
        lines.add(countLine(plan));
        return lines;
    }

    static String countLine(DestroyPlan plan) {
        long underway = plan.count(DestroyPlan.Fate.ALREADY_DELETING);
        return "Destroy: " + plan.count(DestroyPlan.Fate.DELETE) + " to delete, " + plan.count(DestroyPlan.Fate.KEEP)
                + " kept" + (underway > 0 ? ", " + underway + " already being deleted" : "") + ".";
    }
}
