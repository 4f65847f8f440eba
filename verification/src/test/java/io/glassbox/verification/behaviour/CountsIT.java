package io.glassbox.verification.behaviour;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.glassbox.verification.support.AwsProbe;
import io.glassbox.verification.support.CallRecorder;
import io.glassbox.verification.support.Cli;
import io.glassbox.verification.support.LocalEmulator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.ec2.model.Filter;

/**
 * Plan, apply and summary count the same things (issue 22, item 4): a deploy's "changed" is the plan's creates,
 * updates and replacements, steps re-read after a dependency changed count only when they change; the data plane is
 * its own line, never a change. Destroy shows what it deletes and keeps before it asks (item 3), {@code plan
 * --destroy} shows it with read calls only, and the destroy's count is the plan's; what is already being deleted is
 * not deleted again.
 */
class CountsIT {

    private static final Filter STAGING = AwsProbe.tag("Environment", "staging");

    @Test
    void planDeployAndSummaryCountTheSameChangesAndTheDataPlaneApart() throws Exception {
        LocalEmulator.reset();
        Cli.Result first = Cli.run("deploy", "--env", "staging", "--json");
        assertThat(first.exitCode()).as(first.toString()).isZero();
        assertThat(changed(first)).as("every create and update the plan counted, and nothing else")
                .isEqualTo(planned(first)).isGreaterThan(70);
        assertThat(event(first, "summary").path("tasks_run")).extracting(JsonNode::asText)
                .containsExactlyInAnyOrder("database.extensions", "cache.readiness");
        assertThat(first.events("planned_task")).extracting(e -> e.path("step").asText())
                .containsExactlyInAnyOrder("database.extensions", "cache.readiness");

        Cli.Result again = Cli.run("deploy", "--env", "staging");
        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(again.out()).contains("No changes. The staging environment matches the spec.")
                .contains("Deploy complete: 0 changed, ").contains("Also ran, not counted as changes: ")
                .contains("Run by every deploy, not counted as changes:");

        try (AwsProbe aws = new AwsProbe()) {
            // Drift on one queue: the plan's one update is the deploy's one change, though the queue's dependents
            // (its alarm, the policies naming it) are read again after it.
            String queue = aws.sqs.getQueueUrl(r -> r.queueName("glassbox-staging-agent-jobs")).queueUrl();
            aws.sqs.setQueueAttributes(r -> r.queueUrl(queue).attributesWithStrings(Map.of("VisibilityTimeout", "31")));
        }
        Cli.Result drifted = Cli.run("deploy", "--env", "staging", "--json", "--skip-data-plane");
        assertThat(drifted.exitCode()).as(drifted.toString()).isZero();
        assertThat(event(drifted, "plan_summary").path("to_update").asLong()).isEqualTo(1);
        assertThat(planned(drifted)).isEqualTo(1);
        assertThat(changed(drifted)).isEqualTo(1);
        assertThat(event(drifted, "summary").path("tasks_run")).isEmpty();
    }

    @Test
    void destroyShowsWhatItDeletesAndKeepsFirstAndDeletesExactlyThat() throws Exception {
        LocalEmulator.reset();
        Cli.Result deployed = Cli.run("deploy", "--env", "staging", "--skip-data-plane");
        assertThat(deployed.exitCode()).as(deployed.toString()).isZero();
        try (AwsProbe aws = new AwsProbe()) {
            CallRecorder recorder = new CallRecorder();
            Cli.Result plan = Cli.run(List.of(recorder), "plan", "--destroy", "--env", "staging",
                    "--detailed-exitcode");
            assertThat(plan.exitCode()).as(plan.toString()).isEqualTo(2);
            assertThat(recorder.mutating()).as("plan --destroy deletes nothing").isEmpty();
            assertThat(plan.out()).contains("Destroy plan for staging (in the order destroy goes):")
                    .contains("  # GlassBox-staging-Network\n").contains("  -    VPC glassbox-staging (vpc-")
                    .contains("  kept log group /ecs/glassbox-staging/api: holds logs: kept unless --delete-logs")
                    .contains("  kept S3 bucket glassbox-staging-logs-" + AwsProbe.ACCOUNT)
                    .doesNotContain("PostgreSQL extensions").doesNotContain("Redis readiness");
            assertThat(plan.out().indexOf("# GlassBox-staging-Monitoring"))
                    .as("the stacks in the order destroy goes").isLessThan(plan.out().indexOf("# GlassBox-staging-Network"));
            long toDelete = number(plan.out(), "Destroy: (\\d+) to delete, 5 kept\\.");

            Cli.Result json = Cli.run("plan", "--destroy", "--env", "staging", "--json");
            JsonNode destroyPlan = event(json, "destroy_plan");
            assertThat(destroyPlan.path("to_delete").asLong()).isEqualTo(toDelete);
            assertThat(destroyPlan.path("resources")).hasSize((int) toDelete + 5);

            // Data the destroy may not delete: the plan says so, and destroy shows it, then refuses (exit 3).
            String files = "glassbox-staging-files-" + AwsProbe.ACCOUNT;
            aws.s3.putObject(r -> r.bucket(files).key("uploads/a.pdf"), RequestBody.fromString("data"));
            Cli.Result refused = Cli.run("destroy", "--env", "staging", "--yes");
            assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(3);
            assertThat(refused.out()).contains("Destroy plan for staging")
                    .contains("Refused, so nothing is deleted (each names the flag that allows it):")
                    .contains("S3 bucket " + files + " is not empty");
            aws.s3.deleteObject(r -> r.bucket(files).key("uploads/a.pdf"));

            // On a terminal the plan comes before the question; a wrong answer deletes nothing.
            recorder.clear();
            Cli.Result declined = Cli.runTyping("production", List.of(recorder), "destroy", "--env", "staging");
            assertThat(declined.exitCode()).as(declined.toString()).isEqualTo(3);
            assertThat(declined.out().indexOf("Destroy: " + toDelete + " to delete"))
                    .isNotNegative().isLessThan(declined.out().indexOf("Type 'staging' to go ahead"));
            assertThat(recorder.mutating()).isEmpty();
            assertThat(aws.ec2.describeVpcs(r -> r.filters(STAGING)).vpcs()).hasSize(1);

            Cli.Result destroyed = Cli.runTyping("staging", List.of(), "destroy", "--env", "staging");
            assertThat(destroyed.exitCode()).as(destroyed.toString()).isZero();
            assertThat(number(destroyed.out(), "Destroy complete: (\\d+) deleted, ")).isEqualTo(toDelete);
            assertThat(destroyed.out()).contains(" 5 kept, 0 failed");
            assertThat(aws.ec2.describeVpcs(r -> r.filters(STAGING)).vpcs()).isEmpty();

            // Again: the secrets and the key are scheduled for deletion, the logs kept: nothing is deleted again.
            recorder.clear();
            Cli.Result second = Cli.run(List.of(recorder), "destroy", "--env", "staging", "--yes");
            assertThat(second.exitCode()).as(second.toString()).isZero();
            assertThat(second.out()).contains("Destroy: 0 to delete, 5 kept, 3 already being deleted.")
                    .contains("..   secret glassbox/staging/database: already being deleted")
                    .doesNotContain("Destroy complete");
            assertThat(recorder.mutating()).isEmpty();
        }
    }

    private static long planned(Cli.Result run) throws Exception {
        JsonNode summary = event(run, "plan_summary");
        return summary.path("to_create").asLong() + summary.path("to_update").asLong()
                + summary.path("to_replace").asLong() + summary.path("to_destroy").asLong();
    }

    private static long changed(Cli.Result run) throws Exception {
        return event(run, "summary").path("counts").path("changed").asLong();
    }

    private static long number(String text, String pattern) {
        Matcher m = Pattern.compile(pattern).matcher(text);
        assertThat(m.find()).as(pattern + " in\n" + text).isTrue();
        return Long.parseLong(m.group(1));
    }

    private static JsonNode event(Cli.Result run, String name) throws Exception {
        List<JsonNode> found = run.events(name);
        assertThat(found).as(name + " in " + run).hasSize(1);
        return found.get(0);
    }
}
