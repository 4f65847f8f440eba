#!/usr/bin/env node
import { App, DefaultStackSynthesizer } from 'aws-cdk-lib';
import { AuthStack } from '../lib/auth-stack';
import { CacheStack } from '../lib/cache-stack';
import { ComputeStack } from '../lib/compute-stack';
import { configFor } from '../lib/config';
import { DatabaseStack } from '../lib/database-stack';
import { MessagingStack } from '../lib/messaging-stack';
import { MonitoringStack } from '../lib/monitoring-stack';
import { NetworkStack } from '../lib/network-stack';
import { StorageStack } from '../lib/storage-stack';

// The GlassBox CDK app as its team wrote it from the spec: eight stacks per environment, names left to CDK and
// CloudFormation wherever the spec does not fix them.
const app = new App();
// Environment-agnostic stacks without the bootstrap version check: the emulator has no CDK bootstrap stack.
const props = () => ({ synthesizer: new DefaultStackSynthesizer({ generateBootstrapVersionRule: false }) });
for (const envName of ['staging', 'production'] as const) {
  const config = configFor(envName);
  const prefix = `GlassBox-${envName}`;
  const network = new NetworkStack(app, `${prefix}-Network`, config, props());
  const database = new DatabaseStack(app, `${prefix}-Database`, config, network.vpc, network.rdsSg, props());
  const cache = new CacheStack(app, `${prefix}-Cache`, config, network.vpc, network.redisSg, props());
  const storage = new StorageStack(app, `${prefix}-Storage`, config, props());
  const messaging = new MessagingStack(app, `${prefix}-Messaging`, config, props());
  const auth = new AuthStack(app, `${prefix}-Auth`, config, props());
  const compute = new ComputeStack(app, `${prefix}-Compute`, config, {
    vpc: network.vpc, albSg: network.albSg, ecsSg: network.ecsSg, database: database.instance,
    redisEndpoint: cache.replicationGroup.attrPrimaryEndPointAddress, bucket: storage.bucket,
    agentJobs: messaging.agentJobs, fileProcessing: messaging.fileProcessing,
  }, props());
  compute.addDependency(auth); // the services read the Cognito parameters
  new MonitoringStack(app, `${prefix}-Monitoring`, config, compute.loadBalancer, database.instance,
    messaging.deadLetterQueues, props());
}
