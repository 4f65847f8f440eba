package io.glassbox.verification.stacks;

import static io.glassbox.verification.support.AwsProbe.expectedTags;
import static org.assertj.core.api.Assertions.assertThat;

import io.glassbox.verification.support.AwsProbe;
import io.glassbox.verification.support.Cli;
import io.glassbox.verification.support.LocalEmulator;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.CORSRule;
import software.amazon.awssdk.services.s3.model.Tag;

/** Every row of the spec's Storage stack, for both environments, read back with plain S3 calls. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StorageStackIT {

    private final AwsProbe aws = new AwsProbe();

    @BeforeAll
    void deployBothEnvironments() {
        LocalEmulator.reset();
        for (String env : List.of("staging", "production")) {
            Cli.Result result = Cli.run("deploy", "--env", env, "--stack", "Storage");
            assertThat(result.exitCode()).as(result.toString()).isZero();
        }
    }

    @AfterAll
    void close() {
        aws.close();
    }

    private static String bucket(String env) {
        return "glassbox-" + env + "-files-" + AwsProbe.ACCOUNT;
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void bucketIsNamedAfterTheAccountAndEncryptedWithAes256(String env) {
        var rules = aws.s3.getBucketEncryption(r -> r.bucket(bucket(env))).serverSideEncryptionConfiguration().rules();
        assertThat(rules).hasSize(1);
        assertThat(rules.get(0).applyServerSideEncryptionByDefault().sseAlgorithmAsString()).isEqualTo("AES256");
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void allPublicAccessIsBlocked(String env) {
        var block = aws.s3.getPublicAccessBlock(r -> r.bucket(bucket(env))).publicAccessBlockConfiguration();
        assertThat(block.blockPublicAcls()).isTrue();
        assertThat(block.ignorePublicAcls()).isTrue();
        assertThat(block.blockPublicPolicy()).isTrue();
        assertThat(block.restrictPublicBuckets()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void versioningStaysDisabled(String env) {
        assertThat(aws.s3.getBucketVersioning(r -> r.bucket(bucket(env))).status())
                .isNotEqualTo(BucketVersioningStatus.ENABLED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void corsIsTheSpecsRule(String env) {
        List<CORSRule> cors = aws.s3.getBucketCors(r -> r.bucket(bucket(env))).corsRules();
        assertThat(cors).hasSize(1);
        CORSRule rule = cors.get(0);
        assertThat(rule.allowedHeaders()).containsExactly("*");
        assertThat(rule.allowedMethods()).containsExactlyInAnyOrder("GET", "PUT", "POST", "DELETE");
        assertThat(rule.allowedOrigins()).containsExactly("https://app.glassbox.io");
        assertThat(rule.exposeHeaders()).containsExactly("ETag");
        assertThat(rule.maxAgeSeconds()).isEqualTo(3600);
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void bucketCarriesTheFourTags(String env) {
        var tags = aws.s3.getBucketTagging(r -> r.bucket(bucket(env))).tagSet().stream()
                .collect(Collectors.toMap(Tag::key, Tag::value));
        assertThat(tags).containsAllEntriesOf(expectedTags(env, "Storage", null));
    }
}
