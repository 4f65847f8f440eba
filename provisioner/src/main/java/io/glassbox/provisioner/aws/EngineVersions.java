package io.glassbox.provisioner.aws;

/**
 * Engine versions as RDS and ElastiCache report them ({@code 16.4}, {@code 7.1.0}). The spec names a major
 * version only: auto minor version upgrade moves the rest by itself, and neither service ever goes back a major
 * version, so a newer major is reported rather than changed.
 */
public final class EngineVersions {

    private EngineVersions() {
    }

    /** {@code 16} of {@code 16.4}; null when the service did not say or said something else. */
    public static Integer major(String engineVersion) {
        if (engineVersion == null || engineVersion.isBlank()) {
            return null;
        }
        try {
            return Integer.parseInt(engineVersion.split("\\.")[0]);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Whether {@code live} is older than the spec's major version, or unknown: an upgrade is due. */
    public static boolean belowMajor(String live, String wantedMajor) {
        Integer major = major(live);
        return major == null || major < Integer.parseInt(wantedMajor);
    }

    /** Whether {@code live} is a newer major version than the spec's: nothing can bring it back. */
    public static boolean aboveMajor(String live, String wantedMajor) {
        Integer major = major(live);
        return major != null && major > Integer.parseInt(wantedMajor);
    }
}
