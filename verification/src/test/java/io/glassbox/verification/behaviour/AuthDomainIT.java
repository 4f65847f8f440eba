package io.glassbox.verification.behaviour;

import static org.assertj.core.api.Assertions.assertThat;

import io.glassbox.verification.support.AwsProbe;
import io.glassbox.verification.support.Cli;
import io.glassbox.verification.support.LocalEmulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * Cognito's hosted UI prefixes are unique across every AWS account of a region: when another customer holds
 * {@code glassbox-staging}, the deploy says so in one line naming the setting ({@code auth.domainPrefix}); with
 * another prefix it goes through, and changing the prefix replaces the pool's one domain.
 */
class AuthDomainIT {

    private static final List<String> AUTH = List.of("Auth");

    @TempDir
    Path dir;

    /** Another AWS customer (account 210987654321) takes the prefix first. */
    private static void anotherAccountTakes(String prefix) {
        try (StsClient sts = StsClient.builder().region(Region.of(AwsProbe.REGION))
                .endpointOverride(LocalEmulator.endpoint())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))
                .build()) {
            Credentials other = sts.assumeRole(r -> r.roleArn("arn:aws:iam::210987654321:role/someone-else")
                    .roleSessionName("other-customer")).credentials();
            try (CognitoIdentityProviderClient cognito = CognitoIdentityProviderClient.builder()
                    .region(Region.of(AwsProbe.REGION)).endpointOverride(LocalEmulator.endpoint())
                    .credentialsProvider(StaticCredentialsProvider.create(AwsSessionCredentials.create(
                            other.accessKeyId(), other.secretAccessKey(), other.sessionToken()))).build()) {
                String pool = cognito.createUserPool(r -> r.poolName("their-users")).userPool().id();
                cognito.createUserPoolDomain(r -> r.domain(prefix).userPoolId(pool));
            }
        }
    }

    private Path config(String prefix) throws Exception {
        return Files.writeString(dir.resolve(prefix + ".yaml"), "auth:\n  domainPrefix: " + prefix + "\n");
    }

    @Test
    void aPrefixTakenElsewhereIsOneLineNamingTheSettingAndAnotherPrefixGoesThrough() throws Exception {
        LocalEmulator.reset();
        anotherAccountTakes("glassbox-staging");

        Cli.Result taken = Cli.runStacks(AUTH, "deploy", "--env", "staging");
        assertThat(taken.exitCode()).as(taken.toString()).isEqualTo(1);
        assertThat(taken.out()).contains("ERR auth.domain: the Cognito domain prefix glassbox-staging is taken: prefixes"
                + " are unique across every AWS account of us-east-1, so choose another with auth.domainPrefix in the"
                + " config (for example " + AwsProbe.ACCOUNT + "-glassbox-staging)");

        Cli.Result ours = Cli.runStacks(AUTH, "deploy", "--env", "staging", "--config", config("acme-glassbox-staging")
                .toString());
        assertThat(ours.exitCode()).as(ours.toString()).isZero();
        assertThat(ours.out()).contains("https://acme-glassbox-staging.auth.us-east-1.amazoncognito.com");

        // A changed prefix replaces the pool's one domain (a pool has one; the hosted UI moves).
        Path renamed = config("acme2-glassbox-staging");
        Cli.Result plan = Cli.runStacks(AUTH, "plan", "--env", "staging", "--config", renamed.toString());
        assertThat(plan.out()).contains("-/+ Cognito domain acme2-glassbox-staging (acme-glassbox-staging)")
                .contains("domainPrefix: acme-glassbox-staging → acme2-glassbox-staging  (requires replacement)");
        Cli.Result moved = Cli.runStacks(AUTH, "deploy", "--env", "staging", "--yes", "--config", renamed.toString());
        assertThat(moved.exitCode()).as(moved.toString()).isZero();
        try (AwsProbe aws = new AwsProbe()) {
            assertThat(aws.cognito.describeUserPoolDomain(r -> r.domain("acme-glassbox-staging")).domainDescription()
                    .userPoolId()).as("the old domain is gone").isNullOrEmpty();
            assertThat(aws.cognito.describeUserPoolDomain(r -> r.domain("acme2-glassbox-staging")).domainDescription()
                    .userPoolId()).isNotEmpty();
        }
        Cli.Result clean = Cli.runStacks(AUTH, "plan", "--env", "staging", "--detailed-exitcode", "--config",
                renamed.toString());
        assertThat(clean.exitCode()).as(clean.toString()).isZero();
    }
}
