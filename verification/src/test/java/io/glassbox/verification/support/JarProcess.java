package io.glassbox.verification.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The shaded jar run as operators run it, {@code java -jar provisioner.jar ...} in its own process, against
 * the emulator through {@code AWS_ENDPOINT_URL}.
 */
public final class JarProcess {

    /** What a finished run printed and returned. */
    public record Run(int exitCode, String out, String err) {
    }

    private JarProcess() {
    }

    /** Starts the jar; its standard output is a pipe the caller reads, its errors are discarded. */
    public static Process start(String... args) throws IOException {
        return builder(args).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    /** Runs the jar to its end (at most two minutes). */
    public static Run run(String... args) throws IOException, InterruptedException {
        return finish(builder(args));
    }

    /**
     * Runs the jar to its end with the credentials and settings of {@code environment} only: none of this JVM's
     * AWS variables are passed on, HOME is {@code home} (so ~/.aws is the test's), and the emulator is reached through
     * AWS_ENDPOINT_URL unless {@code environment} says otherwise (an empty value removes a variable).
     */
    public static Run runAs(Path home, java.util.Map<String, String> environment, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", jar().toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(key -> key.startsWith("AWS_"));
        builder.environment().put("HOME", home.toString());
        builder.environment().put("AWS_REGION", "us-east-1");
        builder.environment().put("AWS_ENDPOINT_URL", LocalEmulator.endpoint().toString());
        environment.forEach((key, value) -> {
            if (value.isEmpty()) {
                builder.environment().remove(key);
            } else {
                builder.environment().put(key, value);
            }
        });
        return finish(builder);
    }

    /** The built jar. */
    public static Path jar() {
        Path jar = Path.of(System.getProperty("provisioner.jar", "../provisioner/target/provisioner.jar"));
        assertThat(jar).as("build the jar first (mvn package)").exists();
        return jar;
    }

    /** Runs {@code scripts/provisioner} (the class-data-sharing launcher) on {@code jar}, to its end. */
    public static Run runLauncher(Path jar, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", Path.of("..", "scripts", "provisioner").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = environment(new ProcessBuilder(command));
        builder.environment().put("PROVISIONER_JAR", jar.toString());
        builder.environment().put("PATH", Path.of(System.getProperty("java.home"), "bin") + ":"
                + System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        return finish(builder);
    }

    private static Run finish(ProcessBuilder builder) throws IOException, InterruptedException {
        Path out = Files.createTempFile("jar-out", ".txt");
        Path err = Files.createTempFile("jar-err", ".txt");
        try {
            Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("the jar finished").isTrue();
            return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private static ProcessBuilder builder(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar().toString()));
        command.addAll(List.of(args));
        return environment(new ProcessBuilder(command));
    }

    private static ProcessBuilder environment(ProcessBuilder builder) {
        builder.environment().put("AWS_ACCESS_KEY_ID", "testing");
        builder.environment().put("AWS_SECRET_ACCESS_KEY", "testing");
        builder.environment().put("AWS_REGION", "us-east-1");
        builder.environment().put("AWS_ENDPOINT_URL", LocalEmulator.endpoint().toString());
        return builder;
    }
}
