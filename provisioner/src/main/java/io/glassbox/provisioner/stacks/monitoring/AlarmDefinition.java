package io.glassbox.provisioner.stacks.monitoring;

import io.glassbox.provisioner.engine.StepContext;
import java.util.List;
import java.util.function.Function;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricAlarmRequest;

/**
 * One alarm of the spec: its name suffix ({@code glassbox-{env}-rds-cpu}), what it watches in words, the
 * steps whose outputs its metric needs, and the metric, threshold and period as a partial PutMetricAlarm
 * request (name, actions and tags are added by {@link AlarmStep}).
 */
record AlarmDefinition(String suffix, String description, List<String> dependencies,
                       Function<StepContext, PutMetricAlarmRequest.Builder> metric) {
}
