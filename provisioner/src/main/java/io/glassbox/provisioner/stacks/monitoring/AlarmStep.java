package io.glassbox.provisioner.stacks.monitoring;

import io.glassbox.provisioner.aws.ResourceTags;
import io.glassbox.provisioner.engine.Change;
import io.glassbox.provisioner.engine.ResourceStep;
import io.glassbox.provisioner.engine.StepContext;
import io.glassbox.provisioner.spec.StackName;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricAlarmRequest;
import software.amazon.awssdk.services.cloudwatch.model.Tag;

/**
 * One CloudWatch alarm {@code glassbox-{env}-{suffix}} notifying the alarm topic. PutMetricAlarm replaces
 * the whole alarm, so any difference (threshold, period, metric, action) is repaired by one call.
 */
public final class AlarmStep extends ResourceStep<AlarmStep.LiveAlarm> {

    /** The alarm and its tags. */
    record LiveAlarm(MetricAlarm alarm, Map<String, String> tags) {
    }

    private final AlarmDefinition definition;

    public AlarmStep(AlarmDefinition definition) {
        super(id(definition.suffix()), StackName.MONITORING, Stream.concat(Stream.of(TopicStep.ID),
                definition.dependencies().stream()).toArray(String[]::new));
        this.definition = definition;
    }

    public static String id(String suffix) {
        return "monitoring.alarm." + suffix;
    }

    @Override
    public String resourceType() {
        return "CloudWatch alarm";
    }

    @Override
    public String resourceName(StepContext context) {
        return context.naming().alarm(definition.suffix());
    }

    @Override
    protected Optional<LiveAlarm> find(StepContext context) {
        CloudWatchClient cloudWatch = context.aws().cloudWatch();
        // One DescribeAlarms for every alarm named glassbox-{env}-..., shared by the alarm steps of a plan.
        List<MetricAlarm> all = context.reads().get("cloudwatch.alarms", () -> cloudWatch.describeAlarmsPaginator(
                r -> r.alarmNamePrefix(context.naming().base() + "-")).metricAlarms().stream().toList());
        Optional<MetricAlarm> alarm = all.stream().filter(a -> a.alarmName().equals(resourceName(context))).findFirst();
        if (alarm.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> tags = new LinkedHashMap<>();
        cloudWatch.listTagsForResource(r -> r.resourceARN(alarm.get().alarmArn())).tags()
                .forEach(t -> tags.put(t.key(), t.value()));
        return Optional.of(new LiveAlarm(alarm.get(), tags));
    }

    @Override
    protected String idOf(LiveAlarm live) {
        return live.alarm().alarmArn();
    }

    @Override
    protected Map<String, String> tagsOf(LiveAlarm live) {
        return live.tags();
    }

    private PutMetricAlarmRequest request(StepContext context) {
        String topic = context.outputs().getOrUnknown(TopicStep.OUTPUT_ARN);
        return definition.metric().apply(context).alarmName(resourceName(context))
                .alarmDescription("GlassBox " + context.spec().environment().id() + ": " + definition.description())
                .actionsEnabled(true).alarmActions(topic).build();
    }

    @Override
    protected List<Change> diff(StepContext context, LiveAlarm live) {
        Map<String, String> desired = fingerprint(request(context));
        Map<String, String> observed = fingerprint(live.alarm());
        List<Change> changes = new ArrayList<>();
        TreeSet<String> paths = new TreeSet<>(desired.keySet());
        paths.addAll(observed.keySet());
        for (String path : paths) {
            if (!Objects.equals(desired.get(path), observed.get(path))) {
                changes.add(Change.update(path, observed.get(path), desired.get(path)));
            }
        }
        tagChange(tags(context), live.tags()).ifPresent(changes::add);
        return changes;
    }

    /** The attributes the alarm is made of, flattened; numbers compared as numbers. */
    static Map<String, String> fingerprint(PutMetricAlarmRequest r) {
        return fingerprint(r.threshold(), r.comparisonOperatorAsString(), r.evaluationPeriods(), r.treatMissingData(),
                r.alarmActions(), r.namespace(), r.metricName(), r.statisticAsString(), r.extendedStatistic(),
                r.period(), r.dimensions(), r.metrics());
    }

    static Map<String, String> fingerprint(MetricAlarm a) {
        return fingerprint(a.threshold(), a.comparisonOperatorAsString(), a.evaluationPeriods(), a.treatMissingData(),
                a.alarmActions(), a.namespace(), a.metricName(), a.statisticAsString(), a.extendedStatistic(),
                a.period(), a.dimensions(), a.metrics());
    }

    private static Map<String, String> fingerprint(Double threshold, String comparison, Integer evaluationPeriods,
                                                   String missingData, List<String> actions, String namespace,
                                                   String metric, String statistic, String extendedStatistic,
                                                   Integer period, List<Dimension> dimensions,
                                                   List<MetricDataQuery> queries) {
        Map<String, String> print = new TreeMap<>();
        print.put("threshold", threshold == null ? null : String.valueOf(threshold.doubleValue()));
        print.put("comparisonOperator", comparison);
        print.put("evaluationPeriods", String.valueOf(evaluationPeriods));
        print.put("treatMissingData", missingData);
        print.put("alarmActions", String.valueOf(new TreeSet<>(actions)));
        if (queries.isEmpty()) {
            print.put("metric", namespace + " " + metric + " " + (extendedStatistic != null ? extendedStatistic
                    : statistic) + " " + period + "s " + dimensions(dimensions));
        }
        for (MetricDataQuery q : queries) {
            print.put("metrics." + q.id(), q.expression() != null ? q.expression() + " returnData=" + q.returnData()
                    : q.metricStat().metric().namespace() + " " + q.metricStat().metric().metricName() + " "
                    + q.metricStat().stat() + " " + q.metricStat().period() + "s "
                    + dimensions(q.metricStat().metric().dimensions()) + " returnData=" + q.returnData());
        }
        return print;
    }

    private static String dimensions(List<Dimension> dimensions) {
        return String.valueOf(dimensions.stream().map(d -> d.name() + "=" + d.value()).sorted().toList());
    }

    @Override
    protected String createSummary(StepContext context) {
        return definition.description() + ", notifying " + context.naming().alarmTopic();
    }

    @Override
    protected LiveAlarm create(StepContext context) {
        put(context);
        return find(context).orElseThrow();
    }

    private void put(StepContext context) {
        context.outputs().require(TopicStep.OUTPUT_ARN);
        PutMetricAlarmRequest request = request(context).toBuilder().tags(cloudWatchTags(tags(context))).build();
        context.aws().cloudWatch().putMetricAlarm(request);
    }

    @Override
    protected void update(StepContext context, LiveAlarm live, List<Change> changes) {
        if (touchesMoreThanTags(changes)) {
            put(context);
        } else {
            context.aws().cloudWatch().tagResource(r -> r.resourceARN(live.alarm().alarmArn())
                    .tags(cloudWatchTags(ResourceTags.missing(tags(context), live.tags()))));
        }
    }

    private static List<Tag> cloudWatchTags(Map<String, String> tags) {
        return tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
    }

    @Override
    protected void publish(StepContext context, LiveAlarm live) {
        context.outputs().put(id().value() + ".arn", live.alarm().alarmArn());
    }

    @Override
    protected void delete(StepContext context, LiveAlarm live) {
        context.aws().cloudWatch().deleteAlarms(r -> r.alarmNames(live.alarm().alarmName()));
    }

    private Map<String, String> tags(StepContext context) {
        return ResourceTags.of(context.spec().environment(), StackName.MONITORING, id().value());
    }
}
