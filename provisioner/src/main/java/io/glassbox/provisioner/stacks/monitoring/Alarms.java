package io.glassbox.provisioner.stacks.monitoring;

import io.glassbox.provisioner.engine.StepContext;
import io.glassbox.provisioner.spec.ServiceKind;
import io.glassbox.provisioner.spec.EnvironmentSpec;
import io.glassbox.provisioner.spec.MonitoringSpec;
import io.glassbox.provisioner.spec.QueueSpec;
import io.glassbox.provisioner.stacks.cache.ReplicationGroupStep;
import io.glassbox.provisioner.stacks.compute.LoadBalancerStep;
import io.glassbox.provisioner.stacks.compute.ServiceStep;
import io.glassbox.provisioner.stacks.database.DbInstanceStep;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricAlarmRequest;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;

/**
 * The spec's six alarms ("Monitoring Stack", "Alarms"), the DLQ one once per dead-letter queue. Each fires
 * when its metric is above the threshold for one 5-minute period and notifies the alarm topic.
 */
public final class Alarms {

    private Alarms() {
    }

    public static List<AlarmDefinition> all(EnvironmentSpec spec) {
        MonitoringSpec m = spec.monitoring();
        List<AlarmDefinition> alarms = new ArrayList<>();
        alarms.add(new AlarmDefinition("api-5xx-rate", "API 5xx responses above " + m.api5xxRatePercent()
                + " % of requests for 5 min", List.of(LoadBalancerStep.ID), c -> api5xxRate(c, m)));
        alarms.add(new AlarmDefinition("api-latency-p99", "API p99 latency above " + m.apiLatencyP99Seconds()
                + " s for 5 min", List.of(LoadBalancerStep.ID), c -> single(m, m.apiLatencyP99Seconds())
                .namespace("AWS/ApplicationELB").metricName("TargetResponseTime").extendedStatistic("p99")
                .dimensions(dimension("LoadBalancer", loadBalancer(c)))));
        alarms.add(new AlarmDefinition("rds-cpu", "RDS CPU above " + m.rdsCpuPercent() + " % for 5 min",
                List.of(DbInstanceStep.ID), c -> single(m, m.rdsCpuPercent()).namespace("AWS/RDS")
                .metricName("CPUUtilization").statistic(Statistic.AVERAGE)
                .dimensions(dimension("DBInstanceIdentifier", database(c)))));
        alarms.add(new AlarmDefinition("rds-connections", "RDS connections above " + m.rdsConnectionsPercent()
                + " % of max_connections for 5 min", List.of(DbInstanceStep.ID), c -> single(m, connectionThreshold(c, m))
                .namespace("AWS/RDS").metricName("DatabaseConnections").statistic(Statistic.MAXIMUM)
                .dimensions(dimension("DBInstanceIdentifier", database(c)))));
        alarms.add(new AlarmDefinition("redis-memory", "Redis memory above " + m.redisMemoryPercent()
                + " % for 5 min", List.of(ReplicationGroupStep.ID), c -> redisMemory(c, m)));
        for (QueueSpec queue : spec.messaging().queues()) {
            alarms.add(new AlarmDefinition("dlq-" + queue.baseName(), "messages in the " + queue.baseName()
                    + " dead-letter queue", List.of(), c -> single(m, m.dlqMessages()).namespace("AWS/SQS")
                    .metricName("ApproximateNumberOfMessagesVisible").statistic(Statistic.MAXIMUM)
                    .dimensions(dimension("QueueName", c.naming().deadLetterQueue(queue.baseName())))));
        }
        return alarms;
    }

    /** Threshold, comparison, one evaluation period; missing data (no traffic) is not breaching. */
    private static PutMetricAlarmRequest.Builder base(MonitoringSpec m, double threshold) {
        return PutMetricAlarmRequest.builder().threshold(threshold)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD).evaluationPeriods(1)
                .treatMissingData("notBreaching");
    }

    private static PutMetricAlarmRequest.Builder single(MonitoringSpec m, double threshold) {
        return base(m, threshold).period(m.alarmPeriodSeconds());
    }

    /** 5xx (from the targets and from the ALB itself) as a percentage of requests. */
    private static PutMetricAlarmRequest.Builder api5xxRate(StepContext context, MonitoringSpec m) {
        String lb = loadBalancer(context);
        return base(m, m.api5xxRatePercent()).metrics(
                metric("targetErrors", "AWS/ApplicationELB", "HTTPCode_Target_5XX_Count", "Sum", m, "LoadBalancer", lb),
                metric("elbErrors", "AWS/ApplicationELB", "HTTPCode_ELB_5XX_Count", "Sum", m, "LoadBalancer", lb),
                metric("requests", "AWS/ApplicationELB", "RequestCount", "Sum", m, "LoadBalancer", lb),
                MetricDataQuery.builder().id("errorRate").label("5xx rate (%)").returnData(true)
                        .expression("IF(requests > 0, 100 * (FILL(targetErrors, 0) + FILL(elbErrors, 0)) / requests, 0)")
                        .build());
    }

    /** The highest memory use among the replication group's nodes ({@code glassbox-{env}-001}, …). */
    private static PutMetricAlarmRequest.Builder redisMemory(StepContext context, MonitoringSpec m) {
        List<String> nodes = redisNodes(context);
        if (nodes.size() == 1) {
            return single(m, m.redisMemoryPercent()).namespace("AWS/ElastiCache")
                    .metricName("DatabaseMemoryUsagePercentage").statistic(Statistic.AVERAGE)
                    .dimensions(dimension("CacheClusterId", nodes.get(0)));
        }
        List<MetricDataQuery> queries = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            queries.add(metric("node" + (i + 1), "AWS/ElastiCache", "DatabaseMemoryUsagePercentage", "Average", m,
                    "CacheClusterId", nodes.get(i)));
        }
        queries.add(MetricDataQuery.builder().id("highest").label("highest node memory (%)").returnData(true)
                .expression("MAX([" + String.join(", ", queries.stream().map(MetricDataQuery::id).toList()) + "])")
                .build());
        return base(m, m.redisMemoryPercent()).metrics(queries);
    }

    /**
     * Member clusters of a cluster-mode-off replication group are named {@code {group}-001}, {@code -002}, …, after
     * the live group (one taken over keeps CloudFormation's id); before it exists, after the one to be created.
     */
    static List<String> redisNodes(StepContext context) {
        String group = context.outputs().get(ReplicationGroupStep.OUTPUT_ID).orElse(context.naming().base());
        return IntStream.rangeClosed(1, context.spec().cache().nodeCount())
                .mapToObj(i -> String.format("%s-%03d", group, i)).toList();
    }

    /** The live instance's identifier (one taken over keeps CloudFormation's); before it exists, the one to be created. */
    static String database(StepContext context) {
        return context.outputs().get(DbInstanceStep.OUTPUT_ID).orElse(context.naming().base());
    }

    /** The live service's name (one taken over keeps CloudFormation's); before it exists, the one to be created. */
    static String service(StepContext context, ServiceKind service) {
        return context.outputs().get(ServiceStep.outputName(service)).orElse(context.naming().service(service));
    }

    static double connectionThreshold(StepContext context, MonitoringSpec m) {
        // Of the max_connections the parameter group sets (DbParameterGroupStep), not of a guess at RDS's default.
        return Math.floor(context.spec().database().maxConnections() * m.rdsConnectionsPercent() / 100.0);
    }

    private static MetricDataQuery metric(String id, String namespace, String name, String stat, MonitoringSpec m,
                                          String dimension, String value) {
        return MetricDataQuery.builder().id(id).returnData(false).metricStat(s -> s.period(m.alarmPeriodSeconds())
                .stat(stat).metric(x -> x.namespace(namespace).metricName(name).dimensions(dimension(dimension, value))))
                .build();
    }

    static String loadBalancer(StepContext context) {
        return context.outputs().getOrUnknown(LoadBalancerStep.OUTPUT_METRIC_ID);
    }

    private static Dimension dimension(String name, String value) {
        return Dimension.builder().name(name).value(value).build();
    }
}
