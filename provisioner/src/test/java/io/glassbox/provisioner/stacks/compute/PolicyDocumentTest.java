package io.glassbox.provisioner.stacks.compute;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** IAM hands policies back URL-encoded and with one-element lists as scalars; both still mean the same. */
class PolicyDocumentTest {

    private static PolicyDocument policy() {
        return new PolicyDocument().allow("Secrets", List.of("secretsmanager:GetSecretValue"), List.of("arn:db", "arn:llm"));
    }

    @Test
    void urlEncodedAndScalarFormsAreTheSame() {
        String live = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"Secrets\",\"Effect\":\"Allow\","
                + "\"Action\":\"secretsmanager:GetSecretValue\",\"Resource\":[\"arn:db\",\"arn:llm\"]}]}";
        assertThat(policy().sameAs(live)).isTrue();
        assertThat(policy().sameAs(URLEncoder.encode(live, StandardCharsets.UTF_8))).isTrue();
    }

    @Test
    void anExtraResourceOrMissingPolicyDiffers() {
        String wider = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"Secrets\",\"Effect\":\"Allow\","
                + "\"Action\":[\"secretsmanager:GetSecretValue\"],\"Resource\":[\"arn:db\",\"arn:llm\",\"*\"]}]}";
        assertThat(policy().sameAs(wider)).isFalse();
        assertThat(policy().sameAs(null)).isFalse();
        assertThat(policy().sameAs("not json")).isFalse();
    }

    @Test
    void trustPolicyNamesTheService() {
        assertThat(PolicyDocument.trust("ecs-tasks.amazonaws.com").json())
                .contains("\"Service\":\"ecs-tasks.amazonaws.com\"").contains("sts:AssumeRole");
    }
}
