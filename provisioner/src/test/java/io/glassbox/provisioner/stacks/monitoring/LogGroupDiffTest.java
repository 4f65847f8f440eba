package io.glassbox.provisioner.stacks.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.glassbox.provisioner.aws.ResourceTags;
import io.glassbox.provisioner.spec.Environment;
import io.glassbox.provisioner.spec.ServiceKind;
import io.glassbox.provisioner.spec.StackName;
import io.glassbox.provisioner.stacks.TestContexts;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogGroup;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogGroupClass;

/** What CloudWatch Logs sets by itself (stored bytes, class, ARNs) is no change; the logs are data. */
class LogGroupDiffTest {

    @Test
    void valuesCloudWatchLogsSetsByItselfAreNoChange() {
        LogGroup group = LogGroup.builder().logGroupName("/ecs/glassbox-staging/api").retentionInDays(30)
                .storedBytes(987_654_321L).metricFilterCount(2).logGroupClass(LogGroupClass.STANDARD)
                .arn("arn:aws:logs:us-east-1:1:log-group:/ecs/glassbox-staging/api:*")
                .logGroupArn("arn:aws:logs:us-east-1:1:log-group:/ecs/glassbox-staging/api").creationTime(1L).build();
        assertThat(new LogGroupStep(ServiceKind.API).diff(TestContexts.context(Environment.STAGING, Map.of()),
                new LogGroupStep.LiveLogGroup(group, ResourceTags.of(Environment.STAGING, StackName.MONITORING, "monitoring.log-group.api"))))
                .isEmpty();
    }
}
