package io.glassbox.provisioner.spec;

/**
 * A work queue and its dead-letter queue.
 *
 * @param baseName                 {@code agent-jobs} or {@code file-processing}
 * @param visibilityTimeoutSeconds the main queue's visibility timeout
 * @param maxReceiveCount          receives before a message moves to the DLQ
 * @param dlqRetentionSeconds      how long the DLQ keeps a message
 */
public record QueueSpec(String baseName, String purpose, int visibilityTimeoutSeconds, int maxReceiveCount,
                        int dlqRetentionSeconds) {
}
