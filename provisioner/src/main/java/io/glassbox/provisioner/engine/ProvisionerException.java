package io.glassbox.provisioner.engine;

/** A failure with a message fit for an operator: one line, no stack trace needed. */
public class ProvisionerException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ProvisionerException(String message) {
        super(message);
    }

    public ProvisionerException(String message, Throwable cause) {
        super(message, cause);
    }
}
