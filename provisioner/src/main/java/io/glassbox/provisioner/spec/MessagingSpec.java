package io.glassbox.provisioner.spec;

import java.util.List;

/** The Messaging stack's desired state: the work queues, each with its DLQ, all with SSE on. */
public record MessagingSpec(List<QueueSpec> queues, boolean serverSideEncryption) {

    public MessagingSpec {
        queues = List.copyOf(queues);
    }
}
