import { Aws, Stack, StackProps } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { GlassBoxConfig } from './config';

export class StorageStack extends Stack {
  readonly bucket: s3.Bucket;

  constructor(scope: Construct, id: string, config: GlassBoxConfig, props?: StackProps) {
    super(scope, id, props);
    this.bucket = new s3.Bucket(this, 'Files', {
      bucketName: `glassbox-${config.envName}-files-${Aws.ACCOUNT_ID}`,
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      versioned: false,
      cors: [{
        allowedHeaders: ['*'],
        allowedMethods: [s3.HttpMethods.GET, s3.HttpMethods.PUT, s3.HttpMethods.POST, s3.HttpMethods.DELETE],
        allowedOrigins: [config.appOrigin],
        exposedHeaders: ['ETag'],
        maxAge: 3600,
      }],
    });
  }
}
