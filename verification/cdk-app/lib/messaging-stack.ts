import { Duration, Stack, StackProps } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { GlassBoxConfig } from './config';

export class MessagingStack extends Stack {
  readonly agentJobs: sqs.Queue;
  readonly fileProcessing: sqs.Queue;
  readonly deadLetterQueues: sqs.Queue[] = [];

  constructor(scope: Construct, id: string, config: GlassBoxConfig, props?: StackProps) {
    super(scope, id, props);
    this.agentJobs = this.queue('AgentJobs', `glassbox-${config.envName}-agent-jobs`, 600);
    this.fileProcessing = this.queue('FileProcessing', `glassbox-${config.envName}-file-processing`, 300);
  }

  private queue(id: string, name: string, visibilitySeconds: number): sqs.Queue {
    const dlq = new sqs.Queue(this, `${id}Dlq`, {
      queueName: `${name}-dlq`, retentionPeriod: Duration.days(14), encryption: sqs.QueueEncryption.SQS_MANAGED,
    });
    this.deadLetterQueues.push(dlq);
    return new sqs.Queue(this, id, {
      queueName: name,
      visibilityTimeout: Duration.seconds(visibilitySeconds),
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      deadLetterQueue: { queue: dlq, maxReceiveCount: 3 },
    });
  }
}
