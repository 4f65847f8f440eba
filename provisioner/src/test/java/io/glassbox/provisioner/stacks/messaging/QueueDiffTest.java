package io.glassbox.provisioner.stacks.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.glassbox.provisioner.aws.ResourceTags;
import io.glassbox.provisioner.engine.Change;
import io.glassbox.provisioner.engine.StepContext;
import io.glassbox.provisioner.spec.Environment;
import io.glassbox.provisioner.spec.EnvironmentSpecs;
import io.glassbox.provisioner.spec.QueueSpec;
import io.glassbox.provisioner.spec.StackName;
import io.glassbox.provisioner.stacks.TestContexts;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QueueDiffTest {

    private final QueueSpec agentJobs = EnvironmentSpecs.forEnvironment(Environment.STAGING).messaging().queues().get(0);
    private final StepContext context = TestContexts.context(Environment.STAGING,
            Map.of(QueueStep.outputArn(agentJobs, true), "arn:aws:sqs:us-east-1:1:glassbox-staging-agent-jobs-dlq"));
    private final Map<String, String> tags = ResourceTags.of(Environment.STAGING, StackName.MESSAGING,
            "messaging.queue.agent-jobs");
    private final Map<String, String> dlqTags = ResourceTags.of(Environment.STAGING, StackName.MESSAGING,
            "messaging.queue.agent-jobs-dlq");

    @Test
    void redrivePolicyComparesByMeaning() {
        QueueStep.LiveQueue live = new QueueStep.LiveQueue("url", Map.of(
                "VisibilityTimeout", "600",
                "SqsManagedSseEnabled", "true",
                "RedrivePolicy", "{\"maxReceiveCount\":\"3\", \"deadLetterTargetArn\":\"arn:aws:sqs:us-east-1:1:glassbox-staging-agent-jobs-dlq\"}"),
                tags);
        assertThat(QueueStep.workQueue(agentJobs).diff(context, live)).isEmpty();
    }

    @Test
    void driftedVisibilityTimeoutAndSseAreUpdates() {
        QueueStep.LiveQueue live = new QueueStep.LiveQueue("url", Map.of(
                "VisibilityTimeout", "30",
                "SqsManagedSseEnabled", "false",
                "RedrivePolicy", "{\"deadLetterTargetArn\":\"arn:aws:sqs:us-east-1:1:glassbox-staging-agent-jobs-dlq\",\"maxReceiveCount\":5}"),
                tags);
        assertThat(QueueStep.workQueue(agentJobs).diff(context, live)).extracting(Change::path)
                .containsExactlyInAnyOrder("VisibilityTimeout", "SqsManagedSseEnabled", "RedrivePolicy");
    }

    @Test
    void deadLetterQueueKeepsMessagesFourteenDays() {
        QueueStep.LiveQueue live = new QueueStep.LiveQueue("url", Map.of(
                "MessageRetentionPeriod", "345600", "SqsManagedSseEnabled", "true"), dlqTags);
        assertThat(QueueStep.deadLetterQueue(agentJobs).diff(context, live)).extracting(Change::describe)
                .containsExactly("MessageRetentionPeriod: 345600 → 1209600");
    }

    /** SQS reports counts, dates and defaults of its own beside what we set: none of them is a change. */
    @Test
    void attributesSqsSetsByItselfAreNoChange() {
        Map<String, String> attributes = new java.util.HashMap<>(Map.of(
                "VisibilityTimeout", "600", "SqsManagedSseEnabled", "true",
                "RedrivePolicy", "{\"deadLetterTargetArn\":\"arn:aws:sqs:us-east-1:1:glassbox-staging-agent-jobs-dlq\","
                        + "\"maxReceiveCount\":3}"));
        attributes.putAll(Map.of("ApproximateNumberOfMessages", "42", "ApproximateNumberOfMessagesNotVisible", "3",
                "CreatedTimestamp", "1700000000", "LastModifiedTimestamp", "1700000001", "DelaySeconds", "0",
                "MaximumMessageSize", "262144", "ReceiveMessageWaitTimeSeconds", "0",
                "QueueArn", "arn:aws:sqs:us-east-1:1:glassbox-staging-agent-jobs"));
        assertThat(QueueStep.workQueue(agentJobs).diff(context, new QueueStep.LiveQueue("url", attributes, tags))).isEmpty();
    }
}
