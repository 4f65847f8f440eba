package io.glassbox.verification.behaviour;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.glassbox.verification.support.LocalEmulator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The shaded jar, run as operators run it: {@code java -jar provisioner.jar ...} in its own process. */
class JarIT {

    private record Run(int exitCode, String out, String err) {
    }

    private static Run java(String... args) throws IOException, InterruptedException {
        Path jar = Path.of(System.getProperty("provisioner.jar", "../provisioner/target/provisioner.jar"));
        assertThat(jar).as("build the jar first (mvn package)").exists();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("AWS_ACCESS_KEY_ID", "testing");
        builder.environment().put("AWS_SECRET_ACCESS_KEY", "testing");
        builder.environment().put("AWS_REGION", "us-east-1");
        builder.environment().put("AWS_ENDPOINT_URL", LocalEmulator.endpoint().toString());
        Path out = Files.createTempFile("jar-out", ".txt");
        Path err = Files.createTempFile("jar-err", ".txt");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("the jar finished").isTrue();
        return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void badInputIsOneLineWithoutStackTrace() throws Exception {
        Run run = java("plan", "--env", "qa");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().strip().lines()).hasSize(1);
        assertThat(run.err()).contains("unknown environment 'qa'").doesNotContain("Exception");
    }

    @Test
    void deployIsTheDefaultCommandAndJsonIsOneObjectPerLine() throws Exception {
        LocalEmulator.reset();
        Run run = java("--env", "staging", "--stack", "Messaging", "--json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> events = new ArrayList<>();
        for (String line : run.out().strip().split("\n")) {
            events.add(json.readTree(line));
        }
        assertThat(events).extracting(e -> e.path("event").asText())
                .contains("planned_change", "plan_summary", "step_started", "step_finished", "summary", "outputs");
        assertThat(events).filteredOn(e -> e.path("event").asText().equals("step_finished"))
                .hasSize(4).allSatisfy(e -> assertThat(e.has("duration_ms")).isTrue());
        JsonNode outputs = events.stream().filter(e -> e.path("event").asText().equals("outputs")).findFirst()
                .orElseThrow().path("outputs");
        assertThat(outputs.path("messaging.queue.agent-jobs.url").asText()).contains("glassbox-staging-agent-jobs");

        Run outputsRun = java("outputs", "--env", "staging", "--stack", "Messaging");
        assertThat(outputsRun.exitCode()).isZero();
        assertThat(outputsRun.out()).contains("messaging.queue.file-processing-dlq.arn")
                .contains("arn:aws:sqs:us-east-1:123456789012:glassbox-staging-file-processing-dlq");
    }
}
