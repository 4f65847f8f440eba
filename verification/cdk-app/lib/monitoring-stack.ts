import { Duration, Stack, StackProps } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { GlassBoxConfig } from './config';

export class MonitoringStack extends Stack {
  constructor(scope: Construct, id: string, config: GlassBoxConfig, loadBalancer: elbv2.ApplicationLoadBalancer,
              database: rds.DatabaseInstance, deadLetterQueues: sqs.IQueue[], props?: StackProps) {
    super(scope, id, props);
    const topic = new sns.Topic(this, 'Alarms', { topicName: `glassbox-${config.envName}-alarms` });
    const notify = new actions.SnsAction(topic);
    const fiveMinutes = Duration.minutes(5);
    const latency = loadBalancer.metrics.targetResponseTime({ statistic: 'p99', period: fiveMinutes });
    const cpu = database.metricCPUUtilization({ period: fiveMinutes });
    const alarms = [
      latency.createAlarm(this, 'ApiLatency', { threshold: 5, evaluationPeriods: 1 }),
      cpu.createAlarm(this, 'RdsCpu', { threshold: 80, evaluationPeriods: 1 }),
      ...deadLetterQueues.map((dlq, i) => dlq.metricApproximateNumberOfMessagesVisible({ period: fiveMinutes })
        .createAlarm(this, `Dlq${i}`, { threshold: 0, evaluationPeriods: 1,
          comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD })),
    ];
    alarms.forEach((alarm) => alarm.addAlarmAction(notify));
    new cloudwatch.Dashboard(this, 'Dashboard', {
      dashboardName: `glassbox-${config.envName}`,
      widgets: [[new cloudwatch.GraphWidget({ title: 'API Latency', left: [latency] }),
        new cloudwatch.GraphWidget({ title: 'RDS CPU', left: [cpu] })]],
    });
  }
}
