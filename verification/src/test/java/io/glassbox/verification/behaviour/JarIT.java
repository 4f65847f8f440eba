package io.glassbox.verification.behaviour;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.glassbox.verification.support.JarProcess;
import io.glassbox.verification.support.LocalEmulator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shaded jar, run as operators run it: {@code java -jar provisioner.jar ...} in its own process. */
class JarIT {

    private static JarProcess.Run java(String... args) throws IOException, InterruptedException {
        return JarProcess.run(args);
    }

    @Test
    void badInputIsOneLineWithoutStackTrace() throws Exception {
        JarProcess.Run run = java("plan", "--env", "qa");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().strip().lines()).hasSize(1);
        assertThat(run.err()).contains("unknown environment 'qa'").doesNotContain("Exception");
    }

    @Test
    void theVersionIsTheBuildsOnEveryCommand() throws Exception {
        for (String[] args : List.of(new String[] {"--version"}, new String[] {"plan", "--version"})) {
            JarProcess.Run run = java(args);
            assertThat(run.exitCode()).isZero();
            assertThat(run.out().trim()).matches("provisioner \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
        }
    }

    @Test
    void deployIsTheDefaultCommandAndJsonIsOneObjectPerLine() throws Exception {
        LocalEmulator.reset();
        JarProcess.Run run = java("--env", "staging", "--stack", "Messaging", "--json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> events = new ArrayList<>();
        for (String line : run.out().strip().split("\n")) {
            events.add(json.readTree(line));
        }
        assertThat(events).extracting(e -> e.path("event").asText())
                .contains("planned_change", "plan_summary", "step_started", "step_finished", "summary", "outputs");
        assertThat(events.get(0).path("event").asText()).as("who and where, first").isEqualTo("identity");
        assertThat(events.get(0).path("account").asText()).isEqualTo("123456789012");
        assertThat(events.get(0).path("region").asText()).isEqualTo("us-east-1");
        assertThat(events.get(0).path("arn").asText()).startsWith("arn:aws:");
        assertThat(events).filteredOn(e -> e.path("event").asText().equals("step_finished"))
                .hasSize(4).allSatisfy(e -> assertThat(e.has("duration_ms")).isTrue());
        JsonNode outputs = events.stream().filter(e -> e.path("event").asText().equals("outputs")).findFirst()
                .orElseThrow().path("outputs");
        assertThat(outputs.path("messaging.queue.agent-jobs.url").asText()).contains("glassbox-staging-agent-jobs");

        JarProcess.Run outputsRun = java("outputs", "--env", "staging", "--stack", "Messaging");
        assertThat(outputsRun.exitCode()).isZero();
        assertThat(outputsRun.out()).contains("messaging.queue.file-processing-dlq.arn")
                .contains("arn:aws:sqs:us-east-1:123456789012:glassbox-staging-file-processing-dlq");
    }

    @Test
    void theLauncherWritesAClassDataArchiveOnceAndRunsTheSameCommands(@TempDir Path dir) throws Exception {
        LocalEmulator.reset();
        Path jar = Files.copy(JarProcess.jar(), dir.resolve("provisioner.jar"));
        JarProcess.Run first = JarProcess.runLauncher(jar, "plan", "--env", "staging", "--stack", "Messaging");
        assertThat(first.exitCode()).as(first.toString()).isZero();
        assertThat(dir.resolve("provisioner.jsa")).as("archive written by the first run").isNotEmptyFile();
        JarProcess.Run second = JarProcess.runLauncher(jar, "plan", "--env", "staging", "--stack", "Messaging");
        assertThat(second.exitCode()).as(second.toString()).isZero();
        assertThat(second.out()).isEqualTo(first.out()).contains("SQS queue glassbox-staging-agent-jobs");
        assertThat(second.err()).as("no JVM warnings in the operator's output").isEmpty();
    }
}
