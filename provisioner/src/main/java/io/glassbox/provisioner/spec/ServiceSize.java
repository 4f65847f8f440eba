package io.glassbox.provisioner.spec;

/**
 * The size of one ECS service: task CPU units and memory, desired count, and the auto-scaling range
 * (equal to the desired count for services the spec does not scale).
 */
public record ServiceSize(int cpu, int memoryMb, int desiredCount, int minCapacity, int maxCapacity) {
}
