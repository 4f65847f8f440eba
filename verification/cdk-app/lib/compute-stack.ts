import { CfnParameter, Duration, RemovalPolicy, Stack, StackProps } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';
import { GlassBoxConfig } from './config';

export interface ComputeDependencies {
  readonly vpc: ec2.IVpc;
  readonly albSg: ec2.ISecurityGroup;
  readonly ecsSg: ec2.ISecurityGroup;
  readonly database: rds.DatabaseInstance;
  readonly redisEndpoint: string;
  readonly bucket: s3.IBucket;
  readonly agentJobs: sqs.IQueue;
  readonly fileProcessing: sqs.IQueue;
}

/** ECR, the ECS cluster and its three services, the ALB with HTTPS, auto scaling, the LLM secret, log groups. */
export class ComputeStack extends Stack {
  readonly loadBalancer: elbv2.ApplicationLoadBalancer;
  readonly services: ecs.FargateService[] = [];

  constructor(scope: Construct, id: string, config: GlassBoxConfig, deps: ComputeDependencies, props?: StackProps) {
    super(scope, id, props);
    const env = config.envName;
    // The certificate was issued out of band and passed in at deploy time.
    const certificateArn = new CfnParameter(this, 'CertificateArn', { type: 'String' });
    const apiRepository = new ecr.Repository(this, 'ApiRepository', {
      repositoryName: `glassbox-${env}-api`, imageScanOnPush: true,
    });
    const workerRepository = new ecr.Repository(this, 'WorkerRepository', {
      repositoryName: `glassbox-${env}-worker`, imageScanOnPush: true,
    });
    const cluster = new ecs.Cluster(this, 'Cluster', {
      clusterName: `glassbox-${env}`, vpc: deps.vpc, enableFargateCapacityProviders: true,
      containerInsightsV2: ecs.ContainerInsights.ENABLED,
    });
    const llm = new secretsmanager.Secret(this, 'LlmSecret', {
      secretName: `glassbox/${env}/llm`,
      generateSecretString: {
        secretStringTemplate: JSON.stringify({ anthropicApiKey: 'placeholder', openaiApiKey: 'placeholder' }),
        generateStringKey: 'jwtSecret', passwordLength: 64, excludePunctuation: true,
      },
    });
    const databaseSecret = deps.database.secret!;
    const userPoolId = ssm.StringParameter.fromStringParameterName(this, 'UserPoolId',
      `/glassbox/${env}/cognito/user-pool-id`);
    const clientId = ssm.StringParameter.fromStringParameterName(this, 'ClientId', `/glassbox/${env}/cognito/client-id`);

    const shared = {
      AWS_REGION: 'us-east-1',
      S3_BUCKET: deps.bucket.bucketName,
    };
    const api = this.service(config, cluster, deps, 'Api', 'api', apiRepository, config.apiCpu, config.apiMemory,
      config.apiDesired, {
        ...shared, PORT: '8080', GO_ENV: 'production', REDIS_URL: `rediss://${deps.redisEndpoint}:6379`,
        SQS_AGENT_QUEUE_URL: deps.agentJobs.queueUrl, SQS_FILE_QUEUE_URL: deps.fileProcessing.queueUrl,
        COGNITO_REGION: 'us-east-1', ALLOWED_ORIGINS: config.appOrigin,
      }, {
        DATABASE_URL: ecs.Secret.fromSecretsManager(databaseSecret),
        JWT_SECRET: ecs.Secret.fromSecretsManager(llm, 'jwtSecret'),
        COGNITO_USER_POOL_ID: ecs.Secret.fromSsmParameter(userPoolId),
        COGNITO_CLIENT_ID: ecs.Secret.fromSsmParameter(clientId),
      });
    this.service(config, cluster, deps, 'AgentWorker', 'agent-worker', workerRepository, config.workerCpu,
      config.workerMemory, config.workerDesired, {
        ...shared, WORKER_TYPE: 'agent', REDIS_URL: `rediss://${deps.redisEndpoint}:6379`,
        SQS_QUEUE_URL: deps.agentJobs.queueUrl, DEFAULT_MODEL: 'gpt-4',
      }, {
        DATABASE_URL: ecs.Secret.fromSecretsManager(databaseSecret),
        OPENAI_API_KEY: ecs.Secret.fromSecretsManager(llm, 'openaiApiKey'),
        ANTHROPIC_API_KEY: ecs.Secret.fromSecretsManager(llm, 'anthropicApiKey'),
      });
    this.service(config, cluster, deps, 'FileWorker', 'file-worker', workerRepository, config.fileCpu,
      config.fileMemory, 1, {
        ...shared, WORKER_TYPE: 'file', SQS_QUEUE_URL: deps.fileProcessing.queueUrl,
      }, {
        DATABASE_URL: ecs.Secret.fromSecretsManager(databaseSecret),
        OPENAI_API_KEY: ecs.Secret.fromSecretsManager(llm, 'openaiApiKey'),
      });

    this.loadBalancer = new elbv2.ApplicationLoadBalancer(this, 'LoadBalancer', {
      vpc: deps.vpc, internetFacing: true, securityGroup: deps.albSg,
      vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC }, idleTimeout: Duration.seconds(60),
    });
    this.loadBalancer.addListener('Http', {
      port: 80, open: false,
      defaultAction: elbv2.ListenerAction.redirect({ protocol: 'HTTPS', port: '443', permanent: true }),
    });
    const https = this.loadBalancer.addListener('Https', {
      port: 443, open: false, certificates: [elbv2.ListenerCertificate.fromArn(certificateArn.valueAsString)],
      sslPolicy: elbv2.SslPolicy.TLS13_RES,
    });
    https.addTargets('Api', {
      port: 8080, protocol: elbv2.ApplicationProtocol.HTTP, targets: [api],
      healthCheck: { path: '/health' },
    });
    const scaling = api.autoScaleTaskCount({ minCapacity: config.apiMin, maxCapacity: config.apiMax });
    scaling.scaleOnCpuUtilization('Cpu', {
      targetUtilizationPercent: 70, scaleInCooldown: Duration.seconds(300), scaleOutCooldown: Duration.seconds(60),
    });
    scaling.scaleOnMemoryUtilization('Memory', {
      targetUtilizationPercent: 80, scaleInCooldown: Duration.seconds(300), scaleOutCooldown: Duration.seconds(60),
    });
  }

  private service(config: GlassBoxConfig, cluster: ecs.Cluster, deps: ComputeDependencies, id: string, name: string,
                  repository: ecr.IRepository, cpu: number, memoryLimitMiB: number, desiredCount: number,
                  environment: Record<string, string>, secrets: Record<string, ecs.Secret>): ecs.FargateService {
    const logGroup = new logs.LogGroup(this, `${id}Logs`, {
      logGroupName: `/ecs/glassbox-${config.envName}/${name}`, retention: logs.RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const task = new ecs.FargateTaskDefinition(this, `${id}Task`, { cpu, memoryLimitMiB });
    task.addContainer(name, {
      image: ecs.ContainerImage.fromEcrRepository(repository, 'latest'),
      environment, secrets,
      portMappings: name === 'api' ? [{ containerPort: 8080 }] : [],
      logging: ecs.LogDrivers.awsLogs({ logGroup, streamPrefix: name }),
    });
    deps.bucket.grantReadWrite(task.taskRole);
    const service = new ecs.FargateService(this, `${id}Service`, {
      cluster, taskDefinition: task, desiredCount, securityGroups: [deps.ecsSg],
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS }, assignPublicIp: false,
      circuitBreaker: { rollback: true },
    });
    this.services.push(service);
    return service;
  }
}
