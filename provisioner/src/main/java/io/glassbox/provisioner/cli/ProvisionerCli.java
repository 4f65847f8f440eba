package io.glassbox.provisioner.cli;

import io.glassbox.provisioner.engine.Failures;
import io.glassbox.provisioner.engine.ProvisionerException;
import io.glassbox.provisioner.engine.RefusedException;
import io.glassbox.provisioner.spec.ConfigException;
import picocli.CommandLine;

/**
 * Builds the picocli command line with the error handling of DESIGN.md's CLI contract: bad input and
 * failures print one clear line on stderr and exit non-zero, never a stack trace (unless {@code -v} and the
 * error is unexpected).
 */
public final class ProvisionerCli {

    private ProvisionerCli() {
    }

    /** A command line bound to {@code context}; call {@code execute(args)} on it. */
    public static CommandLine commandLine(CliContext context) {
        CommandLine commandLine = new CommandLine(new ProvisionerCommand(context));
        commandLine.setOut(context.out());
        commandLine.setErr(context.err());
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setParameterExceptionHandler((e, args) -> {
            context.err().println("error: " + e.getMessage() + " (see --help)");
            context.err().flush();
            return ExitCodes.ERROR;
        });
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            int code = ExitCodes.ERROR;
            String message;
            if (e instanceof RefusedException) {
                code = ExitCodes.REFUSED;
                message = "refused: " + e.getMessage();
            } else if (e instanceof UsageException || e instanceof ConfigException) {
                message = e.getMessage();
            } else if (e instanceof ProvisionerException) {
                message = e.getMessage();
            } else {
                message = Failures.describe(e);
                if (parsed.hasMatchedOption("-v")) {
                    e.printStackTrace(context.err());
                }
            }
            context.err().println("error: " + message);
            context.err().flush();
            return code;
        });
        return commandLine;
    }

    /** Runs the CLI and returns its exit code. */
    public static int run(CliContext context, String... args) {
        return commandLine(context).execute(args);
    }
}
