package io.glassbox.provisioner.engine;

import java.util.List;

/**
 * A run that stopped before changing anything because approval or a protection said no (exit code 3).
 * {@link #reasons()} lists each change or resource that was refused.
 */
public class RefusedException extends ProvisionerException {

    private static final long serialVersionUID = 1L;
    private final List<String> reasons;

    public RefusedException(String message, List<String> reasons) {
        super(message + ":\n  " + String.join("\n  ", reasons));
        this.reasons = List.copyOf(reasons);
    }

    public List<String> reasons() {
        return reasons;
    }
}
