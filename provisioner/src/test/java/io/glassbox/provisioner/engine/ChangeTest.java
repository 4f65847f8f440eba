package io.glassbox.provisioner.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.glassbox.provisioner.spec.Environment;
import io.glassbox.provisioner.spec.StackName;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ChangeTest {

    @Test
    void approvalIsNeededForReplacementsDeletionsAndBroadening() {
        assertThat(Change.create("x").needsApproval()).isFalse();
        assertThat(Change.update("VisibilityTimeout", 30, 600).needsApproval()).isFalse();
        assertThat(Change.replace("cidr", "10.1.0.0/16", "10.0.0.0/16").needsApproval()).isTrue();
        assertThat(Change.delete("x").needsApproval()).isTrue();
        assertThat(Change.broadening("ingress", null, "tcp 22 0.0.0.0/0").needsApproval()).isTrue();
    }

    @Test
    void describesOldAndNew() {
        assertThat(Change.update("VisibilityTimeout", 30, 600).describe()).isEqualTo("VisibilityTimeout: 30 → 600");
        assertThat(Change.update("ingress", "tcp 22 0.0.0.0/0", null).describe())
                .isEqualTo("ingress: tcp 22 0.0.0.0/0 → (none)");
        assertThat(Change.replace("cidr", "a", "b").describe()).endsWith("(requires replacement)");
    }

    @Test
    void planCountsByHeadlineAndListsApprovals() {
        StepPlan create = new StepPlan(StepId.of("n.a"), StackName.NETWORK, "VPC", "glassbox-staging",
                Optional.empty(), List.of(Change.create("VPC")));
        StepPlan replace = new StepPlan(StepId.of("n.b"), StackName.NETWORK, "subnet", "glassbox-staging-public-a",
                Optional.of("subnet-1"), List.of(Change.update("tags", "a", "b"), Change.replace("cidr", "x", "y")));
        StepPlan same = new StepPlan(StepId.of("n.c"), StackName.NETWORK, "subnet", "s", Optional.of("subnet-2"), List.of());
        Plan plan = new Plan(Environment.STAGING, List.of(create, replace, same), Map.of(), Map.of());
        assertThat(plan.count(ChangeKind.CREATE)).isEqualTo(1);
        assertThat(plan.count(ChangeKind.REPLACE)).isEqualTo(1);
        assertThat(plan.count(ChangeKind.UPDATE)).isZero();
        assertThat(plan.changesNeedingApproval())
                .containsExactly("subnet glassbox-staging-public-a: cidr: x → y  (requires replacement)");
    }
}
