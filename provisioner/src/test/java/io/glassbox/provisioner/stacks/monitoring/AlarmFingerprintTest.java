package io.glassbox.provisioner.stacks.monitoring;

import io.glassbox.provisioner.spec.ConfigException;
import io.glassbox.provisioner.spec.RdsMaxConnections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.glassbox.provisioner.engine.ProvisionerException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricAlarmRequest;

/** An alarm as CloudWatch returns it matches the request that made it; the connections threshold is 80 % of max. */
class AlarmFingerprintTest {

    private static PutMetricAlarmRequest request(double threshold) {
        return PutMetricAlarmRequest.builder().alarmName("glassbox-staging-rds-cpu").threshold(threshold)
                .comparisonOperator("GreaterThanThreshold").evaluationPeriods(1).treatMissingData("notBreaching")
                .alarmActions("arn:topic").namespace("AWS/RDS").metricName("CPUUtilization").statistic("Average")
                .period(300).dimensions(d -> d.name("DBInstanceIdentifier").value("glassbox-staging")).build();
    }

    private static MetricAlarm live(double threshold) {
        return MetricAlarm.builder().alarmName("glassbox-staging-rds-cpu").threshold(threshold)
                .comparisonOperator("GreaterThanThreshold").evaluationPeriods(1).treatMissingData("notBreaching")
                .alarmActions("arn:topic").namespace("AWS/RDS").metricName("CPUUtilization").statistic("Average")
                .period(300).dimensions(d -> d.name("DBInstanceIdentifier").value("glassbox-staging"))
                .stateValue("OK").build();
    }

    @Test
    void liveAlarmMatchesItsRequestAndAThresholdChangeShows() {
        assertThat(AlarmStep.fingerprint(live(80))).isEqualTo(AlarmStep.fingerprint(request(80)));
        assertThat(AlarmStep.fingerprint(live(95))).containsEntry("threshold", "95.0");
        assertThat(AlarmStep.fingerprint(live(95))).isNotEqualTo(AlarmStep.fingerprint(request(80)));
    }

    @Test
    void maxConnectionsFollowTheRdsFormula() {
        // LEAST(DBInstanceClassMemory / 9531392, 5000): 4 GiB → 450, 16 GiB → 1802, 256 GiB → capped at 5000.
        assertThat(RdsMaxConnections.of("db.t3.medium")).isEqualTo(450);
        assertThat(RdsMaxConnections.of("db.r6g.large")).isEqualTo(1802);
        assertThat(RdsMaxConnections.of("db.r6g.8xlarge")).isEqualTo(5000);
        assertThatThrownBy(() -> RdsMaxConnections.of("db.x9.huge")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("database.instanceClass").hasMessageContaining("db.x9.huge");
    }
}
