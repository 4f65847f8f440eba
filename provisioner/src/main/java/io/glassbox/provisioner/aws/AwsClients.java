package io.glassbox.provisioner.aws;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
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
import software.amazon.awssdk.services.elasticache.ElastiCacheClient;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityRequest;

/**
 * The AWS clients of one run, each built once, on first use, with the same region, credentials, endpoint
 * override, HTTP client and retry strategy. Lazy creation keeps a plan of one stack from paying for the
 * clients of the others. Thread-safe; close it at the end of the run.
 */
public final class AwsClients implements AutoCloseable {

    /**
     * Attempts per call (first try included) for throttling and 5xx. The SDK's standard strategy defaults to
     * 3; a whole-environment deploy makes hundreds of calls against per-account rate limits, so we allow more
     * (SDK developer guide, "Configure retry behavior": standard mode, exponential backoff with jitter).
     */
    public static final int MAX_ATTEMPTS = 10;

    private final AwsSettings settings;
    private final SdkHttpClient httpClient = UrlConnectionHttpClient.create();
    private final AwsCredentialsProvider credentials;
    private final ConcurrentHashMap<Class<?>, AutoCloseable> clients = new ConcurrentHashMap<>();
    private volatile String accountId;

    public AwsClients(AwsSettings settings) {
        this.settings = settings;
        this.credentials = settings.credentials().orElseGet(() -> settings.profile()
                .<AwsCredentialsProvider>map(p -> ProfileCredentialsProvider.builder().profileName(p).build())
                .orElseGet(() -> DefaultCredentialsProvider.builder().build()));
    }

    public String region() {
        return settings.region();
    }

    public Ec2Client ec2() {
        return client(Ec2Client.class, () -> configure(Ec2Client.builder()).build());
    }

    public S3Client s3() {
        // Emulators serve buckets by path, not by virtual host. Cross-region access follows S3's redirect to a
        // bucket's own region, so a bucket left in another region is seen (and planned as a replacement) rather
        // than failing every read with 301 (SDK Developer Guide, "Cross-Region access for Amazon S3").
        return client(S3Client.class, () -> configure(S3Client.builder())
                .forcePathStyle(settings.endpoint().isPresent()).crossRegionAccessEnabled(true).build());
    }

    public SqsClient sqs() {
        return client(SqsClient.class, () -> configure(SqsClient.builder()).build());
    }

    public RdsClient rds() {
        return client(RdsClient.class, () -> configure(RdsClient.builder()).build());
    }

    public ElastiCacheClient elastiCache() {
        return client(ElastiCacheClient.class, () -> configure(ElastiCacheClient.builder()).build());
    }

    public SecretsManagerClient secretsManager() {
        return client(SecretsManagerClient.class, () -> configure(SecretsManagerClient.builder()).build());
    }

    public SsmClient ssm() {
        return client(SsmClient.class, () -> configure(SsmClient.builder()).build());
    }

    public CognitoIdentityProviderClient cognito() {
        return client(CognitoIdentityProviderClient.class, () -> configure(CognitoIdentityProviderClient.builder()).build());
    }

    public EcrClient ecr() {
        return client(EcrClient.class, () -> configure(EcrClient.builder()).build());
    }

    public EcsClient ecs() {
        return client(EcsClient.class, () -> configure(EcsClient.builder()).build());
    }

    public ElasticLoadBalancingV2Client elbv2() {
        return client(ElasticLoadBalancingV2Client.class, () -> configure(ElasticLoadBalancingV2Client.builder()).build());
    }

    public AcmClient acm() {
        return client(AcmClient.class, () -> configure(AcmClient.builder()).build());
    }

    public ApplicationAutoScalingClient autoScaling() {
        return client(ApplicationAutoScalingClient.class, () -> configure(ApplicationAutoScalingClient.builder()).build());
    }

    public CloudWatchClient cloudWatch() {
        return client(CloudWatchClient.class, () -> configure(CloudWatchClient.builder()).build());
    }

    public CloudWatchLogsClient logs() {
        return client(CloudWatchLogsClient.class, () -> configure(CloudWatchLogsClient.builder()).build());
    }

    public SnsClient sns() {
        return client(SnsClient.class, () -> configure(SnsClient.builder()).build());
    }

    public KmsClient kms() {
        return client(KmsClient.class, () -> configure(KmsClient.builder()).build());
    }

    public CloudFormationClient cloudFormation() {
        return client(CloudFormationClient.class, () -> configure(CloudFormationClient.builder()).build());
    }

    /** IAM is global: its one endpoint lives in us-east-1 whatever the run's region (IAM API Reference). */
    public IamClient iam() {
        return client(IamClient.class, () -> configure(IamClient.builder()).region(Region.AWS_GLOBAL).build());
    }

    public StsClient sts() {
        return client(StsClient.class, () -> configure(StsClient.builder()).build());
    }

    /** The account the credentials belong to (STS GetCallerIdentity), asked once per run. */
    public String accountId() {
        String id = accountId;
        if (id == null) {
            synchronized (this) {
                if (accountId == null) {
                    accountId = sts().getCallerIdentity(GetCallerIdentityRequest.builder().build()).account();
                }
                id = accountId;
            }
        }
        return id;
    }

    private <B extends AwsClientBuilder<B, ?> & SdkSyncClientBuilder<B, ?>> B configure(B builder) {
        ClientOverrideConfiguration.Builder override = ClientOverrideConfiguration.builder()
                .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(MAX_ATTEMPTS)
                        // The standard strategy's retry quota (500 tokens, 5 per retried error) stops retrying
                        // altogether after ~100 errors on one client: right for a chatty service, wrong for a
                        // deploy whose calls are few, each bounded by MAX_ATTEMPTS, and all needed.
                        .circuitBreakerEnabled(false).build());
        settings.interceptors().forEach(override::addExecutionInterceptor);
        builder.region(Region.of(settings.region()))
                .credentialsProvider(credentials)
                .overrideConfiguration(override.build())
                .httpClient(httpClient);
        settings.endpoint().ifPresent(builder::endpointOverride);
        return builder;
    }

    @SuppressWarnings("unchecked")
    private <T extends AutoCloseable> T client(Class<T> type, Supplier<T> factory) {
        return (T) clients.computeIfAbsent(type, t -> factory.get());
    }

    @Override
    public void close() {
        clients.values().forEach(client -> {
            try {
                client.close();
            } catch (Exception ignored) {
                // Closing releases connections only; nothing to report at the end of a run.
            }
        });
        httpClient.close();
    }
}
