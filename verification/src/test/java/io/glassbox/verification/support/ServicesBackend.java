package io.glassbox.verification.support;

import java.util.Locale;
import java.util.Optional;

/**
 * Where the verification suite's services come from, chosen by configuration: the system property
 * {@code glassbox.services} or the environment variable {@code GLASSBOX_SERVICES}, {@code local} by default.
 * The tests are the same either way; only {@link LocalServices}' settings differ.
 */
public enum ServicesBackend {
    /** Plain processes started by {@code scripts/local-services.sh}: what runs here and in CI (no Docker). */
    LOCAL,
    /** Docker containers started by Testcontainers: moto (or LocalStack with a token), pgvector, Redis. */
    CONTAINERS;

    /** The backend this run asked for. */
    public static ServicesBackend selected() {
        String value = Optional.ofNullable(System.getProperty("glassbox.services"))
                .or(() -> Optional.ofNullable(System.getenv("GLASSBOX_SERVICES"))).orElse("local")
                .trim().toLowerCase(Locale.ROOT);
        return switch (value) {
            case "local", "" -> LOCAL;
            case "containers", "testcontainers" -> CONTAINERS;
            default -> throw new IllegalArgumentException("GLASSBOX_SERVICES (or -Dglassbox.services) is '" + value
                    + "'; use 'local' (the default) or 'containers'");
        };
    }
}
