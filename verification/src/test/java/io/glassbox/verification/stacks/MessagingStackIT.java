package io.glassbox.verification.stacks;

import static io.glassbox.verification.support.AwsProbe.expectedTags;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.glassbox.verification.support.AwsProbe;
import io.glassbox.verification.support.Cli;
import io.glassbox.verification.support.LocalEmulator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** Every row of the spec's Messaging stack (queues and DLQs), for both environments, with plain SQS calls. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MessagingStackIT {

    private final AwsProbe aws = new AwsProbe();

    @BeforeAll
    void deployBothEnvironments() {
        LocalEmulator.reset();
        for (String env : List.of("staging", "production")) {
            Cli.Result result = Cli.run("deploy", "--env", env, "--stack", "Messaging");
            assertThat(result.exitCode()).as(result.toString()).isZero();
        }
    }

    @AfterAll
    void close() {
        aws.close();
    }

    private Map<String, String> attributes(String name) {
        String url = aws.sqs.getQueueUrl(r -> r.queueName(name)).queueUrl();
        return aws.sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.ALL)).attributesAsStrings();
    }

    @ParameterizedTest
    @CsvSource({"staging,agent-jobs,600", "staging,file-processing,300",
        "production,agent-jobs,600", "production,file-processing,300"})
    void queueHasItsVisibilityTimeoutRedriveAndEncryption(String env, String queue, int visibility) throws Exception {
        String name = "glassbox-" + env + "-" + queue;
        Map<String, String> attributes = attributes(name);
        assertThat(attributes.get("VisibilityTimeout")).isEqualTo(String.valueOf(visibility));
        assertThat(attributes.get("SqsManagedSseEnabled")).isEqualTo("true");
        JsonNode redrive = new ObjectMapper().readTree(attributes.get("RedrivePolicy"));
        assertThat(redrive.path("maxReceiveCount").asInt()).isEqualTo(3);
        assertThat(redrive.path("deadLetterTargetArn").asText())
                .isEqualTo("arn:aws:sqs:us-east-1:" + AwsProbe.ACCOUNT + ":" + name + "-dlq");
        String url = aws.sqs.getQueueUrl(r -> r.queueName(name)).queueUrl();
        assertThat(aws.sqs.listQueueTags(r -> r.queueUrl(url)).tags()).containsAllEntriesOf(expectedTags(env, "Messaging", null));
    }

    @ParameterizedTest
    @CsvSource({"staging,agent-jobs", "staging,file-processing", "production,agent-jobs", "production,file-processing"})
    void deadLetterQueueKeepsMessagesFourteenDaysEncrypted(String env, String queue) {
        String name = "glassbox-" + env + "-" + queue + "-dlq";
        Map<String, String> attributes = attributes(name);
        assertThat(attributes.get("MessageRetentionPeriod")).isEqualTo(String.valueOf(14 * 24 * 3600));
        assertThat(attributes.get("SqsManagedSseEnabled")).isEqualTo("true");
        String url = aws.sqs.getQueueUrl(r -> r.queueName(name)).queueUrl();
        assertThat(aws.sqs.listQueueTags(r -> r.queueUrl(url)).tags()).containsAllEntriesOf(expectedTags(env, "Messaging", null));
    }
}
