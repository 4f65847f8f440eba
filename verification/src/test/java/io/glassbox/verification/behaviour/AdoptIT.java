package io.glassbox.verification.behaviour;

import static org.assertj.core.api.Assertions.assertThat;

import io.glassbox.verification.support.AwsProbe;
import io.glassbox.verification.support.CallRecorder;
import io.glassbox.verification.support.Cli;
import io.glassbox.verification.support.LocalEmulator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A resource with one of our names but without our ManagedBy tag (made by hand, or by the old CDK app) is
 * reported and left alone; with {@code --adopt} it is tagged as ours and converged to the spec.
 */
class AdoptIT {

    @Test
    void someoneElsesQueueIsLeftAloneUntilAdopted() {
        LocalEmulator.reset();
        try (AwsProbe aws = new AwsProbe()) {
            String url = aws.sqs.createQueue(r -> r.queueName("glassbox-staging-agent-jobs-dlq")
                    .attributesWithStrings(Map.of("MessageRetentionPeriod", "86400"))
                    .tags(Map.of("Owner", "cdk"))).queueUrl();

            CallRecorder recorder = new CallRecorder();
            Cli.Result refused = Cli.run(List.of(recorder), "deploy", "--env", "staging", "--stack", "Messaging");
            assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(1);
            assertThat(refused.err()).contains("SQS queue glassbox-staging-agent-jobs-dlq (" + url + ") exists but has"
                    + " no ManagedBy=glassbox-provisioner tag: it is not ours, so it is left alone (--adopt takes it over)");
            assertThat(recorder.mutating()).as("nothing is changed").isEmpty();
            assertThat(aws.sqs.listQueueTags(r -> r.queueUrl(url)).tags()).containsOnly(Map.entry("Owner", "cdk"));

            Cli.Result plan = Cli.run("plan", "--env", "staging", "--stack", "Messaging", "--adopt");
            assertThat(plan.out()).contains("~   SQS queue glassbox-staging-agent-jobs-dlq")
                    .contains("MessageRetentionPeriod: 86400 → 1209600").contains("ManagedBy=(none)");

            Cli.Result adopted = Cli.run("deploy", "--env", "staging", "--stack", "Messaging", "--adopt");
            assertThat(adopted.exitCode()).as(adopted.toString()).isZero();
            assertThat(aws.sqs.listQueueTags(r -> r.queueUrl(url)).tags())
                    .containsAllEntriesOf(AwsProbe.expectedTags("staging", "Messaging", null))
                    .containsEntry("Owner", "cdk");
            assertThat(aws.sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNamesWithStrings("MessageRetentionPeriod"))
                    .attributesAsStrings()).containsEntry("MessageRetentionPeriod", "1209600");
            assertThat(aws.sqs.listQueues(r -> r.queueNamePrefix("glassbox-staging")).queueUrls()).hasSize(4);

            Cli.Result clean = Cli.run("plan", "--env", "staging", "--stack", "Messaging", "--detailed-exitcode");
            assertThat(clean.exitCode()).as("ours now, without --adopt: " + clean).isZero();
        }
    }
}
