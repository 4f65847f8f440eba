package io.glassbox.provisioner.docs;

import io.glassbox.provisioner.engine.Plan;
import io.glassbox.provisioner.engine.StepPlan;
import io.glassbox.provisioner.spec.StackName;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The live environment as Markdown, stack by stack like the spec: a table of every resource with its real id
 * and whether it matches the spec, then the values the stack publishes (ids, ARNs, endpoints). Made from a
 * plan (read calls only), so the infrastructure documentation is regenerated rather than kept up to date.
 */
public final class EnvironmentDocument {

    private EnvironmentDocument() {
    }

    public static String render(Plan plan) {
        StringBuilder md = new StringBuilder();
        String env = plan.environment().id();
        md.append("# GlassBox ").append(env).append(" infrastructure (live)\n\n");
        md.append("Generated from AWS by `provisioner docs --env ").append(env).append("`: every row is read live, ")
                .append("nothing is copied by hand.\n");
        for (StackName stack : StackName.values()) {
            List<StepPlan> steps = plan.steps().stream().filter(s -> s.stack() == stack).toList();
            if (steps.isEmpty()) {
                continue;
            }
            md.append("\n## ").append(stack.displayName()).append(" (").append(stack.qualified(plan.environment()))
                    .append(")\n\n");
            md.append("| Resource | Name | Live id | State |\n|---|---|---|---|\n");
            for (StepPlan step : steps) {
                md.append("| ").append(step.resourceType()).append(" | `").append(cell(step.resourceName()))
                        .append("` | ").append(step.liveId().map(id -> "`" + cell(id) + "`").orElse("—"))
                        .append(" | ").append(state(step)).append(" |\n");
            }
            SortedMap<String, String> values = new TreeMap<>();
            plan.observedOutputs().forEach((key, value) -> {
                if (steps.stream().anyMatch(s -> key.startsWith(s.id().value() + "."))) {
                    values.put(key, value);
                }
            });
            if (!values.isEmpty()) {
                md.append("\n| Value | Live |\n|---|---|\n");
                values.forEach((key, value) -> md.append("| ").append(key).append(" | `").append(cell(value))
                        .append("` |\n"));
            }
        }
        return md.toString();
    }

    private static String state(StepPlan step) {
        if (step.task()) {
            // Read calls cannot see inside the database or the cache: only a deploy runs this check.
            return step.liveId().isPresent() ? "not checked here: deploy runs this check" : "not deployed";
        }
        if (step.deletionUnderway()) {
            return "being deleted";
        }
        if (!step.exists()) {
            return "not deployed";
        }
        if (!step.hasChanges()) {
            return "matches the spec";
        }
        return step.changes().size() + " difference(s) from the spec: run plan";
    }

    /** Pipes would end a Markdown cell. */
    private static String cell(String text) {
        return text.replace("|", "\\|");
    }
}
