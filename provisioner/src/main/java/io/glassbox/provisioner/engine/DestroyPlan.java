package io.glassbox.provisioner.engine;

import io.glassbox.provisioner.spec.Environment;
import io.glassbox.provisioner.spec.StackName;
import java.util.List;
import java.util.Optional;

/**
 * What {@code destroy} would do, read-only (Terraform's {@code plan -destroy}): every resource of the selected stacks
 * that exists, in the order destroy goes, with its fate (deleted, kept and why, or already being deleted), and what
 * refuses the whole destroy (data not named by its {@code --delete-*} flag). Shown before destroy asks, and by
 * {@code plan --destroy}.
 *
 * @param observed the plan the entries come from, which destroy then carries out
 * @param refusals why destroy must not go ahead at all; empty when it may
 */
public record DestroyPlan(Environment environment, Plan observed, List<Entry> entries, List<String> refusals) {

    /** What destroy does with one resource. */
    public enum Fate {
        /** Deleted. */
        DELETE,
        /** Left in place on purpose: it holds logs or data the operator did not ask to delete. */
        KEEP,
        /** Its deletion is under way already (a secret or key scheduled for deletion): nothing is left to delete. */
        ALREADY_DELETING
    }

    /** One resource and its fate; {@code reason} says why it is kept. */
    public record Entry(StepId step, StackName stack, String resourceType, String name, Optional<String> id, Fate fate,
                        Optional<String> reason) {
    }

    public DestroyPlan {
        entries = List.copyOf(entries);
        refusals = List.copyOf(refusals);
    }

    /** How many resources have {@code fate}. */
    public long count(Fate fate) {
        return entries.stream().filter(e -> e.fate() == fate).count();
    }

    /** Whether nothing of the selected stacks exists to delete. */
    public boolean nothingToDelete() {
        return count(Fate.DELETE) == 0;
    }
}
