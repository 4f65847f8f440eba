package io.glassbox.provisioner.cli;

/** Bad input on the command line, found before any AWS call: one line on stderr, exit code 1. */
final class UsageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}
