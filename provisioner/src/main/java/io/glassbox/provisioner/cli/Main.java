package io.glassbox.provisioner.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/** {@code java -jar provisioner.jar}: the CLI with the process's own streams, environment and terminal. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        Optional<BufferedReader> terminal = System.console() == null ? Optional.empty()
                : Optional.of(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)));
        CliContext context = new CliContext(out, err, System.getenv(), terminal, List.of());
        System.exit(ProvisionerCli.run(context, args));
    }
}
