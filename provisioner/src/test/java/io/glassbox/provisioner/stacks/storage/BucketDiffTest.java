package io.glassbox.provisioner.stacks.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.glassbox.provisioner.aws.PolicyStatements;
import io.glassbox.provisioner.aws.ResourceTags;
import io.glassbox.provisioner.engine.Change;
import io.glassbox.provisioner.engine.StepContext;
import io.glassbox.provisioner.spec.Environment;
import io.glassbox.provisioner.spec.EnvironmentSpecs;
import io.glassbox.provisioner.spec.StackName;
import io.glassbox.provisioner.stacks.TestContexts;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.CORSRule;
import io.glassbox.provisioner.spec.StorageSpec;
import software.amazon.awssdk.services.s3.model.ExpirationStatus;
import software.amazon.awssdk.services.s3.model.LifecycleRule;
import software.amazon.awssdk.services.s3.model.LoggingEnabled;
import software.amazon.awssdk.services.s3.model.PublicAccessBlockConfiguration;

class BucketDiffTest {

    private static final String LOGS = "glassbox-staging-logs-123456789012";
    private final StepContext context = TestContexts.context(Environment.STAGING, Map.of(BucketStep.LOGS_OUTPUT_NAME,
            LOGS));
    private final StorageSpec storage = EnvironmentSpecs.forEnvironment(Environment.STAGING).storage();
    private final BucketStep step = BucketStep.files(storage);
    private final LoggingEnabled logging = LoggingEnabled.builder().targetBucket(LOGS).targetPrefix("s3-access/").build();
    private final PublicAccessBlockConfiguration blocked = PublicAccessBlockConfiguration.builder()
            .blockPublicAcls(true).ignorePublicAcls(true).blockPublicPolicy(true).restrictPublicBuckets(true).build();
    private final CORSRule cors = CORSRule.builder().allowedHeaders("*").allowedMethods("PUT", "GET", "DELETE", "POST")
            .allowedOrigins("https://app.glassbox.io").exposeHeaders("ETag").maxAgeSeconds(3600).build();
    private final Map<String, String> tags = ResourceTags.of(Environment.STAGING, StackName.STORAGE, "storage.bucket");
    private final String tlsOnly = tlsOnly(null, "b");

    /** {@code policy} with the TLS-only statement for {@code bucket} merged in, as BucketStep writes it. */
    private static String tlsOnly(String policy, String bucket) {
        return PolicyStatements.merged(policy, List.of(SecureTransportPolicy.statement(bucket)));
    }

    private static boolean holdsTlsOnly(String policy, String bucket) {
        return PolicyStatements.missing(policy, List.of(SecureTransportPolicy.statement(bucket))).isEmpty();
    }

    @Test
    void bucketAsSpecifiedHasNoChanges() {
        assertThat(step.diff(context, new BucketStep.LiveBucket("b", "us-east-1", "AES256", blocked, null, List.of(cors), tags, tlsOnly, logging, List.of())))
                .isEmpty();
    }

    @Test
    void removedPublicAccessBlockAndEnabledVersioningAreRepaired() {
        List<Change> changes = step.diff(context,
                new BucketStep.LiveBucket("b", "us-east-1", "AES256", null, "Enabled", List.of(cors), tags, tlsOnly, logging, List.of()));
        assertThat(changes).extracting(Change::describe).containsExactly(
                "publicAccessBlock: (none) → all blocked", "versioning: Enabled → Suspended");
    }

    /** What S3 and others set by themselves: tags CloudFormation or AWS add, CORS lists reordered, no versioning yet. */
    @Test
    void valuesAwsSetsByItselfAreNoChange() {
        Map<String, String> more = new java.util.HashMap<>(tags);
        more.put("aws:cloudformation:stack-name", "GlassBox-staging-Storage");
        CORSRule reordered = cors.toBuilder().allowedMethods("POST", "DELETE", "GET", "PUT").build();
        for (String versioning : new String[] {null, "Suspended"}) {
            assertThat(step.diff(context, new BucketStep.LiveBucket("b", "us-east-1", "AES256", blocked, versioning,
                    List.of(reordered), more, tlsOnly, logging, List.of()))).isEmpty();
        }
        // A bucket whose region S3 did not name (an emulator) is not moved.
        assertThat(step.diff(context, new BucketStep.LiveBucket("b", null, "AES256", blocked, null, List.of(cors), tags, tlsOnly, logging, List.of())))
                .isEmpty();
    }

    @Test
    void aBucketInAnotherRegionCanOnlyBeReplaced() {
        List<Change> changes = step.diff(context,
                new BucketStep.LiveBucket("b", "eu-west-1", "AES256", blocked, null, List.of(cors), tags, tlsOnly, logging, List.of()));
        assertThat(changes).singleElement().satisfies(c -> {
            assertThat(c.kind()).isEqualTo(io.glassbox.provisioner.engine.ChangeKind.REPLACE);
            assertThat(c.describe()).isEqualTo("region: eu-west-1 → us-east-1  (requires replacement)");
        });
    }

    @Test
    void corsForAnotherOriginAndMissingEncryptionAreUpdates() {
        CORSRule other = cors.toBuilder().allowedOrigins("https://evil.example").build();
        assertThat(step.diff(context, new BucketStep.LiveBucket("b", "us-east-1", null, blocked, null, List.of(other), tags, tlsOnly, logging, List.of())))
                .extracting(Change::path).containsExactly("encryption", "cors");
    }

    @Test
    void requestsWithoutTlsAreDeniedAndTheOperatorsStatementsKept() {
        // FSBP S3.5: no policy, or one without our statement, is repaired.
        assertThat(step.diff(context, new BucketStep.LiveBucket("b", "us-east-1", "AES256", blocked, null, List.of(cors),
                tags, null, logging, List.of()))).extracting(Change::describe).containsExactly(
                "policy: (none) → with DenyInsecureTransport");
        String operators = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"ReadForCdn\",\"Effect\":\"Allow\","
                + "\"Principal\":{\"Service\":\"cloudfront.amazonaws.com\"},\"Action\":\"s3:GetObject\","
                + "\"Resource\":\"arn:aws:s3:::b/*\"}]}";
        assertThat(step.diff(context, new BucketStep.LiveBucket("b", "us-east-1", "AES256", blocked, null, List.of(cors),
                tags, operators, logging, List.of()))).extracting(Change::path).containsExactly("policy");
        String merged = tlsOnly(operators, "b");
        assertThat(merged).contains("ReadForCdn").contains("\"aws:SecureTransport\":\"false\"");
        assertThat(holdsTlsOnly(merged, "b")).isTrue();
        // Merged again, our statement is replaced, not added twice.
        assertThat(tlsOnly(merged, "b")).isEqualTo(merged);
        // Our statement for another bucket is not ours for this one.
        assertThat(holdsTlsOnly(tlsOnly(null, "other"), "b")).isFalse();
    }

    @Test
    void theFilesBucketLogsToTheLogsBucketUnderItsPrefix() {
        assertThat(step.diff(context, new BucketStep.LiveBucket("b", "us-east-1", "AES256", blocked, null, List.of(cors),
                tags, tlsOnly, null, List.of()))).extracting(Change::describe)
                .containsExactly("serverAccessLogging: off → " + LOGS + "/s3-access/");
        LoggingEnabled elsewhere = logging.toBuilder().targetBucket("someone-elses").build();
        assertThat(step.diff(context, new BucketStep.LiveBucket("b", "us-east-1", "AES256", blocked, null, List.of(cors),
                tags, tlsOnly, elsewhere, List.of()))).extracting(Change::path).containsExactly("serverAccessLogging");
    }

    /** FSBP S3.9/ELB.5: the logs bucket lets S3 and the region's load balancers deliver, and expires what they do. */
    @Test
    void theLogsBucketNeedsItsDeliveryStatementsAndItsExpiration() {
        BucketStep logsStep = BucketStep.logs(storage);
        Map<String, String> logsTags = ResourceTags.of(Environment.STAGING, StackName.STORAGE, "storage.logs-bucket");
        String policy = PolicyStatements.merged(null, java.util.stream.Stream.concat(
                java.util.stream.Stream.of(SecureTransportPolicy.statement(LOGS)), LogDeliveryPolicy.statements(LOGS,
                        "glassbox-staging-files-123456789012", "123456789012", "us-east-1").stream()).toList());
        LifecycleRule expire = LifecycleRule.builder().id("ExpireLogs").status(ExpirationStatus.ENABLED)
                .filter(f -> f.prefix("")).expiration(e -> e.days(90)).build();
        LifecycleRule operators = LifecycleRule.builder().id("Archive").status(ExpirationStatus.ENABLED)
                .filter(f -> f.prefix("old/")).expiration(e -> e.days(400)).build();
        assertThat(logsStep.diff(context, new BucketStep.LiveBucket(LOGS, "us-east-1", "AES256", blocked, null,
                List.of(), logsTags, policy, null, List.of(operators, expire)))).isEmpty();
        assertThat(logsStep.diff(context, new BucketStep.LiveBucket(LOGS, "us-east-1", "AES256", blocked, null,
                List.of(), logsTags, tlsOnly, null, List.of(operators, expire.toBuilder().expiration(e -> e.days(30))
                        .build())))).extracting(Change::describe).containsExactly(
                "policy: without DenyInsecureTransport, S3ServerAccessLogsDelivery, LoadBalancerAccessLogsDelivery → with"
                        + " DenyInsecureTransport, S3ServerAccessLogsDelivery, LoadBalancerAccessLogsDelivery",
                "lifecycle: no ExpireLogs rule → objects expire after 90 days");
        // In us-east-1 the load balancers deliver as the region's Elastic Load Balancing account.
        assertThat(policy).contains("arn:aws:iam::127311923021:root")
                .contains("arn:aws:s3:::" + LOGS + "/alb/AWSLogs/123456789012/*");
    }
}
