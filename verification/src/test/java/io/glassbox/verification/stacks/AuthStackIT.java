package io.glassbox.verification.stacks;

import static io.glassbox.verification.support.AwsProbe.expectedTags;
import static org.assertj.core.api.Assertions.assertThat;

import io.glassbox.verification.support.AwsProbe;
import io.glassbox.verification.support.CallRecorder;
import io.glassbox.verification.support.Cli;
import io.glassbox.verification.support.LocalEmulator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolClientType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolType;

/** Every row of the spec's Auth stack for both environments, read back with plain Cognito and SSM calls. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthStackIT {

    private final AwsProbe aws = new AwsProbe();

    @BeforeAll
    void deployBothEnvironments() {
        LocalEmulator.reset();
        for (String env : List.of("staging", "production")) {
            Cli.Result result = Cli.run("deploy", "--env", env, "--stack", "Auth");
            assertThat(result.exitCode()).as(result.toString()).isZero();
        }
    }

    @AfterAll
    void close() {
        aws.close();
    }

    private List<UserPoolType> pools(String env) {
        return aws.cognito.listUserPools(r -> r.maxResults(60)).userPools().stream()
                .filter(p -> p.name().equals("glassbox-" + env + "-users"))
                .map(p -> aws.cognito.describeUserPool(r -> r.userPoolId(p.id())).userPool()).toList();
    }

    private UserPoolClientType client(String env) {
        String pool = pools(env).get(0).id();
        var clients = aws.cognito.listUserPoolClients(r -> r.userPoolId(pool)).userPoolClients();
        assertThat(clients).hasSize(1);
        return aws.cognito.describeUserPoolClient(r -> r.userPoolId(pool).clientId(clients.get(0).clientId()))
                .userPoolClient();
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void userPoolHasEveryValueOfTheSpecsTable(String env) {
        assertThat(pools(env)).hasSize(1);
        UserPoolType pool = pools(env).get(0);
        assertThat(pool.adminCreateUserConfig().allowAdminCreateUserOnly()).as("self sign-up").isFalse();
        assertThat(aws.cognito.getUserPoolMfaConfig(r -> r.userPoolId(pool.id())).mfaConfigurationAsString())
                .isEqualTo("OPTIONAL");
        assertThat(pool.autoVerifiedAttributesAsStrings()).containsExactly("email");
        var policy = pool.policies().passwordPolicy();
        assertThat(policy.minimumLength()).isEqualTo(8);
        assertThat(policy.requireUppercase()).isTrue();
        assertThat(policy.requireLowercase()).isTrue();
        assertThat(policy.requireNumbers()).isTrue();
        assertThat(pool.userPoolTags()).containsAllEntriesOf(expectedTags(env, "Auth", null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void appClientHasTheSpecsFlowsScopesTokensAndUrls(String env) {
        UserPoolClientType client = client(env);
        assertThat(client.clientName()).isEqualTo("glassbox-" + env + "-app");
        assertThat(client.allowedOAuthFlowsAsStrings()).containsExactlyInAnyOrder("code", "implicit");
        assertThat(client.allowedOAuthScopes()).containsExactlyInAnyOrder("openid", "email", "profile");
        assertThat(client.allowedOAuthFlowsUserPoolClient()).isTrue();
        assertThat(client.accessTokenValidity()).isEqualTo(1);
        assertThat(client.idTokenValidity()).isEqualTo(1);
        assertThat(client.refreshTokenValidity()).isEqualTo(30);
        assertThat(client.tokenValidityUnits().accessTokenAsString()).isEqualTo("hours");
        assertThat(client.tokenValidityUnits().idTokenAsString()).isEqualTo("hours");
        assertThat(client.tokenValidityUnits().refreshTokenAsString()).isEqualTo("days");
        assertThat(client.callbackURLs()).containsExactly("https://app.glassbox.io/auth/callback");
        assertThat(client.logoutURLs()).containsExactly("https://app.glassbox.io/auth/logout");
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void hostedUiDomainAndParameters(String env) {
        UserPoolType pool = pools(env).get(0);
        assertThat(aws.cognito.describeUserPoolDomain(r -> r.domain("glassbox-" + env)).domainDescription().userPoolId())
                .isEqualTo(pool.id());
        Map<String, String> parameters = aws.ssm.getParametersByPath(r -> r.path("/glassbox/" + env + "/cognito"))
                .parameters().stream().collect(Collectors.toMap(p -> p.name(), p -> p.value()));
        assertThat(parameters).containsOnly(
                Map.entry("/glassbox/" + env + "/cognito/user-pool-id", pool.id()),
                Map.entry("/glassbox/" + env + "/cognito/client-id", client(env).clientId()),
                Map.entry("/glassbox/" + env + "/cognito/region", "us-east-1"));
    }

    @Test
    void reRunCreatesNoSecondPoolOrClientAndNoMutatingCall() {
        CallRecorder recorder = new CallRecorder();
        Cli.Result again = Cli.run(List.of(recorder), "deploy", "--env", "staging", "--stack", "Auth");
        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(recorder.mutating()).isEmpty();
        assertThat(pools("staging")).hasSize(1);
        client("staging");
    }

    @Test
    void aPoolWithUsersIsKeptByDestroy() {
        String pool = pools("production").get(0).id();
        aws.cognito.adminCreateUser(r -> r.userPoolId(pool).username("ada@example.com"));
        Cli.Result refused = Cli.run("destroy", "--env", "production", "--stack", "Auth", "--yes");
        assertThat(refused.exitCode()).isEqualTo(3);
        assertThat(refused.err()).contains("Cognito user pool glassbox-production-users (" + pool + ") has users");
        assertThat(pools("production")).hasSize(1);
        assertThat(aws.cognito.describeUserPoolDomain(r -> r.domain("glassbox-production")).domainDescription()
                .userPoolId()).as("nothing was deleted").isEqualTo(pool);
    }
}
