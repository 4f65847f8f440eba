package io.glassbox.provisioner.spec;

/**
 * The API's target-tracking auto scaling (Compute stack, "Auto Scaling"): keep average CPU at
 * {@code cpuTargetPercent} and memory at {@code memoryTargetPercent}, scaling in no faster than every
 * {@code scaleInCooldownSeconds} and out every {@code scaleOutCooldownSeconds}.
 */
public record ScalingSpec(double cpuTargetPercent, double memoryTargetPercent, int scaleInCooldownSeconds,
                          int scaleOutCooldownSeconds) {

    /** The spec's values: CPU 70 %, memory 80 %, scale-in cooldown 300 s, scale-out 60 s. */
    public static ScalingSpec spec() {
        return new ScalingSpec(70, 80, 300, 60);
    }
}
