package io.glassbox.provisioner.stacks.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.glassbox.provisioner.aws.PolicyStatements;
import io.glassbox.provisioner.aws.ResourceTags;
import io.glassbox.provisioner.engine.Change;
import io.glassbox.provisioner.engine.StepContext;
import io.glassbox.provisioner.spec.Environment;
import io.glassbox.provisioner.spec.StackName;
import io.glassbox.provisioner.stacks.TestContexts;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kms.model.KeyMetadata;

/** FSBP SNS.1's key: rotation, the key policy CloudWatch needs, a killed run's unaliased key, a pending deletion. */
class KeyDiffTest {

    private static final String ACCOUNT = "123456789012";
    private final StepContext context = TestContexts.context(Environment.STAGING, Map.of());
    private final KeyStep step = new KeyStep();
    private final Map<String, String> tags = ResourceTags.of(Environment.STAGING, StackName.MONITORING, KeyStep.ID);
    private final String policy = PolicyStatements.merged(null, KeyStep.statements(ACCOUNT));

    private static KeyMetadata key(String state) {
        return KeyMetadata.builder().keyId("k1").arn("arn:aws:kms:us-east-1:" + ACCOUNT + ":key/k1").keyState(state)
                .build();
    }

    @Test
    void anAliasedRotatedKeyWithOurStatementsIsNoChangeWhateverElseThePolicySays() {
        assertThat(step.diff(context, new KeyStep.LiveKey(key("Enabled"), true, policy, tags, true))).isEmpty();
        String withOperators = PolicyStatements.merged("{\"Statement\":[{\"Sid\":\"Auditors\",\"Effect\":\"Allow\","
                + "\"Principal\":{\"AWS\":\"arn:aws:iam::1:root\"},\"Action\":\"kms:Describe*\",\"Resource\":\"*\"}]}",
                KeyStep.statements(ACCOUNT));
        assertThat(step.diff(context, new KeyStep.LiveKey(key("Enabled"), true, withOperators, tags, true))).isEmpty();
    }

    @Test
    void rotationOffAndTheCloudWatchStatementMissingAreRepaired() {
        String adminOnly = PolicyStatements.merged(null, KeyStep.statements(ACCOUNT).subList(0, 1));
        assertThat(step.diff(context, new KeyStep.LiveKey(key("Enabled"), false, adminOnly, tags, true)))
                .extracting(Change::describe).containsExactly("rotation: off → on (yearly)",
                        "keyPolicy: without CloudWatchAlarmsPublishToTheTopic → with AccountAdministersTheKey,"
                                + " CloudWatchAlarmsPublishToTheTopic");
    }

    @Test
    void aKeyAKilledRunLeftWithoutItsAliasGetsItAndAPendingDeletionIsCancelled() {
        assertThat(step.diff(context, new KeyStep.LiveKey(key("Enabled"), true, policy, tags, false)))
                .extracting(Change::describe).containsExactly("alias: (none) → alias/glassbox-staging");
        assertThat(step.diff(context, new KeyStep.LiveKey(key("PendingDeletion"), null, null, tags, true)))
                .extracting(Change::path).containsExactly("state");
    }
}
