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
    private final Map<String, String> tags = ResourceTags.of(Environment.STAGING, StackName.STORAGE);

    @Test
    void bucketAsSpecifiedHasNoChanges() {
        assertThat(step.diff(context, new BucketStep.LiveBucket("b", "AES256", blocked, null, List.of(cors), tags)))
                .isEmpty();
    }

    @Test
    void removedPublicAccessBlockAndEnabledVersioningAreRepaired() {
        List<Change> changes = step.diff(context,
                new BucketStep.LiveBucket("b", "AES256", null, "Enabled", List.of(cors), tags));
        assertThat(changes).extracting(Change::describe).containsExactly(
                "publicAccessBlock: (none) → all blocked", "versioning: Enabled → Suspended");
    }

    @Test
    void corsForAnotherOriginAndMissingEncryptionAreUpdates() {
        CORSRule other = cors.toBuilder().allowedOrigins("https://evil.example").build();
        assertThat(step.diff(context, new BucketStep.LiveBucket("b", null, blocked, null, List.of(other), tags)))
                .extracting(Change::path).containsExactly("encryption", "cors");
    }
}
