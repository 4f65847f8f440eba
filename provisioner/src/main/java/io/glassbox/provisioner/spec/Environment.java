package io.glassbox.provisioner.spec;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The environments the spec describes. Their names appear in every resource name and tag. */
public enum Environment {
    STAGING("staging"),
    PRODUCTION("production");

    private final String id;

    Environment(String id) {
        this.id = id;
    }

    /** The lower-case name used in resource names, tags and on the command line. */
    public String id() {
        return id;
    }

    /**
     * Parses an environment name as typed by an operator.
     *
     * @throws IllegalArgumentException naming the valid environments when the name is unknown
     */
    public static Environment fromId(String name) {
        String wanted = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(e -> e.id.equals(wanted))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "unknown environment '" + name + "' (expected one of: " + names() + ")"));
    }

    static String names() {
        return Arrays.stream(values()).map(Environment::id).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return id;
    }
}
