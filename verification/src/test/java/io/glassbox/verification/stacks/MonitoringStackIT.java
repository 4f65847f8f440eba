package io.glassbox.verification.stacks;

import static io.glassbox.verification.support.AwsProbe.ACCOUNT;
import static io.glassbox.verification.support.AwsProbe.expectedTags;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.glassbox.verification.support.AwsProbe;
import io.glassbox.verification.support.Cli;
import io.glassbox.verification.support.LocalEmulator;
import io.glassbox.verification.support.Owned;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;

/**
 * Every row of the spec's Monitoring stack for both environments: log groups and retention, the alarm topic
 * (production with an email subscription from the config), the dashboard's eight widgets on the real
 * resources, and the six alarms with their thresholds, periods and the topic as action.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MonitoringStackIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final AwsProbe aws = new AwsProbe();
    private final Owned owned = new Owned(aws);

    @BeforeAll
    void deployBothEnvironments() throws Exception {
        LocalEmulator.reset();
        Path config = io.glassbox.verification.support.Scratch.file("glassbox", ".yaml");
        Files.writeString(config, "alarmEmail: oncall@example.com\n");
        Cli.Result staging = Cli.run("deploy", "--env", "staging", "--skip-data-plane");
        assertThat(staging.exitCode()).as(staging.toString()).isZero();
        Cli.Result production = Cli.run("deploy", "--env", "production", "--skip-data-plane", "--config", config.toString());
        assertThat(production.exitCode()).as(production.toString()).isZero();
    }

    @AfterAll
    void close() {
        aws.close();
    }

    /** A setting removed from the config is a change back to the spec (issue 22, item 6): the subscription goes. */
    @Test
    void anAddressTheConfigNoLongerNamesIsUnsubscribed() throws Exception {
        Path first = io.glassbox.verification.support.Scratch.file("glassbox", ".yaml");
        Path second = io.glassbox.verification.support.Scratch.file("glassbox", ".yaml");
        try {
            Files.writeString(first, "alarmEmail: first@example.com\n");
            Files.writeString(second, "alarmEmail: second@example.com\n");
            Cli.Result subscribed = Cli.run("deploy", "--env", "staging", "--stack", "Monitoring", "--skip-data-plane",
                    "--config", first.toString());
            assertThat(subscribed.exitCode()).as(subscribed.toString()).isZero();
            Cli.Result changed = Cli.run("deploy", "--env", "staging", "--stack", "Monitoring", "--skip-data-plane",
                    "--config", second.toString());
            assertThat(changed.exitCode()).as(changed.toString()).isZero();
            assertThat(aws.sns.listSubscriptionsByTopic(r -> r.topicArn(topicArn("staging"))).subscriptions())
                    .extracting(s -> s.endpoint()).containsExactly("second@example.com");

            Cli.Result plan = Cli.run("plan", "--env", "staging", "--stack", "Monitoring", "--skip-data-plane",
                    "--detailed-exitcode");
            assertThat(plan.exitCode()).as("removing alarmEmail is a change: " + plan).isEqualTo(2);
            assertThat(plan.out()).contains("emails: second@example.com → (none)");
            Cli.Result removed = Cli.run("deploy", "--env", "staging", "--stack", "Monitoring", "--skip-data-plane");
            assertThat(removed.exitCode()).as(removed.toString()).isZero();
            assertThat(aws.sns.listSubscriptionsByTopic(r -> r.topicArn(topicArn("staging"))).subscriptions()).isEmpty();
        } finally {
            Files.deleteIfExists(first);
            Files.deleteIfExists(second);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void maxConnectionsIsSetSoTheConnectionsAlarmIsExactlyEightyPercentOfIt(String env) {
        // The instance's own parameter group (a taken-over instance keeps CloudFormation's id, not the group's name).
        String group = "glassbox-" + env + "-postgres16";
        String max = aws.rds.describeDBParameters(r -> r.dbParameterGroupName(group).source("user")).parameters()
                .stream().filter(p -> p.parameterName().equals("max_connections")).findFirst().orElseThrow()
                .parameterValue();
        assertThat(max).isEqualTo(env.equals("staging") ? "450" : "1802");
        double threshold = aws.cloudWatch.describeAlarms(r -> r.alarmNames("glassbox-" + env + "-rds-connections"))
                .metricAlarms().get(0).threshold();
        assertThat(threshold).isEqualTo(Math.floor(Long.parseLong(max) * 0.8));
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void logGroupsKeepThirtyDays(String env) {
        var groups = aws.logs.describeLogGroups(r -> r.logGroupNamePrefix("/ecs/glassbox-" + env + "/")).logGroups();
        assertThat(groups).extracting(g -> g.logGroupName()).containsExactlyInAnyOrder("/ecs/glassbox-" + env + "/api",
                "/ecs/glassbox-" + env + "/agent-worker", "/ecs/glassbox-" + env + "/file-worker");
        assertThat(groups).allSatisfy(g -> {
            assertThat(g.retentionInDays()).isEqualTo(30);
            assertThat(aws.logs.listTagsForResource(r -> r.resourceArn(g.logGroupArn())).tags())
                    .containsAllEntriesOf(expectedTags(env, "Monitoring", null));
        });
    }

    private String topicArn(String env) {
        return "arn:aws:sns:us-east-1:" + ACCOUNT + ":glassbox-" + env + "-alarms";
    }

    @Test
    void alarmTopicWithTheConfiguredEmailSubscription() {
        for (String env : List.of("staging", "production")) {
            assertThat(aws.sns.listTagsForResource(r -> r.resourceArn(topicArn(env))).tags())
                    .extracting(t -> t.key() + "=" + t.value()).contains("Stack=GlassBox-" + env + "-Monitoring");
        }
        assertThat(aws.sns.listSubscriptionsByTopic(r -> r.topicArn(topicArn("production"))).subscriptions())
                .singleElement().satisfies(s -> {
                    assertThat(s.protocol()).isEqualTo("email");
                    assertThat(s.endpoint()).isEqualTo("oncall@example.com");
                });
        assertThat(aws.sns.listSubscriptionsByTopic(r -> r.topicArn(topicArn("staging"))).subscriptions())
                .as("no alarmEmail configured").isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void dashboardHasTheSpecsEightWidgetsOnTheRealResources(String env) throws Exception {
        JsonNode body = JSON.readTree(aws.cloudWatch.getDashboard(r -> r.dashboardName("glassbox-" + env)).dashboardBody());
        List<String> titles = new ArrayList<>();
        body.path("widgets").forEach(w -> titles.add(w.path("properties").path("title").asText()));
        assertThat(titles).containsExactly("API Request Count", "API Latency (p50, p95, p99)", "API Error Rate",
                "ECS CPU/Memory Utilization", "RDS CPU/Connections/Disk", "Redis Memory/Connections",
                "SQS Queue Depth", "SQS DLQ Messages");
        String lbArn = owned.loadBalancer(env).loadBalancerArn();
        String lbDimension = lbArn.substring(lbArn.indexOf(":loadbalancer/") + ":loadbalancer/".length());
        String text = body.toString();
        assertThat(text).contains("\"LoadBalancer\",\"" + lbDimension + "\"")
                .contains("\"ServiceName\",\"" + owned.service(env, "agent-worker").serviceName() + "\"")
                .contains("\"DBInstanceIdentifier\",\"" + owned.dbInstance(env).dbInstanceIdentifier() + "\"")
                .contains("\"CacheClusterId\",\"" + owned.replicationGroup(env).replicationGroupId() + "-001\"")
                .contains("\"QueueName\",\"glassbox-" + env + "-file-processing-dlq\"")
                .contains("\"p99\"");
    }

    private Map<String, MetricAlarm> alarms(String env) {
        return aws.cloudWatch.describeAlarms(r -> r.alarmNamePrefix("glassbox-" + env + "-")).metricAlarms().stream()
                .collect(Collectors.toMap(MetricAlarm::alarmName, a -> a));
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void sixAlarmsOneDlqAlarmPerDlqAllNotifyingTheTopic(String env) {
        Map<String, MetricAlarm> alarms = alarms(env);
        String p = "glassbox-" + env + "-";
        assertThat(alarms).containsOnlyKeys(p + "api-5xx-rate", p + "api-latency-p99", p + "rds-cpu",
                p + "rds-connections", p + "redis-memory", p + "dlq-agent-jobs", p + "dlq-file-processing");
        assertThat(alarms.values()).allSatisfy(a -> {
            assertThat(a.alarmActions()).containsExactly(topicArn(env));
            assertThat(a.comparisonOperatorAsString()).isEqualTo("GreaterThanThreshold");
            assertThat(a.evaluationPeriods()).isEqualTo(1);
            assertThat(aws.cloudWatch.listTagsForResource(r -> r.resourceARN(a.alarmArn())).tags())
                    .extracting(t -> t.key() + "=" + t.value()).contains("ManagedBy=glassbox-provisioner");
        });
    }

    @ParameterizedTest
    @CsvSource({
            "staging,rds-cpu,80.0,CPUUtilization,Average",
            "staging,rds-connections,360.0,DatabaseConnections,Maximum",
            "production,rds-connections,1441.0,DatabaseConnections,Maximum",
            "staging,redis-memory,80.0,DatabaseMemoryUsagePercentage,Average",
            "staging,dlq-agent-jobs,0.0,ApproximateNumberOfMessagesVisible,Maximum",
            "production,dlq-file-processing,0.0,ApproximateNumberOfMessagesVisible,Maximum"})
    void singleMetricAlarmsHaveTheSpecsThresholdsOverFiveMinutes(String env, String suffix, double threshold,
                                                                 String metric, String statistic) {
        MetricAlarm alarm = alarms(env).get("glassbox-" + env + "-" + suffix);
        assertThat(alarm.threshold()).isEqualTo(threshold);
        assertThat(alarm.metricName()).isEqualTo(metric);
        assertThat(alarm.statisticAsString()).isEqualTo(statistic);
        assertThat(alarm.period()).isEqualTo(300);
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void apiAlarmsWatchTheLoadBalancer(String env) {
        Map<String, MetricAlarm> alarms = alarms(env);
        MetricAlarm latency = alarms.get("glassbox-" + env + "-api-latency-p99");
        assertThat(latency.metricName()).isEqualTo("TargetResponseTime");
        assertThat(latency.extendedStatistic()).isEqualTo("p99");
        assertThat(latency.threshold()).isEqualTo(5.0);
        assertThat(latency.period()).isEqualTo(300);
        MetricAlarm errors = alarms.get("glassbox-" + env + "-api-5xx-rate");
        assertThat(errors.threshold()).isEqualTo(5.0);
        assertThat(errors.metrics()).filteredOn(q -> q.returnData()).singleElement()
                .satisfies(q -> assertThat(q.expression()).contains("100 *").contains("/ requests"));
        assertThat(errors.metrics()).filteredOn(q -> q.metricStat() != null).allSatisfy(q -> {
            assertThat(q.metricStat().period()).isEqualTo(300);
            assertThat(q.metricStat().metric().dimensions()).singleElement()
                    .satisfies(d -> assertThat(d.value()).startsWith("app/" + owned.loadBalancer(env).loadBalancerName()
                            + "/"));
        });
        MetricAlarm redis = alarms.get("glassbox-" + env + "-redis-memory");
        if (env.equals("production")) {
            // Two nodes: the highest of the two.
            assertThat(redis.metrics()).filteredOn(q -> q.returnData()).singleElement()
                    .satisfies(q -> assertThat(q.expression()).startsWith("MAX("));
        }
    }
}
