package io.glassbox.provisioner.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.glassbox.provisioner.aws.AwsClients;
import io.glassbox.provisioner.aws.AwsSettings;
import io.glassbox.provisioner.aws.ResourceTags;
import io.glassbox.provisioner.spec.Environment;
import io.glassbox.provisioner.spec.EnvironmentSpecs;
import io.glassbox.provisioner.spec.StackName;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The engine's rule for replacements (the cause of a lost production database): a replacement of something that
 * holds data is refused, in the plan and again in apply, unless the operator named that data; approval alone
 * replaces stateless resources only. An in-memory resource, no network.
 */
class ReplacementGuardTest {

    /** A live resource holding objects whose one immutable attribute differs from the spec. */
    private static final class Vault extends ResourceStep<String> {
        final List<String> calls = new ArrayList<>();
        final boolean holdsData;

        Vault(boolean holdsData) {
            super("test.vault", StackName.STORAGE);
            this.holdsData = holdsData;
        }

        @Override public String resourceType() { return "vault"; }
        @Override public String resourceName(StepContext context) { return "glassbox-staging-vault"; }
        @Override protected Optional<String> find(StepContext context) { return Optional.of("vault-1"); }
        @Override protected String idOf(String live) { return live; }
        @Override protected Map<String, String> tagsOf(String live) {
            return ResourceTags.of(Environment.STAGING, StackName.STORAGE, "test.vault");
        }
        @Override protected List<Change> diff(StepContext context, String live) {
            return List.of(Change.replace("region", "eu-west-1", "us-east-1"));
        }
        @Override protected String createSummary(StepContext context) { return "vault"; }
        @Override protected String create(StepContext context) { calls.add("create"); return "vault-2"; }
        @Override protected void update(StepContext context, String live, List<Change> changes) { calls.add("update"); }
        @Override protected void publish(StepContext context, String live) { }
        @Override protected void delete(StepContext context, String live) { calls.add("delete"); }
        @Override protected Optional<String> refuseDelete(StepContext context, String live) {
            return holdsData && !context.options().mayDelete(DeletableData.OBJECTS)
                    ? Optional.of("vault " + live + " holds objects (--delete-objects deletes them)") : Optional.empty();
        }
    }

    private static StepContext context(boolean approved, Set<DeletableData> deletable) {
        AwsClients clients = new AwsClients(new AwsSettings("us-east-1", Optional.empty(),
                Optional.of(StaticCredentialsProvider.create(AwsBasicCredentials.create("unit", "unit"))),
                Optional.empty(), List.of()));
        return new StepContext(clients, EnvironmentSpecs.forEnvironment(Environment.STAGING), new Outputs(), approved,
                RunOptions.defaults().deleting(deletable));
    }

    @Test
    void thePlanNamesTheDataAReplacementWouldDelete() {
        StepPlan plan = new Vault(true).plan(context(false, Set.of()));
        assertThat(plan.dataLoss()).containsExactly("vault vault-1 holds objects (--delete-objects deletes them)");
        Plan whole = new Plan(Environment.STAGING, List.of(plan), Map.of(), Map.of());
        assertThat(whole.dataLossRefusals()).hasSize(1);
        assertThat(new Vault(true).plan(context(false, Set.of(DeletableData.OBJECTS))).dataLoss()).isEmpty();
        assertThat(new Vault(false).plan(context(false, Set.of())).dataLoss()).isEmpty();
    }

    @Test
    void approvalAloneNeverDeletesData() {
        Vault vault = new Vault(true);
        assertThatThrownBy(() -> vault.apply(context(true, Set.of()))).isInstanceOf(RefusedException.class)
                .hasMessageContaining("would be replaced, which deletes its data");
        assertThat(vault.calls).as("nothing was deleted or created").isEmpty();
    }

    @Test
    void anotherKindsFlagDoesNotAllowIt() {
        Vault vault = new Vault(true);
        assertThatThrownBy(() -> vault.apply(context(true, Set.of(DeletableData.IMAGES, DeletableData.DATABASE))))
                .isInstanceOf(RefusedException.class);
        assertThat(vault.calls).isEmpty();
    }

    @Test
    void theNamedDataOrAStatelessResourceIsReplacedWithApproval() {
        Vault named = new Vault(true);
        named.apply(context(true, Set.of(DeletableData.OBJECTS)));
        assertThat(named.calls).containsExactly("delete", "create");
        Vault stateless = new Vault(false);
        stateless.apply(context(true, Set.of()));
        assertThat(stateless.calls).containsExactly("delete", "create");
    }

    @Test
    void withoutApprovalEvenAStatelessReplacementIsRefused() {
        Vault stateless = new Vault(false);
        assertThatThrownBy(() -> stateless.apply(context(false, Set.of()))).isInstanceOf(RefusedException.class)
                .hasMessageContaining("needs approval");
        assertThat(stateless.calls).isEmpty();
    }
}
