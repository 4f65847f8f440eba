package io.glassbox.provisioner.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/** The one line for each way the first call of a run fails; no network. */
class AccessFailuresTest {

    private static String describe(Throwable failure) {
        return AccessFailures.describe(failure, Optional.of("dev"), Optional.empty(), "eu-west-1");
    }

    private static AwsServiceException service(String code, String message) {
        return AwsServiceException.builder().statusCode(403).awsErrorDetails(AwsErrorDetails.builder()
                .errorCode(code).errorMessage(message).build()).build();
    }

    @Test
    void anExpiredSsoLoginSaysWhichLoginToRun() {
        assertThat(describe(SdkClientException.create("Token is expired"))).isEqualTo("the IAM Identity Center (SSO)"
                + " login of profile dev has expired or is missing: run aws sso login --profile dev, then try again");
        assertThat(describe(SdkClientException.create("Unable to load credentials from any of the providers in the"
                + " chain: [ProfileCredentialsProvider(): The SSO session associated with this profile has expired or"
                + " is otherwise invalid.]"))).contains("aws sso login --profile dev");
    }

    @Test
    void credentialsAwsRefusesAreNamedWithTheirCode() {
        assertThat(describe(service("InvalidClientTokenId", "The security token included in the request is invalid.")))
                .startsWith("AWS does not accept the credentials (InvalidClientTokenId: The security token");
        assertThat(describe(service("ExpiredToken", "The security token included in the request is expired")))
                .startsWith("the AWS credentials have expired (ExpiredToken:");
        assertThat(describe(service("AccessDenied", "User is not authorized to perform: sts:GetCallerIdentity")))
                .isEqualTo("access denied (AccessDenied: User is not authorized to perform: sts:GetCallerIdentity):"
                        + " the identity this runs as lacks a permission the call needs");
        assertThat(describe(service("AccessDenied", "User: arn:aws:iam::123456789012:user/ci is not authorized to"
                + " perform: sts:GetCallerIdentity because an explicit deny in a service control policy")))
                .isEqualTo("access denied: arn:aws:iam::123456789012:user/ci may not call sts:GetCallerIdentity (an"
                        + " explicit deny in a service control policy): grant sts:GetCallerIdentity to the identity"
                        + " this runs as");
    }

    @Test
    void aRefusedOrUnknownEndpointSaysWhereAndDoesNotBlameTheCredentials() {
        SdkClientException refused = SdkClientException.builder().message("Unable to execute HTTP request")
                .cause(new ConnectException("Connection refused")).build();
        assertThat(AccessFailures.describe(refused, Optional.empty(), Optional.of("http://127.0.0.1:1"), "us-east-1"))
                .startsWith("cannot reach AWS at http://127.0.0.1:1: connection refused");
        SdkClientException unknown = SdkClientException.builder().message("Unable to execute HTTP request")
                .cause(new UnknownHostException("sts.eu-west-1.amazonaws.com")).build();
        assertThat(describe(unknown)).startsWith("cannot reach AWS STS in eu-west-1: host sts.eu-west-1.amazonaws.com"
                + " does not resolve");
    }

    @Test
    void aChainWithoutCredentialsSaysHowToProvideThem() {
        assertThat(describe(SdkClientException.create("Unable to load credentials from any of the providers in the"
                + " chain AwsCredentialsProviderChain(...) : [WebIdentityTokenCredentialsProvider(): Either the"
                + " environment variable AWS_WEB_IDENTITY_TOKEN_FILE or the javaproperty aws.webIdentityTokenFile must"
                + " be set., ProfileCredentialsProvider(): Profile file contained no credentials for profile 'dev']")))
                .startsWith("no AWS credentials found for profile dev: pass --profile NAME or set AWS_PROFILE");
    }

    @Test
    void aRefusedOidcTokenIsSTSsReasonNotTheChainsList() {
        String chain = "Unable to load credentials from any of the providers in the chain AwsCredentialsProviderChain("
                + "credentialsProviders=[...]) : [EnvironmentVariableCredentialsProvider(): Unable to load credentials"
                + " from system settings., WebIdentityTokenCredentialsProvider(): Incorrect token audience (Service: Sts,"
                + " Status Code: 400, Request ID: abc) (SDK Attempt Count: 1), ProfileCredentialsProvider(profileName="
                + "default): Profile file contained no credentials for profile 'default']";
        assertThat(describe(SdkClientException.create(chain))).isEqualTo("STS refused the OIDC token of"
                + " AWS_WEB_IDENTITY_TOKEN_FILE for AWS_ROLE_ARN (AssumeRoleWithWebIdentity): Incorrect token audience");
    }
}
