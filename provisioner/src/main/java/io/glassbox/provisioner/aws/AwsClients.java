package io.glassbox.provisioner.aws;

import io.glassbox.provisioner.engine.ProvisionerException;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
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
import software.amazon.awssdk.services.servicequotas.ServiceQuotasClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.profiles.ProfileFileSystemSetting;
import software.amazon.awssdk.retries.StandardRetryStrategy;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityRequest;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

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
    private volatile CallerIdentity identity;

    /**
     * The identity call's attempts: throttling and 5xx are retried once more, a connection that cannot be made is
     * not retried at all (it will not be made on the next try either, and the standard strategy's ten attempts with
     * backoff kept an operator waiting two minutes for the same error).
     */
    private static final int IDENTITY_ATTEMPTS = 2;
    /** GetCallerIdentity answers in milliseconds; an endpoint silent for this long is not going to answer. */
    private static final Duration IDENTITY_ATTEMPT = Duration.ofSeconds(10);

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
                .forcePathStyle(settings.pathStyle()).crossRegionAccessEnabled(true).build());
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

    /** Service Quotas: the account's quotas, checked before a deploy creates what counts against them. */
    public ServiceQuotasClient serviceQuotas() {
        return client(ServiceQuotasClient.class, () -> configure(ServiceQuotasClient.builder()).build());
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

    /** The account the credentials belong to: {@link #identity()}'s. */
    public String accountId() {
        return identity().account();
    }

    /**
     * Who the credentials are and where the run goes (STS GetCallerIdentity), asked once per run: the first call
     * every command makes, so that missing or expired credentials and an endpoint that does not answer stop the run
     * here with one line ({@link AccessFailures}), before any other call. It fails within seconds: connection
     * failures are not retried and every attempt has a deadline ({@link #IDENTITY_ATTEMPT}).
     *
     * @throws ProvisionerException with that line
     */
    public CallerIdentity identity() {
        CallerIdentity known = identity;
        if (known == null) {
            synchronized (this) {
                if (identity == null) {
                    identity = askIdentity();
                }
                known = identity;
            }
        }
        return known;
    }

    private CallerIdentity askIdentity() {
        ClientOverrideConfiguration.Builder override = ClientOverrideConfiguration.builder()
                .retryStrategy(StandardRetryStrategy.builder().maxAttempts(IDENTITY_ATTEMPTS)
                        .retryOnException(AwsClients::throttledOrServerError)
                        .treatAsThrottling(e -> e instanceof SdkServiceException s && s.isThrottlingException())
                        .backoffStrategy(BackoffStrategy.exponentialDelay(Duration.ofMillis(200), Duration.ofSeconds(2)))
                        .throttlingBackoffStrategy(BackoffStrategy.exponentialDelay(Duration.ofSeconds(1),
                                Duration.ofSeconds(5)))
                        .circuitBreakerEnabled(false).useClientDefaults(false).build())
                .apiCallAttemptTimeout(IDENTITY_ATTEMPT);
        try (StsClient sts = configure(StsClient.builder(), override).build()) {
            GetCallerIdentityResponse response = sts.getCallerIdentity(GetCallerIdentityRequest.builder().build());
            return new CallerIdentity(response.account(), response.arn(), settings.region());
        } catch (SdkException e) {
            // The profile in use, for the sso login advice: --profile, else AWS_PROFILE (or aws.profile) as the SDK reads it.
            Optional<String> profile = settings.profile().or(() -> ProfileFileSystemSetting.AWS_PROFILE.getStringValue());
            throw new ProvisionerException(AccessFailures.describe(e, profile, settings.endpoint().map(URI::toString),
                    settings.region()));
        }
    }

    private static boolean throttledOrServerError(Throwable e) {
        return e instanceof SdkServiceException s && (s.isThrottlingException() || s.statusCode() >= 500);
    }

    private <B extends AwsClientBuilder<B, ?> & SdkSyncClientBuilder<B, ?>> B configure(B builder) {
        return configure(builder, ClientOverrideConfiguration.builder()
                .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(MAX_ATTEMPTS)
                        // The standard strategy's retry quota (500 tokens, 5 per retried error) stops retrying
                        // altogether after ~100 errors on one client: right for a chatty service, wrong for a
                        // deploy whose calls are few, each bounded by MAX_ATTEMPTS, and all needed.
                        .circuitBreakerEnabled(false).build()));
    }

    private <B extends AwsClientBuilder<B, ?> & SdkSyncClientBuilder<B, ?>> B configure(B builder,
            ClientOverrideConfiguration.Builder override) {
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
