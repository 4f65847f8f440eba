package io.glassbox.provisioner.stacks.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import io.glassbox.provisioner.aws.ResourceTags;
import io.glassbox.provisioner.engine.Change;
import io.glassbox.provisioner.spec.Environment;
import io.glassbox.provisioner.spec.StackName;
import io.glassbox.provisioner.stacks.TestContexts;
import io.glassbox.provisioner.stacks.compute.LlmSecretStep;
import io.glassbox.provisioner.stacks.database.DatabaseSecretStep;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;

/**
 * The secrets' documents are data: values an operator or RDS put there (real API keys, the port as a number, the
 * endpoint) are no change, and neither a diff nor a record's text ever carries a value.
 */
class SecretDiffTest {

    private static final String PASSWORD = "pw-0123456789-unit";

    private static DescribeSecretResponse description(StackName stack, String name) {
        String step = stack == StackName.DATABASE ? "database.secret" : "compute.secret.llm";
        return DescribeSecretResponse.builder().name(name).arn("arn:secret:" + name)
                .lastChangedDate(Instant.now()).lastAccessedDate(Instant.now())
                .versionIdsToStages(Map.of("v1", java.util.List.of("AWSCURRENT")))
                .tags(software.amazon.awssdk.services.secretsmanager.model.Tag.builder().key("ManagedBy")
                        .value("glassbox-provisioner").build())
                .tags(ResourceTags.of(Environment.STAGING, stack, step).entrySet().stream()
                        .map(e -> software.amazon.awssdk.services.secretsmanager.model.Tag.builder().key(e.getKey())
                                .value(e.getValue()).build()).toList())
                .build();
    }

    @Test
    void theDatabaseSecretAsRdsAndTheStepLeftItIsNoChange() {
        JsonSecretStep.LiveSecret live = new JsonSecretStep.LiveSecret(
                description(StackName.DATABASE, "glassbox/staging/database"),
                Map.of("username", "glassbox", "password", PASSWORD, "port", 5432, "dbname", "glassbox",
                        "host", "glassbox-staging.abc.us-east-1.rds.amazonaws.com",
                        "url", "postgresql://glassbox:" + PASSWORD + "@host:5432/glassbox?sslmode=require"));
        var changes = new DatabaseSecretStep().diff(TestContexts.context(Environment.STAGING, Map.of()), live);
        assertThat(changes).isEmpty();
        assertThat(live.toString()).doesNotContain(PASSWORD).contains("password", "url");
    }

    @Test
    void realApiKeysPutInByHandAreNoChange() {
        JsonSecretStep.LiveSecret live = new JsonSecretStep.LiveSecret(description(StackName.COMPUTE, "glassbox/staging/llm"),
                Map.of("jwtSecret", "jwt-value-unit", "anthropicApiKey", "sk-ant-real", "openaiApiKey", "sk-real"));
        assertThat(new LlmSecretStep().diff(TestContexts.context(Environment.STAGING, Map.of()), live)).isEmpty();
        assertThat(live.toString()).doesNotContain("jwt-value-unit", "sk-ant-real", "sk-real");
    }

    @Test
    void aMissingKeyIsAddedWithoutShowingAnyValue() {
        JsonSecretStep.LiveSecret live = new JsonSecretStep.LiveSecret(description(StackName.COMPUTE, "glassbox/staging/llm"),
                Map.of("jwtSecret", "jwt-value-unit"));
        assertThat(new LlmSecretStep().diff(TestContexts.context(Environment.STAGING, Map.of()), live))
                .extracting(Change::describe).containsExactly("anthropicApiKey: (absent) → (placeholder)",
                        "openaiApiKey: (absent) → (placeholder)")
                .allSatisfy(text -> assertThat(text).doesNotContain("jwt-value-unit"));
    }
}
