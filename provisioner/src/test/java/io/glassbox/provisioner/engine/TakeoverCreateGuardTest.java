package io.glassbox.provisioner.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.glassbox.provisioner.aws.AwsClients;
import io.glassbox.provisioner.aws.AwsSettings;
import io.glassbox.provisioner.spec.Environment;
import io.glassbox.provisioner.spec.EnvironmentSpecs;
import io.glassbox.provisioner.spec.StackName;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * A resource a takeover names that cannot be found is never created again beside it (a second service or VPC), unless
 * the step makes it anew by design when claiming. An in-memory resource, no network.
 */
class TakeoverCreateGuardTest {

    /** A resource that is never found. */
    private static final class Missing extends ResourceStep<String> {
        final List<String> calls = new ArrayList<>();
        final boolean createdByClaim;

        Missing(boolean createdByClaim) {
            super("test.service", StackName.COMPUTE);
            this.createdByClaim = createdByClaim;
        }

        @Override public String resourceType() { return "service"; }
        @Override public String resourceName(StepContext context) { return "glassbox-staging-api"; }
        @Override protected Optional<String> find(StepContext context) { return Optional.empty(); }
        @Override protected boolean createdByClaim(StepContext context) { return createdByClaim; }
        @Override protected String idOf(String live) { return live; }
        @Override protected Map<String, String> tagsOf(String live) { return Map.of(); }
        @Override protected List<Change> diff(StepContext context, String live) { return List.of(); }
        @Override protected String createSummary(StepContext context) { return "service"; }
        @Override protected String create(StepContext context) { calls.add("create"); return "svc-2"; }
        @Override protected void update(StepContext context, String live, List<Change> changes) { }
        @Override protected void publish(StepContext context, String live) { }
        @Override protected void delete(StepContext context, String live) { }
    }

    private static StepContext context(Map<StepId, CloudFormationOrigin> takeovers) {
        AwsClients clients = new AwsClients(new AwsSettings("us-east-1", Optional.empty(),
                Optional.of(StaticCredentialsProvider.create(AwsBasicCredentials.create("unit", "unit"))),
                Optional.empty(), List.of()));
        return new StepContext(clients, EnvironmentSpecs.forEnvironment(Environment.STAGING), new Outputs(), true,
                RunOptions.defaults(), SharedReads.none(), takeovers);
    }

    private static final CloudFormationOrigin ORIGIN = new CloudFormationOrigin("GlassBox-staging-Compute",
            "ApiServiceC9037CF0", "arn:aws:ecs:us-east-1:1:service/glassbox-staging/GlassBox-staging-Compute-Api");

    @Test
    void aMissingTakenOverResourceStopsTheStepInsteadOfASecondOne() {
        Missing step = new Missing(false);
        assertThatThrownBy(() -> step.apply(context(Map.of(step.id(), ORIGIN))))
                .isInstanceOf(ProvisionerException.class)
                .hasMessage("service glassbox-staging-api taken over from GlassBox-staging-Compute/ApiServiceC9037CF0"
                        + " (arn:aws:ecs:us-east-1:1:service/glassbox-staging/GlassBox-staging-Compute-Api) is not found:"
                        + " no other is created beside it; check that it still exists and run again");
        assertThat(step.calls).isEmpty();
    }

    @Test
    void withoutATakeoverOrForWhatAClaimMakesAnewItIsCreated() {
        Missing plain = new Missing(false);
        plain.apply(context(Map.of()));
        assertThat(plain.calls).containsExactly("create");
        Missing copied = new Missing(true);
        copied.apply(context(Map.of(copied.id(), ORIGIN)));
        assertThat(copied.calls).containsExactly("create");
    }
}
