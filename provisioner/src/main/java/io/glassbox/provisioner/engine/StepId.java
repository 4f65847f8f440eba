package io.glassbox.provisioner.engine;

import java.util.regex.Pattern;

/** A step's stable id: {@code network.vpc}, {@code messaging.queue.agent-jobs-dlq}. */
public record StepId(String value) implements Comparable<StepId> {

    private static final Pattern FORMAT = Pattern.compile("[a-z]+(\\.[a-z0-9-]+)+");

    public StepId {
        if (value == null || !FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException("malformed step id: " + value);
        }
    }

    public static StepId of(String value) {
        return new StepId(value);
    }

    @Override
    public int compareTo(StepId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
