package io.glassbox.provisioner.aws;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;

/**
 * Turns a failure to get as far as "who am I" (credentials, the endpoint, STS) into the one line an operator can
 * act on: how to provide credentials, {@code aws sso login --profile NAME} for an expired IAM Identity Center
 * login, which credentials AWS refused, or which endpoint does not answer. The SDK's own messages are kept where
 * they are the best explanation.
 */
public final class AccessFailures {

    /** What the credentials chain says when none of its providers had credentials (SDK DefaultCredentialsProvider). */
    private static final String NO_CREDENTIALS = "Unable to load credentials";
    /** What ProfileCredentialsProvider says of a profile that is not in the config files or has no credentials. */
    private static final String NO_PROFILE = "Profile file contained no credentials";
    /**
     * What the SDK's SSO providers say of an expired or missing login: the legacy provider's ExpiredTokenException,
     * the sso-session token provider's "Token is expired" (SDK sources: SsoAccessTokenProvider, SsoOidcTokenProvider)
     * and the portal's UnauthorizedException for a token it does not know (SSO Portal API Reference, GetRoleCredentials).
     */
    private static final Set<String> SSO_EXPIRED = Set.of("SSO session associated with this profile has expired",
            "Token is expired", "SSO session's expiration time could not be determined",
            "Session token not found or invalid", "UnauthorizedException");
    /** STS and service codes for credentials AWS does not accept (STS API Reference, "Common Errors"). */
    private static final Set<String> REJECTED = Set.of("InvalidClientTokenId", "UnrecognizedClientException",
            "SignatureDoesNotMatch", "IncompleteSignature", "InvalidAccessKeyId", "InvalidIdentityToken",
            "IDPRejectedClaim", "IDPCommunicationError");
    private static final Set<String> EXPIRED = Set.of("ExpiredToken", "ExpiredTokenException", "RequestExpired");
    /**
     * The default chain reports each provider's failure in its message; the web identity provider's is the one that
     * matters when a pipeline set AWS_ROLE_ARN and AWS_WEB_IDENTITY_TOKEN_FILE (its "not set" message otherwise).
     */
    private static final Pattern WEB_IDENTITY = Pattern.compile(
            "WebIdentityTokenCredentialsProvider\\(\\): (.+?)(?: \\(Service: [^)]*\\)| \\(SDK Attempt|, \\w+CredentialsProvider\\(|]$|$)");
    private static final String WEB_IDENTITY_UNSET = "Either the environment variable AWS_WEB_IDENTITY_TOKEN_FILE";

    private AccessFailures() {
    }

    /**
     * One line for a failure of the run's first call.
     *
     * @param profile  the profile in use (--profile or AWS_PROFILE), for the sso login advice
     * @param endpoint where the calls go, as the operator named it (an emulator's URL), or empty for AWS's own
     * @param region   the run's region
     */
    public static String describe(Throwable failure, Optional<String> profile, Optional<String> endpoint,
                                  String region) {
        String text = allMessages(failure);
        String where = endpoint.map(e -> "AWS at " + e).orElse("AWS STS in " + region);
        String profileName = profile.orElse("default");
        if (SSO_EXPIRED.stream().anyMatch(text::contains)) {
            return "the IAM Identity Center (SSO) login of profile " + profileName + " has expired or is missing:"
                    + " run aws sso login --profile " + profileName + ", then try again";
        }
        Matcher webIdentity = WEB_IDENTITY.matcher(text);
        if (webIdentity.find() && !webIdentity.group(1).startsWith(WEB_IDENTITY_UNSET)) {
            return "STS refused the OIDC token of AWS_WEB_IDENTITY_TOKEN_FILE for AWS_ROLE_ARN"
                    + " (AssumeRoleWithWebIdentity): " + webIdentity.group(1);
        }
        Optional<AwsServiceException> service = causeOf(failure, AwsServiceException.class);
        if (service.isPresent()) {
            String code = AwsErrors.code(service.get());
            String detail = AwsErrors.describe(service.get());
            if (EXPIRED.contains(code)) {
                return "the AWS credentials have expired (" + detail + "): get new ones (aws sso login --profile "
                        + profileName + " for IAM Identity Center, a new OIDC token in CI)";
            }
            if (REJECTED.contains(code)) {
                return "AWS does not accept the credentials (" + detail + "): check --profile, AWS_PROFILE or the"
                        + " AWS_ACCESS_KEY_ID in use";
            }
            Optional<String> denied = AccessDenials.describe(service.get());
            if (denied.isPresent()) {
                return denied.get();
            }
            return "AWS error " + detail;
        }
        Optional<UnknownHostException> unknownHost = causeOf(failure, UnknownHostException.class);
        if (unknownHost.isPresent()) {
            return "cannot reach " + where + ": host " + unknownHost.get().getMessage() + " does not resolve"
                    + " (check --endpoint-url, AWS_ENDPOINT_URL, --region and the network)";
        }
        if (causeOf(failure, ConnectException.class).isPresent()) {
            return "cannot reach " + where + ": connection refused (check --endpoint-url, AWS_ENDPOINT_URL and the"
                    + " network)";
        }
        if (causeOf(failure, SocketTimeoutException.class).isPresent()
                || causeOf(failure, ApiCallTimeoutException.class).isPresent()
                || causeOf(failure, ApiCallAttemptTimeoutException.class).isPresent()) {
            return "cannot reach " + where + ": no answer in time (check the network, a proxy, --endpoint-url)";
        }
        if (isMissingCredentials(text)) {
            return noCredentials(profile);
        }
        return "cannot get the caller's identity from " + where + ": " + firstLine(failure.getMessage());
    }

    /** Whether an SDK message says the credentials chain found none. */
    public static boolean isMissingCredentials(String message) {
        return message.contains(NO_CREDENTIALS) || message.contains(NO_PROFILE);
    }

    /** The one line for a run without credentials: every way to provide them. */
    public static String noCredentials(Optional<String> profile) {
        return "no AWS credentials found" + profile.map(p -> " for profile " + p).orElse("") + ": pass --profile"
                + " NAME or set AWS_PROFILE (for IAM Identity Center run aws sso login --profile NAME first), or set"
                + " AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or in CI AWS_ROLE_ARN with"
                + " AWS_WEB_IDENTITY_TOKEN_FILE (OIDC)";
    }

    private static <T extends Throwable> Optional<T> causeOf(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return Optional.of(type.cast(t));
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return Optional.empty();
    }

    /** Every message of the cause chain, and the exception class names (the SSO providers' exception types). */
    private static String allMessages(Throwable failure) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            text.append(t.getClass().getSimpleName()).append(": ").append(t.getMessage()).append('\n');
        }
        return text.toString();
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
