package io.glassbox.verification.support;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.acm.AcmClient;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.elasticache.ElastiCacheClient;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Independent SDK clients for checking what the provisioner did: built here, not by the provisioner, and
 * used with plain SDK calls rather than the provisioner's own observe code.
 */
public final class AwsProbe implements AutoCloseable {

    public static final String ACCOUNT = "123456789012";
    public static final String REGION = "us-east-1";

    public final Ec2Client ec2;
    public final S3Client s3;
    public final SqsClient sqs;
    public final RdsClient rds;
    public final ElastiCacheClient elastiCache;
    public final SecretsManagerClient secrets;
    public final SsmClient ssm;
    public final CognitoIdentityProviderClient cognito;
    public final EcrClient ecr;
    public final EcsClient ecs;
    public final IamClient iam;
    public final ElasticLoadBalancingV2Client elb;
    public final AcmClient acm;
    public final ApplicationAutoScalingClient autoScaling;
    public final CloudWatchClient cloudWatch;
    public final CloudWatchLogsClient logs;
    public final SnsClient sns;
    public final KmsClient kms;
    public final CloudFormationClient cloudFormation;

    public AwsProbe() {
        ec2 = configure(Ec2Client.builder()).build();
        s3 = configure(S3Client.builder()).forcePathStyle(true).build();
        sqs = configure(SqsClient.builder()).build();
        rds = configure(RdsClient.builder()).build();
        elastiCache = configure(ElastiCacheClient.builder()).build();
        secrets = configure(SecretsManagerClient.builder()).build();
        cognito = configure(CognitoIdentityProviderClient.builder()).build();
        ssm = configure(SsmClient.builder()).build();
        ecr = configure(EcrClient.builder()).build();
        ecs = configure(EcsClient.builder()).build();
        iam = configure(IamClient.builder()).region(Region.AWS_GLOBAL).build(); // IAM is global
        elb = configure(ElasticLoadBalancingV2Client.builder()).build();
        acm = configure(AcmClient.builder()).build();
        autoScaling = configure(ApplicationAutoScalingClient.builder()).build();
        cloudWatch = configure(CloudWatchClient.builder()).build();
        logs = configure(CloudWatchLogsClient.builder()).build();
        sns = configure(SnsClient.builder()).build();
        kms = configure(KmsClient.builder()).build();
        cloudFormation = configure(CloudFormationClient.builder()).build();
    }

    private static <B extends AwsClientBuilder<B, C>, C> B configure(B builder) {
        return builder.region(Region.of(REGION)).endpointOverride(LocalEmulator.endpoint())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")));
    }

    public static Filter tag(String key, String value) {
        return Filter.builder().name("tag:" + key).values(value).build();
    }

    public static Map<String, String> tags(List<Tag> tags) {
        return tags.stream().collect(Collectors.toMap(Tag::key, Tag::value));
    }

    /** The four tags of DESIGN.md for a stack, plus Name when given. */
    public static Map<String, String> expectedTags(String env, String stack, String name) {
        var tags = new java.util.HashMap<>(Map.of("Project", "glassbox", "Environment", env,
                "ManagedBy", "glassbox-provisioner", "Stack", "GlassBox-" + env + "-" + stack));
        if (name != null) {
            tags.put("Name", name);
        }
        return tags;
    }

    @Override
    public void close() {
        ec2.close();
        s3.close();
        sqs.close();
        rds.close();
        elastiCache.close();
        secrets.close();
        ssm.close();
        cognito.close();
        ecr.close();
        ecs.close();
        iam.close();
        elb.close();
        acm.close();
        autoScaling.close();
        cloudWatch.close();
        logs.close();
        sns.close();
        kms.close();
        cloudFormation.close();
    }

    /** The JSON document of a secret, read with Secrets Manager directly. */
    public Map<String, Object> secretDocument(String secretId) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readValue(
                    secrets.getSecretValue(r -> r.secretId(secretId)).secretString(),
                    new com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>>() { });
        } catch (java.io.IOException e) {
            throw new AssertionError("secret " + secretId + " is not JSON", e);
        }
    }
}
