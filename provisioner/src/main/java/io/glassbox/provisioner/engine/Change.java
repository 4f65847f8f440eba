package io.glassbox.provisioner.engine;

import java.util.Objects;

/**
 * One difference between the desired and the live state of a resource (after ACK's {@code compare.Delta}):
 * which attribute, its observed and desired value, and what it takes to reconcile them.
 *
 * @param kind       create, update in place, replace or delete
 * @param path       the attribute, e.g. {@code VisibilityTimeout} or {@code ingress}
 * @param observed   the live value, or {@code null} when the resource or attribute is absent
 * @param desired    the spec's value, or {@code null} when it should go away
 * @param broadening whether the change widens access (more ingress, less public access block): such changes
 *                   need approval, like CDK's {@code --require-approval broadening}
 */
public record Change(ChangeKind kind, String path, String observed, String desired, boolean broadening) {

    /** Shown for a value that depends on a resource that does not exist yet. */
    public static final String KNOWN_AFTER_APPLY = "(known after apply)";

    public Change {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(path, "path");
    }

    /** The whole resource is created; {@code summary} says what with. */
    public static Change create(String summary) {
        return new Change(ChangeKind.CREATE, "resource", null, summary, false);
    }

    public static Change update(String path, Object observed, Object desired) {
        return new Change(ChangeKind.UPDATE, path, text(observed), text(desired), false);
    }

    /** An in-place update that widens access. */
    public static Change broadening(String path, Object observed, Object desired) {
        return new Change(ChangeKind.UPDATE, path, text(observed), text(desired), true);
    }

    /** An immutable attribute differs: only delete-and-create can reconcile it. */
    public static Change replace(String path, Object observed, Object desired) {
        return new Change(ChangeKind.REPLACE, path, text(observed), text(desired), false);
    }

    /** The resource is deleted. */
    public static Change delete(String summary) {
        return new Change(ChangeKind.DELETE, "resource", summary, null, false);
    }

    /** Whether applying this change needs the operator's approval ({@code --yes} or a typed confirmation). */
    public boolean needsApproval() {
        return broadening || kind == ChangeKind.REPLACE || kind == ChangeKind.DELETE;
    }

    /** {@code VisibilityTimeout: 30 → 600}, or the summary of a create or delete. */
    public String describe() {
        return switch (kind) {
            case CREATE -> desired == null ? "create" : desired;
            case DELETE -> observed == null ? "delete" : observed;
            default -> path + ": " + (observed == null ? "(none)" : observed) + " → "
                    + (desired == null ? "(none)" : desired)
                    + (kind == ChangeKind.REPLACE ? "  (requires replacement)" : "")
                    + (broadening ? "  (broadens access)" : "");
        };
    }

    private static String text(Object value) {
        return value == null ? null : String.valueOf(value);
    }
}
