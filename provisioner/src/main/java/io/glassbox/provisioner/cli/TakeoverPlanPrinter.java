package io.glassbox.provisioner.cli;

import io.glassbox.provisioner.engine.Change;
import io.glassbox.provisioner.migrate.CloudFormationStack;
import io.glassbox.provisioner.migrate.Leftover;
import io.glassbox.provisioner.migrate.Takeover;
import io.glassbox.provisioner.migrate.TakeoverPlan;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders a takeover plan in the plan's style: per stack, each step with "take over ID from STACK/LOGICAL-ID" and
 * the parts kept with it, then what is left and what becomes of it; the steps the first deploy creates; the
 * order in which the stacks are released.
 */
final class TakeoverPlanPrinter {

    private TakeoverPlanPrinter() {
    }

    /** The changes the deploy after the takeover makes to the resource, as the plan prints them. */
    private static void afterwards(TakeoverPlan plan, Takeover takeover, List<String> lines) {
        plan.converge().flatMap(p -> p.step(takeover.step())).ifPresent(step -> {
            for (Change change : step.changes()) {
                lines.add("        then " + change.kind().symbol() + " " + change.describe());
            }
            step.dataLoss().forEach(loss -> lines.add("        ! refused, deletes data: " + loss));
        });
        plan.converge().map(p -> p.failures().get(takeover.step()))
                .ifPresent(failure -> lines.add("        ! cannot be planned: " + failure));
    }

    static List<String> render(TakeoverPlan plan) {
        List<String> lines = new ArrayList<>();
        String env = plan.environment().id();
        if (plan.nothingToTakeOver()) {
            lines.add("Nothing left to take over: no CloudFormation stack of " + env + " remains.");
            return lines;
        }
        lines.add("Takeover plan for " + env + " (from CloudFormation):");
        for (CloudFormationStack stack : plan.stacks()) {
            lines.add("");
            lines.add("  # " + stack.name() + " (" + stack.status() + ", " + stack.resources().size() + " resources)");
            for (Takeover takeover : plan.takeovers()) {
                if (takeover.resource().stack().equals(stack.name())) {
                    lines.add((takeover.role() == Takeover.Role.RESOURCE ? "  <=  " : "   .  ") + takeover.step() + ": "
                            + takeover.describe());
                    if (takeover.role() == Takeover.Role.RESOURCE) {
                        afterwards(plan, takeover, lines);
                    }
                }
            }
            for (Leftover leftover : plan.leftovers()) {
                if (leftover.resource().stack().equals(stack.name())) {
                    lines.add("   !  " + leftover.resource().logicalId() + " (" + leftover.resource().type() + "): "
                            + leftover.fate());
                }
            }
        }
        if (!plan.madeByTheDeploy().isEmpty()) {
            lines.add("");
            lines.add("Not in CloudFormation, created by the deploy that follows: " + String.join(", ",
                    plan.madeByTheDeploy().stream().map(Object::toString).toList()));
        }
        lines.add("");
        lines.add("Then every resource gets DeletionPolicy and UpdateReplacePolicy Retain, and the stacks are deleted"
                + " in this order, nothing in them deleted: " + String.join(", ", plan.deletionOrder()) + ".");
        long resources = plan.takeovers().stream().filter(t -> t.role() == Takeover.Role.RESOURCE).count();
        lines.add("Takeover: " + resources + " resources taken over, " + (plan.takeovers().size() - resources)
                + " kept as parts of them, " + plan.leftovers().size() + " left, in " + plan.stacks().size() + " stacks.");
        return lines;
    }
}
