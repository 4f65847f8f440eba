package io.glassbox.provisioner;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The library leaves the console and the JVM to whoever embeds it: outside the CLI package no source file
 * exits the JVM, prints to standard output or error, or prints a stack trace. (LibraryEmbeddingIT checks the
 * same at run time for a whole plan, apply and destroy.)
 */
class LibraryHygieneTest {

    private static final Pattern CONSOLE_OR_EXIT =
            Pattern.compile("System\\.(exit|out|err|console)\\b|Runtime\\.getRuntime\\(\\)\\.(exit|halt)|printStackTrace\\(");
    private static final Path SOURCES = Path.of("src/main/java/io/glassbox/provisioner");

    @Test
    void onlyTheCliTouchesTheConsoleOrTheJvm() throws IOException {
        List<String> offenders;
        try (Stream<Path> files = Files.walk(SOURCES)) {
            offenders = files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> !f.startsWith(SOURCES.resolve("cli")))
                    .filter(LibraryHygieneTest::touchesConsoleOrJvm)
                    .map(Path::toString).toList();
        }
        assertThat(offenders).isEmpty();
    }

    @Test
    void theCheckFindsWhatItLooksFor() {
        assertThat(CONSOLE_OR_EXIT.matcher("System.exit(1);").find()).isTrue();
        assertThat(CONSOLE_OR_EXIT.matcher("System.out.println(x);").find()).isTrue();
        assertThat(CONSOLE_OR_EXIT.matcher("e.printStackTrace();").find()).isTrue();
        assertThat(CONSOLE_OR_EXIT.matcher("System.nanoTime()").find()).isFalse();
    }

    private static boolean touchesConsoleOrJvm(Path file) {
        try {
            return CONSOLE_OR_EXIT.matcher(Files.readString(file)).find();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
