package io.glassbox.provisioner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.glassbox.provisioner.engine.Change;
import io.glassbox.provisioner.engine.Plan;
import io.glassbox.provisioner.engine.StepId;
import io.glassbox.provisioner.engine.StepPlan;
import io.glassbox.provisioner.spec.Environment;
import io.glassbox.provisioner.spec.StackName;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PlanPrinterTest {

    @Test
    void rendersLikeTerraformGroupedByStack() {
        Plan plan = new Plan(Environment.STAGING, List.of(
                new StepPlan(StepId.of("messaging.queue.agent-jobs"), StackName.MESSAGING, "SQS queue",
                        "glassbox-staging-agent-jobs", Optional.of("https://q"),
                        List.of(Change.update("VisibilityTimeout", 30, 600))),
                new StepPlan(StepId.of("network.vpc"), StackName.NETWORK, "VPC", "glassbox-staging",
                        Optional.empty(), List.of(Change.create("VPC 10.0.0.0/16"))),
                new StepPlan(StepId.of("network.subnet.public-a"), StackName.NETWORK, "subnet",
                        "glassbox-staging-public-a", Optional.of("subnet-1"),
                        List.of(Change.replace("cidr", "10.0.5.0/24", "10.0.0.0/24")))),
                Map.of(), Map.of());
        assertThat(PlanPrinter.render(plan)).containsExactly(
                "Plan for staging:",
                "",
                "  # GlassBox-staging-Network",
                "  +   VPC glassbox-staging",
                "        VPC 10.0.0.0/16",
                "  -/+ subnet glassbox-staging-public-a (subnet-1)",
                "        cidr: 10.0.5.0/24 → 10.0.0.0/24  (requires replacement)",
                "",
                "  # GlassBox-staging-Messaging",
                "  ~   SQS queue glassbox-staging-agent-jobs (https://q)",
                "        VisibilityTimeout: 30 → 600",
                "",
                "Plan: 1 to create, 1 to update, 1 to replace, 0 to destroy.");
    }

    @Test
    void noChangesSaysSo() {
        Plan plan = new Plan(Environment.PRODUCTION, List.of(), Map.of(), Map.of());
        assertThat(PlanPrinter.render(plan)).containsExactly("No changes. The production environment matches the spec.");
    }

    @Test
    void anIncompletePlanNeverSaysNoChanges() {
        Plan plan = new Plan(Environment.STAGING, List.of(new StepPlan(StepId.of("messaging.queue.agent-jobs"),
                StackName.MESSAGING, "SQS queue", "glassbox-staging-agent-jobs", Optional.of("https://q"), List.of())),
                Map.of(StepId.of("network.vpc"), "cannot reach AWS: connection refused"), Map.of());
        List<String> lines = PlanPrinter.render(plan);
        assertThat(lines).first().asString().isEqualTo("The plan for staging is incomplete: 1 step(s) could not be"
                + " read (listed below); what could be read:");
        assertThat(lines).noneMatch(line -> line.contains("No changes"));
    }

    @Test
    void aReplacementThatDeletesDataAndANoticeAreShown() {
        Plan plan = new Plan(Environment.PRODUCTION, List.of(
                new StepPlan(StepId.of("database.instance"), StackName.DATABASE, "RDS instance", "glassbox-production",
                        Optional.of("glassbox-production"), List.of(Change.replace("storageEncrypted", false, true)),
                        List.of("RDS instance glassbox-production would be replaced: --delete-protected-database allows it"),
                        List.of()),
                new StepPlan(StepId.of("cache.replication-group"), StackName.CACHE, "ElastiCache replication group",
                        "glassbox-production", Optional.of("glassbox-production"), List.of(), List.of(),
                        List.of("engineVersion 8.0.1 is newer than the spec's 7.x"))),
                Map.of(), Map.of());
        assertThat(PlanPrinter.render(plan)).contains(
                "        ! refused, deletes data: RDS instance glassbox-production would be replaced:"
                        + " --delete-protected-database allows it",
                "Notices (nothing is changed for these):",
                "  ! ElastiCache replication group glassbox-production: engineVersion 8.0.1 is newer than the spec's 7.x");
        assertThat(plan.dataLossRefusals()).hasSize(1);
    }

    @Test
    void aNoticeAloneIsNoChange() {
        Plan plan = new Plan(Environment.PRODUCTION, List.of(new StepPlan(StepId.of("database.instance"),
                StackName.DATABASE, "RDS instance", "glassbox-production", Optional.of("glassbox-production"), List.of(),
                List.of(), List.of("allocatedStorageGb 600 is above the configured maximum of 500"))), Map.of(), Map.of());
        assertThat(plan.hasChanges()).isFalse();
        assertThat(PlanPrinter.render(plan)).startsWith("No changes. The production environment matches the spec.")
                .contains("  ! RDS instance glassbox-production: allocatedStorageGb 600 is above the configured maximum of 500");
    }

    @Test
    void theDataPlaneIsShownApartAndNeverCountedAsAChange() {
        Plan plan = new Plan(Environment.STAGING, List.of(
                new StepPlan(StepId.of("network.vpc"), StackName.NETWORK, "VPC", "glassbox-staging",
                        Optional.empty(), List.of(Change.create("VPC 10.0.0.0/16"))),
                StepPlan.task(StepId.of("database.extensions"), StackName.DATABASE, "PostgreSQL extensions",
                        "vector", Optional.empty(), List.of(Change.create("CREATE EXTENSION vector once the database is"
                                + " available")))), Map.of(), Map.of());
        assertThat(plan.count(io.glassbox.provisioner.engine.ChangeKind.CREATE)).isEqualTo(1);
        assertThat(PlanPrinter.render(plan)).contains("Plan: 1 to create, 0 to update, 0 to replace, 0 to destroy.",
                "Run by every deploy, not counted as changes:",
                "  run PostgreSQL extensions: CREATE EXTENSION vector once the database is available")
                .noneMatch(line -> line.startsWith("  +   PostgreSQL"));

        Plan checkedOnly = new Plan(Environment.STAGING, List.of(StepPlan.task(StepId.of("cache.readiness"),
                StackName.CACHE, "Redis readiness", "PING", Optional.of("checked at deploy, from the control plane"),
                List.of())), Map.of(), Map.of());
        assertThat(checkedOnly.hasChanges()).isFalse();
        assertThat(PlanPrinter.render(checkedOnly)).startsWith("No changes. The staging environment matches the spec.")
                .contains("  run Redis readiness PING: checked at deploy, from the control plane");
    }

    @Test
    void aDestroyPlanListsEachStackInDestroyOrderWithWhatIsKeptAndWhy() {
        io.glassbox.provisioner.engine.DestroyPlan destroy = new io.glassbox.provisioner.engine.DestroyPlan(
                Environment.STAGING, new Plan(Environment.STAGING, List.of(), Map.of(), Map.of()), List.of(
                entry("monitoring.log-group.api", StackName.MONITORING, "log group", "/ecs/glassbox-staging/api",
                        io.glassbox.provisioner.engine.DestroyPlan.Fate.KEEP),
                entry("monitoring.key", StackName.MONITORING, "KMS key", "alias/glassbox-staging",
                        io.glassbox.provisioner.engine.DestroyPlan.Fate.ALREADY_DELETING),
                entry("network.vpc", StackName.NETWORK, "VPC", "glassbox-staging",
                        io.glassbox.provisioner.engine.DestroyPlan.Fate.DELETE)), List.of());
        assertThat(DestroyPlanPrinter.render(destroy)).containsExactly(
                "Destroy plan for staging (in the order destroy goes):",
                "",
                "  # GlassBox-staging-Monitoring",
                "  kept log group /ecs/glassbox-staging/api (id-monitoring.log-group.api): holds logs",
                "  ..   KMS key alias/glassbox-staging (id-monitoring.key): already being deleted",
                "",
                "  # GlassBox-staging-Network",
                "  -    VPC glassbox-staging (id-network.vpc)",
                "",
                "Destroy: 1 to delete, 1 kept, 1 already being deleted.");
    }

    private static io.glassbox.provisioner.engine.DestroyPlan.Entry entry(String step, StackName stack, String type,
                                                                          String name,
                                                                          io.glassbox.provisioner.engine.DestroyPlan.Fate fate) {
        return new io.glassbox.provisioner.engine.DestroyPlan.Entry(StepId.of(step), stack, type, name,
                Optional.of("id-" + step), fate, fate == io.glassbox.provisioner.engine.DestroyPlan.Fate.KEEP
                        ? Optional.of("holds logs") : Optional.empty());
    }
}
