package io.glassbox.provisioner.cli;

/** The CLI's exit codes (DESIGN.md, "CLI contract"). */
public final class ExitCodes {

    /** Done, or no changes. */
    public static final int OK = 0;
    /** An error: bad input, an AWS error, a failed step. */
    public static final int ERROR = 1;
    /** {@code plan --detailed-exitcode} found changes. */
    public static final int CHANGES = 2;
    /** Refused: approval missing or a protection said no; nothing was changed. */
    public static final int REFUSED = 3;

    /** The exit codes as every command's help ends with them. */
    public static final String FOOTER = "Exit codes: 0 done or no changes, 1 error, 2 plan has changes"
            + " (--detailed-exitcode), 3 refused (approval, protection, a quota or a held lock; nothing was changed).";

    private ExitCodes() {
    }
}
