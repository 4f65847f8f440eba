package io.glassbox.provisioner.engine;

import java.util.List;

/**
 * Decides, for release tooling that embeds the library, whether a plan's risky changes (replacements,
 * deletions, broadening a security group; {@link Plan#changesNeedingApproval()}) may be applied. A plan with
 * none of them is applied without asking. The CLI's {@code --yes} is {@link #approveAll()}; a pipeline that must
 * never replace or delete anything unattended uses {@link #refuseRisky()}; a tool with a human in the loop
 * implements its own (ask in chat, open a change request).
 *
 * <p>No policy approves data loss: a replacement that would delete a database, a bucket with objects, a pool
 * with users or a repository with images ({@link Plan#dataLossRefusals()}) is refused before the policy is
 * asked, unless the run's {@link RunOptions#deletable()} names that data, as destroy's {@code --delete-*} flags
 * do. {@link #approveAll()} therefore approves replacing stateless resources only.
 */
@FunctionalInterface
public interface ApprovalPolicy {

    /**
     * Whether the changes listed may go ahead. Called once per apply, before anything changes, and only when
     * {@code changesNeedingApproval} is not empty.
     */
    boolean approve(Plan plan, List<String> changesNeedingApproval);

    /** Applies every replacement of a stateless resource, deletion and broadening, as {@code --yes} does. */
    static ApprovalPolicy approveAll() {
        return (plan, changes) -> true;
    }

    /** Applies safe changes only: a plan with a replacement, deletion or broadening is refused whole. */
    static ApprovalPolicy refuseRisky() {
        return (plan, changes) -> false;
    }
}
