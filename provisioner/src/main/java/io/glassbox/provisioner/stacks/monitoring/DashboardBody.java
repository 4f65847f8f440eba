package io.glassbox.provisioner.stacks.monitoring;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.glassbox.provisioner.engine.StepContext;
import io.glassbox.provisioner.spec.QueueSpec;
import io.glassbox.provisioner.spec.ServiceKind;
import java.util.List;

/**
 * The dashboard's body (CloudWatch "Dashboard Body Structure and Syntax"): the spec's eight widgets, in its
 * order, two per row, on the real metrics of this environment's load balancer, services, database, cache
 * and queues.
 */
final class DashboardBody {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final int WIDTH = 12;
    private static final int HEIGHT = 6;

    private DashboardBody() {
    }

    static ObjectNode of(StepContext context) {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode widgets = body.putArray("widgets");
        String region = context.aws().region();
        String lb = Alarms.loadBalancer(context);
        String cluster = context.naming().base();
        String db = Alarms.database(context);
        List<QueueSpec> queues = context.spec().messaging().queues();

        ArrayNode requests = JSON.createArrayNode();
        requests.add(metric("AWS/ApplicationELB", "RequestCount", "LoadBalancer", lb, "Sum", null));
        add(widgets, "API Request Count", region, requests);

        ArrayNode latency = JSON.createArrayNode();
        for (String p : List.of("p50", "p95", "p99")) {
            latency.add(metric("AWS/ApplicationELB", "TargetResponseTime", "LoadBalancer", lb, p, p));
        }
        add(widgets, "API Latency (p50, p95, p99)", region, latency);

        ArrayNode errors = JSON.createArrayNode();
        errors.add(expression("IF(requests > 0, 100 * (FILL(targetErrors, 0) + FILL(elbErrors, 0)) / requests, 0)",
                "5xx rate (%)", "errorRate"));
        errors.add(hidden(metric("AWS/ApplicationELB", "HTTPCode_Target_5XX_Count", "LoadBalancer", lb, "Sum", null),
                "targetErrors"));
        errors.add(hidden(metric("AWS/ApplicationELB", "HTTPCode_ELB_5XX_Count", "LoadBalancer", lb, "Sum", null),
                "elbErrors"));
        errors.add(hidden(metric("AWS/ApplicationELB", "RequestCount", "LoadBalancer", lb, "Sum", null), "requests"));
        add(widgets, "API Error Rate", region, errors);

        ArrayNode ecs = JSON.createArrayNode();
        for (ServiceKind service : ServiceKind.values()) {
            for (String name : List.of("CPUUtilization", "MemoryUtilization")) {
                ArrayNode m = JSON.createArrayNode();
                m.add("AWS/ECS").add(name).add("ClusterName").add(cluster).add("ServiceName")
                        .add(Alarms.service(context, service));
                m.addObject().put("stat", "Average").put("label", service.id() + " " + name);
                ecs.add(m);
            }
        }
        add(widgets, "ECS CPU/Memory Utilization", region, ecs);

        ArrayNode rds = JSON.createArrayNode();
        for (String name : List.of("CPUUtilization", "DatabaseConnections", "FreeStorageSpace")) {
            rds.add(metric("AWS/RDS", name, "DBInstanceIdentifier", db, "Average", name));
        }
        add(widgets, "RDS CPU/Connections/Disk", region, rds);

        ArrayNode redis = JSON.createArrayNode();
        for (String node : Alarms.redisNodes(context)) {
            redis.add(metric("AWS/ElastiCache", "DatabaseMemoryUsagePercentage", "CacheClusterId", node, "Average",
                    node + " memory %"));
            redis.add(metric("AWS/ElastiCache", "CurrConnections", "CacheClusterId", node, "Maximum",
                    node + " connections"));
        }
        add(widgets, "Redis Memory/Connections", region, redis);

        ArrayNode depth = JSON.createArrayNode();
        ArrayNode dlq = JSON.createArrayNode();
        for (QueueSpec queue : queues) {
            depth.add(metric("AWS/SQS", "ApproximateNumberOfMessagesVisible", "QueueName",
                    context.naming().queue(queue.baseName()), "Maximum", queue.baseName()));
            dlq.add(metric("AWS/SQS", "ApproximateNumberOfMessagesVisible", "QueueName",
                    context.naming().deadLetterQueue(queue.baseName()), "Maximum", queue.baseName() + "-dlq"));
        }
        add(widgets, "SQS Queue Depth", region, depth);
        add(widgets, "SQS DLQ Messages", region, dlq);
        return body;
    }

    private static void add(ArrayNode widgets, String title, String region, ArrayNode metrics) {
        int index = widgets.size();
        ObjectNode widget = widgets.addObject();
        widget.put("type", "metric").put("x", (index % 2) * WIDTH).put("y", (index / 2) * HEIGHT)
                .put("width", WIDTH).put("height", HEIGHT);
        ObjectNode properties = widget.putObject("properties");
        properties.put("title", title).put("region", region).put("view", "timeSeries").put("period", 300);
        properties.set("metrics", metrics);
    }

    private static ArrayNode metric(String namespace, String name, String dimension, String value, String stat,
                                    String label) {
        ArrayNode m = JSON.createArrayNode();
        m.add(namespace).add(name).add(dimension).add(value);
        ObjectNode options = m.addObject().put("stat", stat);
        if (label != null) {
            options.put("label", label);
        }
        return m;
    }

    private static ArrayNode hidden(ArrayNode metric, String id) {
        ((ObjectNode) metric.get(metric.size() - 1)).put("id", id).put("visible", false);
        return metric;
    }

    private static ArrayNode expression(String expression, String label, String id) {
        ArrayNode m = JSON.createArrayNode();
        m.addObject().put("expression", expression).put("label", label).put("id", id);
        return m;
    }
}
