package io.glassbox.provisioner.cli;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * What the CLI takes from its surroundings: where to print, the environment variables, an interactive
 * terminal if there is one, and SDK interceptors (tests record calls with them). {@link Main} passes the
 * real ones; tests pass their own, so the same commands run in-process with captured output.
 *
 * @param terminal a reader of the operator's typed answers, present only on an interactive terminal
 */
public record CliContext(PrintWriter out, PrintWriter err, Map<String, String> environment,
                         Optional<BufferedReader> terminal, List<ExecutionInterceptor> interceptors) {

    public CliContext {
        environment = Map.copyOf(environment);
        interceptors = List.copyOf(interceptors);
    }
}
