package io.glassbox.provisioner.stacks.compute;

import static org.assertj.core.api.Assertions.assertThat;

import io.glassbox.provisioner.aws.ResourceTags;
import io.glassbox.provisioner.spec.Environment;
import io.glassbox.provisioner.spec.StackName;
import io.glassbox.provisioner.stacks.TestContexts;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecr.model.EncryptionType;
import software.amazon.awssdk.services.ecr.model.ImageTagMutability;
import software.amazon.awssdk.services.ecr.model.Repository;

/** What ECR sets by itself (default encryption, tag mutability, dates, registry) is no change. */
class RepositoryDiffTest {

    @Test
    void valuesEcrSetsByItselfAreNoChange() {
        Repository repository = Repository.builder().repositoryName("glassbox-staging-api").registryId("123456789012")
                .repositoryArn("arn:aws:ecr:us-east-1:123456789012:repository/glassbox-staging-api")
                .createdAt(Instant.parse("2025-01-01T00:00:00Z")).imageTagMutability(ImageTagMutability.MUTABLE)
                .encryptionConfiguration(e -> e.encryptionType(EncryptionType.AES256))
                .imageScanningConfiguration(s -> s.scanOnPush(true)).build();
        // ECR hands the lifecycle policy back in its own layout: the same rules are no change.
        String reformatted = ImageLifecyclePolicy.document().replace(",", ", ").replace(":", ": ");
        assertThat(new RepositoryStep("api").diff(TestContexts.context(Environment.STAGING, Map.of()),
                new RepositoryStep.LiveRepository(repository, ResourceTags.of(Environment.STAGING, StackName.COMPUTE,
                        "compute.repository.api"), reformatted))).isEmpty();
    }

    @Test
    void aMissingOrOtherLifecyclePolicyIsRepaired() {
        // FSBP ECR.3: untagged images expire after 14 days, the newest 50 tagged ones are kept.
        Repository repository = Repository.builder().repositoryName("glassbox-staging-api")
                .imageScanningConfiguration(s -> s.scanOnPush(true)).build();
        Map<String, String> tags = ResourceTags.of(Environment.STAGING, StackName.COMPUTE, "compute.repository.api");
        RepositoryStep step = new RepositoryStep("api");
        var context = TestContexts.context(Environment.STAGING, Map.of());
        assertThat(step.diff(context, new RepositoryStep.LiveRepository(repository, tags, null)))
                .extracting(c -> c.describe()).containsExactly(
                        "lifecyclePolicy: (none) → untagged expire after 14 days, newest 50 tagged kept");
        String keepAll = "{\"rules\":[{\"rulePriority\":1,\"selection\":{\"tagStatus\":\"any\",\"countType\":"
                + "\"imageCountMoreThan\",\"countNumber\":9999},\"action\":{\"type\":\"expire\"}}]}";
        assertThat(step.diff(context, new RepositoryStep.LiveRepository(repository, tags, keepAll)))
                .extracting(c -> c.path()).containsExactly("lifecyclePolicy");
        assertThat(ImageLifecyclePolicy.document()).contains("\"tagStatus\":\"untagged\"")
                .contains("\"countNumber\":14").contains("\"countNumber\":50").doesNotContain("latest");
    }
}
