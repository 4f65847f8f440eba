package io.glassbox.provisioner.spec;

/**
 * One availability zone of an environment, by its position: index 0 is AZ "a". The zone's full name is the
 * region followed by the letter ({@code us-east-1a}), deterministic so that names and plans are repeatable.
 */
public record AvailabilityZone(int index) {

    public AvailabilityZone {
        if (index < 0 || index > 5) {
            throw new IllegalArgumentException("availability zone index out of range: " + index);
        }
    }

    /** The zone's letter: a, b, c. */
    public String letter() {
        return String.valueOf((char) ('a' + index));
    }

    /** The zone's name in a region, e.g. {@code us-east-1b}. */
    public String nameIn(String region) {
        return region + letter();
    }
}
