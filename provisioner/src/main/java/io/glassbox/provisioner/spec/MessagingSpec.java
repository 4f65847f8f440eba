package io.glassbox.provisioner.spec;

import java.util.List;

/** The Messaging stack's desired state: the work queues, each with its DLQ, all with SSE on. */
public record MessagingSpec(List<QueueSpec> queues, boolean serverSideEncryption) {

    /** The agent execution queue's base name. */
    public static final String AGENT_JOBS = "agent-jobs";
    /** The file processing queue's base name. */
    public static final String FILE_PROCESSING = "file-processing";

    public MessagingSpec {
        queues = List.copyOf(queues);
    }

    /** The queue named {@code baseName}. */
    public QueueSpec queue(String baseName) {
        return queues.stream().filter(q -> q.baseName().equals(baseName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no queue " + baseName));
    }
}
