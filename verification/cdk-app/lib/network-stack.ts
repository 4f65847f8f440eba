import { Stack, StackProps } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Construct } from 'constructs';
import { GlassBoxConfig } from './config';

/**
 * The spec's layout: public 10.0.0-2.0/24, private 10.0.10-12.0/24, isolated 10.0.20-22.0/24. ec2.Vpc allocates
 * subnets one after another, so the team gave it the exact CIDRs through IIpAddresses.
 */
class SpecSubnetCidrs implements ec2.IIpAddresses {
  constructor(private readonly azCount: number) {}

  allocateVpcCidr(): ec2.VpcIpamOptions {
    return { cidrBlock: '10.0.0.0/16' };
  }

  allocateSubnetsCidr(input: ec2.AllocateCidrRequest): ec2.SubnetIpamOptions {
    const third: Record<string, number> = { public: 0, private: 10, isolated: 20 };
    const allocated = input.requestedSubnets.map((requested) => {
      const zone = input.requestedSubnets.filter((r) => r.configuration.name === requested.configuration.name)
        .indexOf(requested);
      return { cidr: `10.0.${third[requested.configuration.name] + zone}.0/24` };
    });
    return { allocatedSubnets: allocated };
  }
}

export class NetworkStack extends Stack {
  readonly vpc: ec2.Vpc;
  readonly albSg: ec2.SecurityGroup;
  readonly ecsSg: ec2.SecurityGroup;
  readonly rdsSg: ec2.SecurityGroup;
  readonly redisSg: ec2.SecurityGroup;

  constructor(scope: Construct, id: string, config: GlassBoxConfig, props?: StackProps) {
    super(scope, id, props);
    this.vpc = new ec2.Vpc(this, 'Vpc', {
      ipAddresses: new SpecSubnetCidrs(config.azCount),
      availabilityZones: ['us-east-1a', 'us-east-1b', 'us-east-1c'].slice(0, config.azCount),
      natGateways: config.natGateways,
      restrictDefaultSecurityGroup: false,
      subnetConfiguration: [
        { name: 'public', subnetType: ec2.SubnetType.PUBLIC, cidrMask: 24 },
        { name: 'private', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, cidrMask: 24 },
        { name: 'isolated', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 24 },
      ],
    });

    this.albSg = new ec2.SecurityGroup(this, 'AlbSecurityGroup', {
      vpc: this.vpc, description: 'GlassBox ALB', allowAllOutbound: false,
    });
    this.albSg.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(80), 'HTTP');
    this.albSg.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(443), 'HTTPS');
    this.albSg.addEgressRule(ec2.Peer.ipv4(this.vpc.vpcCidrBlock), ec2.Port.allTraffic(), 'All to VPC');

    this.ecsSg = new ec2.SecurityGroup(this, 'EcsSecurityGroup', {
      vpc: this.vpc, description: 'GlassBox ECS tasks', allowAllOutbound: true,
    });
    this.ecsSg.addIngressRule(this.albSg, ec2.Port.tcp(8080), 'API from ALB');

    this.rdsSg = new ec2.SecurityGroup(this, 'RdsSecurityGroup', {
      vpc: this.vpc, description: 'GlassBox RDS', allowAllOutbound: false,
    });
    this.rdsSg.addIngressRule(this.ecsSg, ec2.Port.tcp(5432), 'PostgreSQL from ECS');

    this.redisSg = new ec2.SecurityGroup(this, 'RedisSecurityGroup', {
      vpc: this.vpc, description: 'GlassBox Redis', allowAllOutbound: false,
    });
    this.redisSg.addIngressRule(this.ecsSg, ec2.Port.tcp(6379), 'Redis from ECS');
  }
}
