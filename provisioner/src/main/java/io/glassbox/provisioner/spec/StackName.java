package io.glassbox.provisioner.spec;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The stacks of the spec ("CDK Stacks"), in the order the spec lists them. */
public enum StackName {
    NETWORK("Network"),
    DATABASE("Database"),
    CACHE("Cache"),
    STORAGE("Storage"),
    MESSAGING("Messaging"),
    AUTH("Auth"),
    COMPUTE("Compute"),
    MONITORING("Monitoring");

    private final String displayName;

    StackName(String displayName) {
        this.displayName = displayName;
    }

    public String displayName() {
        return displayName;
    }

    /** The value of the {@code Stack} tag, as the CDK app named its stacks: {@code GlassBox-staging-Network}. */
    public String qualified(Environment environment) {
        return "GlassBox-" + environment.id() + "-" + displayName;
    }

    /**
     * Parses {@code Network} or {@code GlassBox-staging-Network} (case-insensitive). A qualified name must
     * name the environment being deployed, so that {@code --env staging --stack GlassBox-production-Network}
     * is refused rather than silently narrowed.
     */
    public static StackName parse(String text, Environment environment) {
        String raw = text == null ? "" : text.trim();
        String wanted = raw;
        String prefix = "glassbox-" + environment.id() + "-";
        if (raw.toLowerCase(Locale.ROOT).startsWith("glassbox-")) {
            if (!raw.toLowerCase(Locale.ROOT).startsWith(prefix)) {
                throw new IllegalArgumentException("stack '" + text + "' does not belong to environment "
                        + environment.id() + " (expected " + NETWORK.qualified(environment) + " or Network)");
            }
            wanted = raw.substring(prefix.length());
        }
        for (StackName stack : values()) {
            if (stack.displayName.equalsIgnoreCase(wanted)) {
                return stack;
            }
        }
        throw new IllegalArgumentException("unknown stack '" + text + "' (expected one of: "
                + Arrays.stream(values()).map(StackName::displayName).collect(Collectors.joining(", ")) + ")");
    }

    @Override
    public String toString() {
        return displayName;
    }
}
