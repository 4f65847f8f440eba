package io.glassbox.verification.behaviour;

import static org.assertj.core.api.Assertions.assertThat;

import io.glassbox.verification.support.AwsProbe;
import io.glassbox.verification.support.CallRecorder;
import io.glassbox.verification.support.Cli;
import io.glassbox.verification.support.Images;
import io.glassbox.verification.support.LocalEmulator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Drift made out of band (a queue's visibility timeout, an extra ingress rule on the RDS SG, the bucket's
 * public access block removed; a service's desired count, an alarm's threshold, a log group's retention) shows
 * in plan, and deploy repairs exactly that and touches nothing else.
 */
class DriftIT {

    @Test
    void planListsEachDriftAndDeployRepairsOnlyThat() {
        LocalEmulator.reset();
        Cli.Result deployed = Cli.run("deploy", "--env", "staging", "--skip-data-plane");
        assertThat(deployed.exitCode()).as(deployed.toString()).isZero();
        String bucket = "glassbox-staging-files-" + AwsProbe.ACCOUNT;

        try (AwsProbe aws = new AwsProbe()) {
            String queueUrl = aws.sqs.getQueueUrl(r -> r.queueName("glassbox-staging-agent-jobs")).queueUrl();
            aws.sqs.setQueueAttributes(r -> r.queueUrl(queueUrl).attributesWithStrings(Map.of("VisibilityTimeout", "30")));
            String rdsGroup = aws.ec2.describeSecurityGroups(r -> r.filters(
                    Filter.builder().name("group-name").values("glassbox-staging-rds").build()))
                    .securityGroups().get(0).groupId();
            aws.ec2.authorizeSecurityGroupIngress(r -> r.groupId(rdsGroup).ipPermissions(IpPermission.builder()
                    .ipProtocol("tcp").fromPort(5432).toPort(5432)
                    .ipRanges(IpRange.builder().cidrIp("0.0.0.0/0").build()).build()));
            aws.s3.deletePublicAccessBlock(r -> r.bucket(bucket));

            Cli.Result plan = Cli.run("plan", "--env", "staging", "--detailed-exitcode", "--skip-data-plane");
            assertThat(plan.exitCode()).as(plan.toString()).isEqualTo(2);
            assertThat(plan.out())
                    .contains("~   SQS queue glassbox-staging-agent-jobs")
                    .contains("VisibilityTimeout: 30 → 600")
                    .contains("~   security group glassbox-staging-rds")
                    .contains("ingress: tcp 5432 0.0.0.0/0 → (none)")
                    .contains("~   S3 bucket " + bucket)
                    .contains("publicAccessBlock: (none) → all blocked")
                    .contains("Plan: 0 to create, 3 to update, 0 to replace, 0 to destroy.");

            CallRecorder recorder = new CallRecorder();
            Cli.Result repair = Cli.run(List.of(recorder), "deploy", "--env", "staging", "--skip-data-plane");
            assertThat(repair.exitCode()).as(repair.toString()).isZero();
            assertThat(recorder.resourceChanges()).containsExactlyInAnyOrder(
                    "Sqs.SetQueueAttributes", "Ec2.RevokeSecurityGroupIngress", "S3.PutPublicAccessBlock");

            assertThat(aws.sqs.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNamesWithStrings("VisibilityTimeout"))
                    .attributesAsStrings()).containsEntry("VisibilityTimeout", "600");
            assertThat(aws.ec2.describeSecurityGroups(r -> r.groupIds(rdsGroup)).securityGroups().get(0).ipPermissions())
                    .flatExtracting(IpPermission::ipRanges).isEmpty();
            try {
                assertThat(aws.s3.getPublicAccessBlock(r -> r.bucket(bucket)).publicAccessBlockConfiguration()
                        .restrictPublicBuckets()).isTrue();
            } catch (S3Exception e) {
                throw new AssertionError("public access block was not restored", e);
            }
            Cli.Result clean = Cli.run("plan", "--env", "staging", "--detailed-exitcode", "--skip-data-plane");
            assertThat(clean.exitCode()).as(clean.toString()).isZero();
        }
    }

    @Test
    void serviceCountAlarmThresholdAndLogRetentionDriftArePlannedAndRepaired() {
        LocalEmulator.reset();
        Cli.Result deployed = Cli.run("deploy", "--env", "staging", "--skip-data-plane");
        assertThat(deployed.exitCode()).as(deployed.toString()).isZero();

        try (AwsProbe aws = new AwsProbe()) {
            // Services that run: their images pushed and the deploy after it done, as in any live environment.
            Images.pushLatest(aws, "staging");
            Cli.Result running = Cli.run("deploy", "--env", "staging", "--skip-data-plane");
            assertThat(running.exitCode()).as(running.toString()).isZero();
            aws.ecs.updateService(r -> r.cluster("glassbox-staging").service("glassbox-staging-agent-worker")
                    .desiredCount(3));
            MetricAlarm alarm = aws.cloudWatch.describeAlarms(r -> r.alarmNames("glassbox-staging-rds-cpu"))
                    .metricAlarms().get(0);
            aws.cloudWatch.putMetricAlarm(r -> r.alarmName(alarm.alarmName()).threshold(95.0)
                    .comparisonOperator(alarm.comparisonOperator()).evaluationPeriods(alarm.evaluationPeriods())
                    .namespace(alarm.namespace()).metricName(alarm.metricName()).statistic(alarm.statistic())
                    .period(alarm.period()).dimensions(alarm.dimensions()).alarmActions(alarm.alarmActions())
                    .treatMissingData(alarm.treatMissingData()).alarmDescription(alarm.alarmDescription()));
            aws.logs.putRetentionPolicy(r -> r.logGroupName("/ecs/glassbox-staging/api").retentionInDays(7));

            Cli.Result plan = Cli.run("plan", "--env", "staging", "--detailed-exitcode", "--skip-data-plane");
            assertThat(plan.exitCode()).as(plan.toString()).isEqualTo(2);
            assertThat(plan.out())
                    .contains("~   ECS service glassbox-staging-agent-worker")
                    .contains("desiredCount: 3 → 1")
                    .contains("~   CloudWatch alarm glassbox-staging-rds-cpu")
                    .contains("threshold: 95.0 → 80.0")
                    .contains("~   log group /ecs/glassbox-staging/api")
                    .contains("retentionInDays: 7 → 30")
                    .contains("Plan: 0 to create, 3 to update, 0 to replace, 0 to destroy.");

            CallRecorder recorder = new CallRecorder();
            Cli.Result repair = Cli.run(List.of(recorder), "deploy", "--env", "staging", "--skip-data-plane");
            assertThat(repair.exitCode()).as(repair.toString()).isZero();
            assertThat(recorder.resourceChanges()).containsExactlyInAnyOrder(
                    "Ecs.UpdateService", "CloudWatch.PutMetricAlarm", "CloudWatchLogs.PutRetentionPolicy");

            assertThat(aws.ecs.describeServices(r -> r.cluster("glassbox-staging")
                    .services("glassbox-staging-agent-worker")).services().get(0).desiredCount()).isEqualTo(1);
            assertThat(aws.cloudWatch.describeAlarms(r -> r.alarmNames("glassbox-staging-rds-cpu")).metricAlarms()
                    .get(0).threshold()).isEqualTo(80.0);
            assertThat(aws.logs.describeLogGroups(r -> r.logGroupNamePrefix("/ecs/glassbox-staging/api")).logGroups()
                    .get(0).retentionInDays()).isEqualTo(30);
            Cli.Result clean = Cli.run("plan", "--env", "staging", "--detailed-exitcode", "--skip-data-plane");
            assertThat(clean.exitCode()).as(clean.toString()).isZero();
        }
    }
}
