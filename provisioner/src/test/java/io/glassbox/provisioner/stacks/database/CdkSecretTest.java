package io.glassbox.provisioner.stacks.database;

import static org.assertj.core.api.Assertions.assertThat;

import io.glassbox.provisioner.engine.StepContext;
import io.glassbox.provisioner.spec.Environment;
import io.glassbox.provisioner.stacks.TestContexts;
import io.glassbox.provisioner.stacks.secrets.JsonSecretStep;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;

/**
 * The CDK app's database secret (what rds.Credentials.fromGeneratedSecret and its SecretTargetAttachment write:
 * username, password, engine, host, port, dbname, dbInstanceIdentifier; no url) taken over as ours: its password is
 * never part of a change, and its host counts as unwritten until the url beside it is ours, so the RDS step writes
 * host and url once, keeping every other key.
 */
class CdkSecretTest {

    private static final String PASSWORD = "cdk-generated-password-0123";

    @Test
    void theCdkSecretKeepsItsPasswordAndGetsAUrl() {
        StepContext context = TestContexts.context(Environment.PRODUCTION, Map.of());
        JsonSecretStep.LiveSecret cdk = new JsonSecretStep.LiveSecret(DescribeSecretResponse.builder()
                .name("glassbox/production/database").arn("arn:secret").build(),
                Map.of("username", "glassbox", "password", PASSWORD, "engine", "postgres",
                        "host", "glassbox-production-database-instancec1063a87-x.rds.amazonaws.com", "port", 5432,
                        "dbname", "glassbox", "dbInstanceIdentifier", "glassbox-production-database-instancec1063a87-x"));
        DatabaseSecretStep step = new DatabaseSecretStep();
        assertThat(step.documentChanges(context, cdk)).as("username, port and dbname already match").isEmpty();
        step.publish(context, cdk);
        assertThat(context.outputs().get(DatabaseSecretStep.OUTPUT_HOST))
                .as("no url yet: the RDS step writes host and url").isEmpty();
        assertThat(DatabaseUrl.of(cdk.document(), "h")).contains("glassbox:" + PASSWORD + "@h:5432/glassbox");
    }
}
