package io.glassbox.provisioner.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.glassbox.provisioner.spec.Environment;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The one rule of identity: the step's tag in its environment first, the deterministic name second. */
class IdentityTest {

    private record Live(String id, String name, Map<String, String> tags) {
    }

    private static Optional<Live> pick(List<Live> candidates) {
        return Identity.pick(StepId.of("database.instance"), Environment.STAGING, "RDS instance", "glassbox-staging",
                candidates, Live::tags, Live::name, Live::id);
    }

    private static final Map<String, String> STEP_TAGGED = Map.of("glassbox:step", "database.instance",
            "Environment", "staging");

    @Test
    void theStepTagWinsOverTheName() {
        Live taken = new Live("db-1", "glassbox-staging-database-instancec1063a87-x", STEP_TAGGED);
        Live named = new Live("db-2", "glassbox-staging", Map.of());
        assertThat(pick(List.of(named, taken))).contains(taken);
    }

    @Test
    void theNameIsTheFallback() {
        Live named = new Live("db-2", "glassbox-staging", Map.of("Environment", "staging"));
        Live other = new Live("db-3", "something-else", Map.of());
        assertThat(pick(List.of(other, named))).contains(named);
        assertThat(pick(List.of(other))).isEmpty();
    }

    @Test
    void anotherEnvironmentsOrAnotherStepsTagIsNotOurs() {
        Live production = new Live("db-4", "x", Map.of("glassbox:step", "database.instance", "Environment", "production"));
        Live cache = new Live("db-5", "y", Map.of("glassbox:step", "cache.replication-group", "Environment", "staging"));
        assertThat(pick(List.of(production, cache))).isEmpty();
    }

    @Test
    void twoClaimantsAreAnErrorNamingBoth() {
        assertThatThrownBy(() -> pick(List.of(new Live("db-1", "a", STEP_TAGGED), new Live("db-2", "b", STEP_TAGGED))))
                .isInstanceOf(ProvisionerException.class).hasMessageContaining("[db-1, db-2]");
        assertThatThrownBy(() -> pick(List.of(new Live("db-1", "glassbox-staging", Map.of()),
                new Live("db-2", "glassbox-staging", Map.of())))).hasMessageContaining("named glassbox-staging");
    }

    private static Optional<Live> pickTakenOver(List<Live> candidates, CloudFormationOrigin origin) {
        return Identity.pick(StepId.of("database.instance"), Environment.STAGING, "RDS instance", "glassbox-staging",
                candidates, Live::tags, Live::name, Live::id, Optional.of(origin), (l, id) -> l.id().equals(id));
    }

    @Test
    void aTakeoverFindsCloudFormationsResourceByItsIdFirstOfAll() {
        Live cdk = new Live("db-cdk", "glassbox-staging-database-instancec1063a87-x", Map.of());
        Live ours = new Live("db-ours", "glassbox-staging", STEP_TAGGED);
        CloudFormationOrigin origin = new CloudFormationOrigin("GlassBox-staging-Database", "InstanceC1063A87", "db-cdk");
        assertThat(pickTakenOver(List.of(ours, cdk), origin)).contains(cdk);
    }

    @Test
    void withoutAnIdCloudFormationsOwnTagsNameTheResource() {
        Live cdk = new Live("rg-cdk", "glassbox-staging-cache-redis-x", Map.of(
                CloudFormationOrigin.STACK_NAME_TAG, "GlassBox-staging-Cache", CloudFormationOrigin.LOGICAL_ID_TAG, "Redis"));
        Live otherStack = new Live("rg-other", "other", Map.of(
                CloudFormationOrigin.STACK_NAME_TAG, "GlassBox-production-Cache", CloudFormationOrigin.LOGICAL_ID_TAG, "Redis"));
        assertThat(pickTakenOver(List.of(otherStack, cdk), new CloudFormationOrigin("GlassBox-staging-Cache", "Redis", "")))
                .contains(cdk);
        // Neither the id nor CloudFormation's tags: the usual rule (step tag, then name) decides.
        Live named = new Live("rg-ours", "glassbox-staging", Map.of());
        assertThat(pickTakenOver(List.of(otherStack, named), new CloudFormationOrigin("GlassBox-staging-Cache", "Redis",
                "rg-gone"))).contains(named);
    }
}
