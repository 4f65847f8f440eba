package io.glassbox.verification.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/**
 * Temporary files and directories the tests make outside a JUnit {@code @TempDir} (config files handed to the CLI,
 * the services' and containers' certificates): each is deleted when the test JVM ends, so a run leaves nothing in
 * the temporary directory ({@code scripts/test.sh} checks it).
 */
public final class Scratch {

    private static final List<Path> MADE = new CopyOnWriteArrayList<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> MADE.forEach(Scratch::deleteTree), "scratch-cleanup"));
    }

    private Scratch() {
    }

    /** A new empty file, deleted when the JVM ends. */
    public static Path file(String prefix, String suffix) {
        try {
            return remember(Files.createTempFile(prefix, suffix));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A new empty directory, deleted with everything in it when the JVM ends. */
    public static Path directory(String prefix) {
        try {
            return remember(Files.createTempDirectory(prefix));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path remember(Path path) {
        MADE.add(path);
        return path;
    }

    /** Deletes {@code path} and, for a directory, everything in it; what is already gone is fine. */
    public static void deleteTree(Path path) {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> all = Files.walk(path)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // Best effort at exit: a file still held open by a stopping server is left to the OS.
        }
    }
}
