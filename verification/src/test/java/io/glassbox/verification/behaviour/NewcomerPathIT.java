package io.glassbox.verification.behaviour;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The newcomer's path: on a machine without the prerequisites, {@code scripts/prerequisites.sh} (which the
 * README's commands run first) names each missing one with how to get it, and fails; with them it passes.
 * The "bare machine" is a PATH with nothing on it and a HOME with nothing in it.
 */
class NewcomerPathIT {

    private record Run(int exitCode, String err) {
    }

    private static Run prerequisites(Path path, Path home, String mode) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("/bin/bash", Path.of("..", "scripts", "prerequisites.sh").toString(),
                mode);
        builder.environment().clear();
        builder.environment().put("PATH", path.toString());
        builder.environment().put("HOME", home.toString());
        Process process = builder.redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), err);
    }

    @Test
    void aBareMachineIsToldWhatIsMissingAndHowToGetIt(@TempDir Path empty) throws Exception {
        Run run = prerequisites(empty, empty, "local");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err())
                .contains("missing prerequisite: java — install a JDK 17 or newer")
                .contains("missing prerequisite: mvn — install Apache Maven")
                .contains("missing prerequisite: moto_server — the AWS emulator: pip install 'moto[server]'")
                .doesNotContain("command not found");
    }

    @Test
    void theContainerRunNamesDockerWhenThereIsNone(@TempDir Path empty) throws Exception {
        // Only meaningful where no Docker socket exists, as on our machines (DESIGN.md, "Local services").
        org.junit.jupiter.api.Assumptions.assumeFalse(Files.exists(Path.of("/var/run/docker.sock")),
                "this machine has a Docker socket");
        Run run = prerequisites(empty, empty, "containers");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("missing prerequisite: Docker — the container run needs a container engine:"
                + " scripts/container-engine.sh start (Podman, as root)");
    }

    @Test
    void thisMachineHasWhatTheLocalRunNeeds() throws Exception {
        Process process = new ProcessBuilder("/bin/bash", Path.of("..", "scripts", "prerequisites.sh").toString(), "local")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(err).isZero();
        assertThat(err).isEmpty();
    }
}
