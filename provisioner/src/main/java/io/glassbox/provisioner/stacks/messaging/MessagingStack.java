package io.glassbox.provisioner.stacks.messaging;

import io.glassbox.provisioner.engine.Step;
import io.glassbox.provisioner.spec.MessagingSpec;
import io.glassbox.provisioner.spec.QueueSpec;
import java.util.ArrayList;
import java.util.List;

/** The Messaging stack's steps: each work queue after its dead-letter queue. */
public final class MessagingStack {

    private MessagingStack() {
    }

    public static List<Step> steps(MessagingSpec messaging) {
        List<Step> steps = new ArrayList<>();
        for (QueueSpec queue : messaging.queues()) {
            steps.add(QueueStep.deadLetterQueue(queue));
            steps.add(QueueStep.workQueue(queue));
        }
        return steps;
    }
}
