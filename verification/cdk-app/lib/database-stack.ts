import { Duration, RemovalPolicy, Stack, StackProps } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';
import { GlassBoxConfig } from './config';

export class DatabaseStack extends Stack {
  readonly instance: rds.DatabaseInstance;

  constructor(scope: Construct, id: string, config: GlassBoxConfig, vpc: ec2.IVpc, rdsSg: ec2.ISecurityGroup,
              props?: StackProps) {
    super(scope, id, props);
    // The default parameter group of postgres16: the team never needed a setting of its own.
    const engine = rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_16 });
    // Production's secret was given a name the operators could find; staging's kept the one CloudFormation
    // generates (a takeover copies its credentials into glassbox/staging/database).
    const credentials = rds.Credentials.fromGeneratedSecret('glassbox', config.envName === 'production'
      ? { secretName: `glassbox/${config.envName}/database` } : {});
    this.instance = new rds.DatabaseInstance(this, 'Instance', {
      engine,
      instanceType: new ec2.InstanceType(config.dbInstanceClass),
      vpc,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
      securityGroups: [rdsSg],
      multiAz: config.dbMultiAz,
      allocatedStorage: config.dbStorageGb,
      maxAllocatedStorage: config.dbMaxStorageGb,
      storageType: rds.StorageType.GP3,
      storageEncrypted: true,
      backupRetention: Duration.days(config.dbBackupDays),
      deletionProtection: config.dbDeletionProtection,
      databaseName: 'glassbox',
      credentials,
      removalPolicy: RemovalPolicy.SNAPSHOT,
    });
    new ssm.StringParameter(this, 'HostParameter', {
      parameterName: `/glassbox/${config.envName}/database/host`, stringValue: this.instance.dbInstanceEndpointAddress,
    });
    new ssm.StringParameter(this, 'PortParameter', {
      parameterName: `/glassbox/${config.envName}/database/port`, stringValue: this.instance.dbInstanceEndpointPort,
    });
    new ssm.StringParameter(this, 'NameParameter', {
      parameterName: `/glassbox/${config.envName}/database/name`, stringValue: 'glassbox',
    });
  }
}
