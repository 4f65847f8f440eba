package io.glassbox.verification.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.glassbox.provisioner.cli.CliContext;
import io.glassbox.provisioner.cli.ProvisionerCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Runs the real CLI in-process, against the emulator, with captured output and an optional call recorder:
 * the same picocli command line that {@code java -jar provisioner.jar} runs.
 */
public final class Cli {

    /** What a CLI run printed and returned. */
    public record Result(int exitCode, String out, String err) {
        private static final ObjectMapper JSON = new ObjectMapper();

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
        }

        /** The {@code --json} events named {@code name} on stdout, in order. */
        public List<JsonNode> events(String name) {
            List<JsonNode> events = new ArrayList<>();
            for (String line : out.split("\n")) {
                if (line.startsWith("{")) {
                    try {
                        JsonNode event = JSON.readTree(line);
                        if (event.path("event").asText().equals(name)) {
                            events.add(event);
                        }
                    } catch (JsonProcessingException e) {
                        throw new AssertionError("not a JSON event: " + line, e);
                    }
                }
            }
            return events;
        }
    }

    private Cli() {
    }

    /** Runs {@code args} with {@code --endpoint-url} pointing at the emulator. */
    public static Result run(String... args) {
        return run(List.of(), args);
    }

    /** Runs {@code args} limited to {@code stacks} (each becomes {@code --stack NAME}). */
    public static Result runStacks(List<String> stacks, String... args) {
        List<String> all = new ArrayList<>(Arrays.asList(args));
        stacks.forEach(s -> all.addAll(List.of("--stack", s)));
        return run(all.toArray(String[]::new));
    }

    public static Result run(List<ExecutionInterceptor> interceptors, String... args) {
        return runAgainst(LocalEmulator.endpoint(), interceptors, args);
    }

    /** Runs {@code args} against {@code endpoint} (a proxy in front of the emulator, say). */
    public static Result runAgainst(java.net.URI endpoint, List<ExecutionInterceptor> interceptors, String... args) {
        return runAgainst(endpoint, interceptors, Optional.empty(), args);
    }

    /** Runs {@code args} as on an interactive terminal on which the operator types {@code answer} when asked. */
    public static Result runTyping(String answer, List<ExecutionInterceptor> interceptors, String... args) {
        return runAgainst(LocalEmulator.endpoint(), interceptors,
                Optional.of(new java.io.BufferedReader(new java.io.StringReader(answer + "\n"))), args);
    }

    private static Result runAgainst(java.net.URI endpoint, List<ExecutionInterceptor> interceptors,
                                     Optional<java.io.BufferedReader> terminal, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>(Arrays.asList(args));
        all.add("--endpoint-url");
        all.add(endpoint.toString());
        CliContext context = new CliContext(new PrintWriter(out, true), new PrintWriter(err, true),
                Map.of("AWS_REGION", "us-east-1", "TERM", "dumb"), terminal, interceptors);
        int code = ProvisionerCli.run(context, all.toArray(String[]::new));
        return new Result(code, out.toString(), err.toString());
    }
}
