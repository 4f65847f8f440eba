import { Duration, Stack, StackProps } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';
import { GlassBoxConfig } from './config';

export class AuthStack extends Stack {
  readonly userPool: cognito.UserPool;

  constructor(scope: Construct, id: string, config: GlassBoxConfig, props?: StackProps) {
    super(scope, id, props);
    this.userPool = new cognito.UserPool(this, 'UserPool', {
      userPoolName: `glassbox-${config.envName}-users`,
      selfSignUpEnabled: true,
      mfa: cognito.Mfa.OPTIONAL,
      mfaSecondFactor: { sms: false, otp: true },
      autoVerify: { email: true },
      signInAliases: { email: true },
      passwordPolicy: { minLength: 8, requireUppercase: true, requireLowercase: true, requireDigits: true,
        requireSymbols: false },
    });
    const client = this.userPool.addClient('AppClient', {
      userPoolClientName: `glassbox-${config.envName}-app`,
      oAuth: {
        flows: { authorizationCodeGrant: true, implicitCodeGrant: true },
        scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL, cognito.OAuthScope.PROFILE],
        callbackUrls: [`${config.appOrigin}/auth/callback`],
        logoutUrls: [`${config.appOrigin}/auth/logout`],
      },
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(30),
    });
    this.userPool.addDomain('Domain', { cognitoDomain: { domainPrefix: `glassbox-${config.envName}` } });
    new ssm.StringParameter(this, 'UserPoolIdParameter', {
      parameterName: `/glassbox/${config.envName}/cognito/user-pool-id`, stringValue: this.userPool.userPoolId,
    });
    new ssm.StringParameter(this, 'ClientIdParameter', {
      parameterName: `/glassbox/${config.envName}/cognito/client-id`, stringValue: client.userPoolClientId,
    });
    new ssm.StringParameter(this, 'RegionParameter', {
      parameterName: `/glassbox/${config.envName}/cognito/region`, stringValue: 'us-east-1',
    });
  }
}
