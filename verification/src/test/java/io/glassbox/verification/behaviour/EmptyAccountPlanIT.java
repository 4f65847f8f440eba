package io.glassbox.verification.behaviour;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.glassbox.verification.support.AwsProbe;
import io.glassbox.verification.support.CallRecorder;
import io.glassbox.verification.support.Cli;
import io.glassbox.verification.support.LocalEmulator;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Plan against an empty account: only reads, every resource listed as a create, and nothing appears. */
class EmptyAccountPlanIT {

    @BeforeEach
    void emptyAccount() {
        LocalEmulator.reset();
    }

    @ParameterizedTest
    // Network: vpc, igw, subnets, EIPs+NATs, route tables, 4 SGs and the group-to-group rules of 3 of them (23
    // staging, 33 production); Database: subnet
    // and parameter groups, secret, instance, 3 parameters (7); Cache: subnet group, replication group (2); Storage:
    // bucket (1); Messaging: 4 queues.
    // Auth: pool, client, domain, 3 parameters (6). Compute: LLM secret, 2 repositories, cluster, execution role,
    // 3 x (task role, task definition, service), load balancer, target group, certificate, 2 listeners, scaling
    // (20). Monitoring: 3 log groups, topic, dashboard, 7 alarms (12; no email subscription without alarmEmail).
    // The data plane (extensions, Redis readiness) is planned as checks, never as changes.
    @CsvSource({"staging,82", "production,92"})
    void everyResourceIsACreateAndNothingIsCalledThatWrites(String env, int resources) throws Exception {
        CallRecorder recorder = new CallRecorder();
        Cli.Result plan = Cli.run(List.of(recorder), "plan", "--env", env, "--detailed-exitcode", "--json");
        assertThat(plan.exitCode()).as(plan.toString()).isEqualTo(2);
        assertThat(recorder.all()).isNotEmpty();
        assertThat(recorder.mutating()).isEmpty();

        List<JsonNode> changes = new ArrayList<>();
        List<String> checks = new ArrayList<>();
        JsonNode summary = null;
        ObjectMapper json = new ObjectMapper();
        for (String line : plan.out().strip().split("\n")) {
            JsonNode event = json.readTree(line);
            switch (event.path("event").asText()) {
                case "planned_change" -> changes.add(event);
                case "planned_task" -> checks.add(event.path("step").asText());
                case "plan_summary" -> summary = event;
                default -> { }
            }
        }
        assertThat(changes).hasSize(resources);
        assertThat(checks).containsExactlyInAnyOrder("database.extensions", "cache.readiness");
        assertThat(summary).isNotNull();
        assertThat(summary.path("to_create").asInt()).as("the summary counts what the plan lists").isEqualTo(resources);
        assertThat(changes).allSatisfy(c -> assertThat(c.path("action").asText()).isEqualTo("create"));

        try (AwsProbe aws = new AwsProbe()) {
            assertThat(aws.ec2.describeVpcs(r -> r.filters(AwsProbe.tag("Project", "glassbox"))).vpcs()).isEmpty();
            assertThat(aws.s3.listBuckets().buckets()).isEmpty();
            assertThat(aws.sqs.listQueues().queueUrls()).isEmpty();
            assertThat(aws.rds.describeDBInstances().dbInstances()).isEmpty();
            assertThat(aws.elastiCache.describeReplicationGroups().replicationGroups()).isEmpty();
            assertThat(aws.secrets.listSecrets().secretList()).isEmpty();
            assertThat(aws.ecs.listClusters().clusterArns()).isEmpty();
            assertThat(aws.elb.describeLoadBalancers().loadBalancers()).isEmpty();
            assertThat(aws.iam.listRoles().roles()).noneMatch(r -> r.roleName().startsWith("glassbox-"));
            assertThat(aws.cloudWatch.describeAlarms().metricAlarms()).isEmpty();
            assertThat(aws.acm.listCertificates().certificateSummaryList()).isEmpty();
        }
    }
}
