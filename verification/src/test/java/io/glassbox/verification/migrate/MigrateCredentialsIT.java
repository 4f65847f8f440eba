package io.glassbox.verification.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.glassbox.verification.support.AwsProbe;
import io.glassbox.verification.support.CdkFixture;
import io.glassbox.verification.support.Cli;
import io.glassbox.verification.support.LocalEmulator;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.secretsmanager.model.SecretListEntry;

/**
 * Taking over the database's credentials when the CDK app did not attach its secret to the instance (issue 21, item
 * 11): the takeover never hands the services a password the database does not accept. With one secret of the
 * database's stack for the master user, that one is copied; with two, the takeover stops before any change, naming
 * both, until {@code --database-secret ARN} chooses. (moto cannot log in to its RDS instance,
 * KnownEmulatorGaps.NO_RDS_MASTER_USER: the instance's password is the one CdkFixture created it with, the CDK
 * secret's, which MigrateIT's data plane logs in with against real PostgreSQL.)
 */
class MigrateCredentialsIT {

    private static final String DATABASE_STACK = "GlassBox-staging-Database";
    private final AwsProbe aws = new AwsProbe();

    @AfterEach
    void close() {
        aws.close();
    }

    @Test
    void withoutAnAttachmentTheSecretOfTheMasterUserIsCopied() {
        LocalEmulator.reset();
        CdkFixture.deploy(aws, "staging", CdkFixture.certificate(aws, "staging"), edit(false));
        String instancePassword = password(instanceSecret().arn());

        Cli.Result migrate = Cli.run("migrate", "--env", "staging", "--from-cloudformation", "--yes",
                "--skip-data-plane");
        assertThat(migrate.exitCode()).as(migrate.toString()).isZero();
        assertThat(password("glassbox/staging/database").equals(instancePassword))
                .as("glassbox/staging/database holds the password the instance has").isTrue();
        assertThat(migrate.out() + migrate.err()).doesNotContain(instancePassword);
    }

    @Test
    void twoCandidatesStopTheTakeoverUntilTheOperatorChoosesOne() {
        LocalEmulator.reset();
        CdkFixture.deploy(aws, "staging", CdkFixture.certificate(aws, "staging"), edit(true));
        SecretListEntry instanceSecret = instanceSecret();

        Cli.Result refused = Cli.run("migrate", "--env", "staging", "--from-cloudformation", "--yes",
                "--skip-data-plane");
        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(3);
        assertThat(refused.err()).contains("2 secrets of the stacks can be told to hold the database's credentials"
                        + " (user glassbox)").contains("--database-secret ARN")
                .contains(DATABASE_STACK + "/ReportingSecret")
                .contains(DATABASE_STACK + "/GlassBoxstagingDatabaseInstanceSecret");
        assertThat(aws.cloudFormation.describeStacks(r -> r.stackName(DATABASE_STACK)).stacks())
                .as("nothing was changed").hasSize(1);
        assertThat(aws.secrets.listSecrets().secretList()).extracting(SecretListEntry::name)
                .doesNotContain("glassbox/staging/database");

        Cli.Result chosen = Cli.run("migrate", "--env", "staging", "--from-cloudformation", "--yes",
                "--skip-data-plane", "--database-secret", instanceSecret.arn());
        assertThat(chosen.exitCode()).as(chosen.toString()).isZero();
        assertThat(password("glassbox/staging/database").equals(password(instanceSecret.arn())))
                .as("the chosen secret's password was copied").isTrue();
    }

    /**
     * The Database stack without its SecretTargetAttachment, and with a second secret for the same master user (a
     * reporting copy, say) when {@code secondSecret}.
     */
    private static BiFunction<String, JsonNode, JsonNode> edit(boolean secondSecret) {
        return (stack, template) -> {
            if (!stack.equals(DATABASE_STACK)) {
                return template;
            }
            ObjectNode resources = (ObjectNode) template.path("Resources");
            java.util.Map<String, JsonNode> attachments = new java.util.HashMap<>();
            JsonNode secret = null;
            for (var entry : (Iterable<java.util.Map.Entry<String, JsonNode>>) resources::fields) {
                String type = entry.getValue().path("Type").asText();
                if (type.equals("AWS::SecretsManager::SecretTargetAttachment")) {
                    attachments.put(entry.getKey(), entry.getValue().path("Properties").path("SecretId"));
                } else if (type.equals("AWS::SecretsManager::Secret")) {
                    secret = entry.getValue();
                }
            }
            attachments.keySet().forEach(resources::remove);
            // What referred to an attachment (its Ref is the secret's ARN: the stack's export) refers to the secret.
            replaceRefs(template, attachments);
            if (secondSecret && secret != null) {
                resources.set("ReportingSecret", secret.deepCopy());
            }
            return template;
        };
    }

    private static void replaceRefs(JsonNode node, java.util.Map<String, JsonNode> replacements) {
        if (node instanceof ObjectNode object) {
            List<String> fields = new ArrayList<>();
            object.fieldNames().forEachRemaining(fields::add);
            for (String field : fields) {
                JsonNode value = object.get(field);
                if (value.isObject() && value.size() == 1 && value.has("Ref")
                        && replacements.containsKey(value.get("Ref").asText())) {
                    object.set(field, replacements.get(value.get("Ref").asText()).deepCopy());
                } else {
                    replaceRefs(value, replacements);
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                JsonNode value = node.get(i);
                if (value.isObject() && value.size() == 1 && value.has("Ref")
                        && replacements.containsKey(value.get("Ref").asText())) {
                    ((com.fasterxml.jackson.databind.node.ArrayNode) node).set(i,
                            replacements.get(value.get("Ref").asText()).deepCopy());
                } else {
                    replaceRefs(value, replacements);
                }
            }
        }
    }

    /** The secret the CDK app made for the instance (CloudFormation's generated name), whose password it has. */
    private SecretListEntry instanceSecret() {
        return aws.secrets.listSecrets().secretList().stream()
                .filter(s -> s.name().startsWith("GlassBoxstagingDatabaseInstanceSecret")).findFirst().orElseThrow();
    }

    private String password(String secret) {
        return String.valueOf(aws.secretDocument(secret).get("password"));
    }
}
