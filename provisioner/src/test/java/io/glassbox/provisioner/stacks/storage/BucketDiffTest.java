package io.glassbox.provisioner.stacks.storage;

import static org.assertj.core.api.Assertions.assertThat;

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
import software.amazon.awssdk.services.s3.model.PublicAccessBlockConfiguration;

class BucketDiffTest {

    private final StepContext context = TestContexts.context(Environment.STAGING, Map.of());
    private final BucketStep step = new BucketStep(EnvironmentSpecs.forEnvironment(Environment.STAGING).storage());
    private final PublicAccessBlockConfiguration blocked = PublicAccessBlockConfiguration.builder()
            .blockPublicAcls(true).ignorePublicAcls(true).blockPublicPolicy(true).restrictPublicBuckets(true).build();
    private final CORSRule cors = CORSRule.builder().allowedHeaders("*").allowedMethods("PUT", "GET", "DELETE", "POST")
            .allowedOrigins("https://app.glassbox.io").exposeHeaders("ETag").maxAgeSeconds(3600).build();
    private final Map<String, String> tags = ResourceTags.of(Environment.STAGING, StackName.STORAGE, "storage.bucket");
    private final String tlsOnly = SecureTransportPolicy.merged(null, "b");

    @Test
    void bucketAsSpecifiedHasNoChanges() {
        assertThat(step.diff(context, new BucketStep.LiveBucket("b", "us-east-1", "AES256", blocked, null, List.of(cors), tags, tlsOnly)))
                .isEmpty();
    }

    @Test
    void removedPublicAccessBlockAndEnabledVersioningAreRepaired() {
        List<Change> changes = step.diff(context,
                new BucketStep.LiveBucket("b", "us-east-1", "AES256", null, "Enabled", List.of(cors), tags, tlsOnly));
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
                    List.of(reordered), more, tlsOnly))).isEmpty();
        }
        // A bucket whose region S3 did not name (an emulator) is not moved.
        assertThat(step.diff(context, new BucketStep.LiveBucket("b", null, "AES256", blocked, null, List.of(cors), tags, tlsOnly)))
                .isEmpty();
    }

    @Test
    void aBucketInAnotherRegionCanOnlyBeReplaced() {
        List<Change> changes = step.diff(context,
                new BucketStep.LiveBucket("b", "eu-west-1", "AES256", blocked, null, List.of(cors), tags, tlsOnly));
        assertThat(changes).singleElement().satisfies(c -> {
            assertThat(c.kind()).isEqualTo(io.glassbox.provisioner.engine.ChangeKind.REPLACE);
            assertThat(c.describe()).isEqualTo("region: eu-west-1 → us-east-1  (requires replacement)");
        });
    }

    @Test
    void corsForAnotherOriginAndMissingEncryptionAreUpdates() {
        CORSRule other = cors.toBuilder().allowedOrigins("https://evil.example").build();
        assertThat(step.diff(context, new BucketStep.LiveBucket("b", "us-east-1", null, blocked, null, List.of(other), tags, tlsOnly)))
                .extracting(Change::path).containsExactly("encryption", "cors");
    }

    @Test
    void requestsWithoutTlsAreDeniedAndTheOperatorsStatementsKept() {
        // FSBP S3.5: no policy, or one without our statement, is repaired.
        assertThat(step.diff(context, new BucketStep.LiveBucket("b", "us-east-1", "AES256", blocked, null, List.of(cors),
                tags, null))).extracting(Change::describe).containsExactly(
                "policy.secureTransport: (none) → requests without TLS denied");
        String operators = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"ReadForCdn\",\"Effect\":\"Allow\","
                + "\"Principal\":{\"Service\":\"cloudfront.amazonaws.com\"},\"Action\":\"s3:GetObject\","
                + "\"Resource\":\"arn:aws:s3:::b/*\"}]}";
        assertThat(step.diff(context, new BucketStep.LiveBucket("b", "us-east-1", "AES256", blocked, null, List.of(cors),
                tags, operators))).extracting(Change::path).containsExactly("policy.secureTransport");
        String merged = SecureTransportPolicy.merged(operators, "b");
        assertThat(merged).contains("ReadForCdn").contains("\"aws:SecureTransport\":\"false\"");
        assertThat(SecureTransportPolicy.holds(merged, "b")).isTrue();
        // Merged again, our statement is replaced, not added twice.
        assertThat(SecureTransportPolicy.merged(merged, "b")).isEqualTo(merged);
        // Our statement for another bucket is not ours for this one.
        assertThat(SecureTransportPolicy.holds(SecureTransportPolicy.merged(null, "other"), "b")).isFalse();
    }
}
