import { Stack, StackProps } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elasticache from 'aws-cdk-lib/aws-elasticache';
import { Construct } from 'constructs';
import { GlassBoxConfig } from './config';

/** ElastiCache has no L2 construct: the team used the L1 resources, names left to CloudFormation. */
export class CacheStack extends Stack {
  readonly replicationGroup: elasticache.CfnReplicationGroup;

  constructor(scope: Construct, id: string, config: GlassBoxConfig, vpc: ec2.IVpc, redisSg: ec2.ISecurityGroup,
              props?: StackProps) {
    super(scope, id, props);
    const production = config.envName === 'production';
    const subnets = new elasticache.CfnSubnetGroup(this, 'SubnetGroup', {
      description: 'GlassBox Redis',
      subnetIds: vpc.selectSubnets({ subnetType: ec2.SubnetType.PRIVATE_ISOLATED }).subnetIds,
    });
    this.replicationGroup = new elasticache.CfnReplicationGroup(this, 'Redis', {
      replicationGroupDescription: `GlassBox ${config.envName} Redis`,
      engine: 'redis',
      engineVersion: '7.1',
      cacheNodeType: config.cacheNodeType,
      numCacheClusters: config.cacheNodes,
      multiAzEnabled: production,
      automaticFailoverEnabled: production,
      transitEncryptionEnabled: true,
      atRestEncryptionEnabled: production,
      cacheSubnetGroupName: subnets.ref,
      securityGroupIds: [redisSg.securityGroupId],
      port: 6379,
    });
  }
}
