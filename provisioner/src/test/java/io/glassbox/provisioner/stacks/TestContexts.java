package io.glassbox.provisioner.stacks;

import io.glassbox.provisioner.aws.AwsClients;
import io.glassbox.provisioner.aws.AwsSettings;
import io.glassbox.provisioner.engine.Outputs;
import io.glassbox.provisioner.engine.StepContext;
import io.glassbox.provisioner.spec.Environment;
import io.glassbox.provisioner.spec.EnvironmentSpecs;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** A step context for diff tests: clients are built lazily, so a diff that makes no call needs no network. */
public final class TestContexts {

    private TestContexts() {
    }

    public static StepContext context(Environment environment, Map<String, String> outputs) {
        return context(EnvironmentSpecs.forEnvironment(environment), outputs);
    }

    /** A context for {@code spec} (a release's, say) with {@code outputs} published. */
    public static StepContext context(io.glassbox.provisioner.spec.EnvironmentSpec spec, Map<String, String> outputs) {
        AwsClients clients = new AwsClients(new AwsSettings("us-east-1", Optional.empty(),
                Optional.of(StaticCredentialsProvider.create(AwsBasicCredentials.create("unit", "unit"))),
                Optional.empty(), List.of()));
        Outputs published = new Outputs();
        outputs.forEach(published::put);
        return new StepContext(clients, spec, published, false);
    }
}
