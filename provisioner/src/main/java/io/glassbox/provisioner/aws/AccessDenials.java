package io.glassbox.provisioner.aws;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * One line for a call IAM denied halfway through a run: who was denied, the action, the resource and why, so that
 * the missing permission can be granted without digging through a stack trace or decoding a message. Services
 * answer with different codes (AccessDenied, AccessDeniedException, EC2's UnauthorizedOperation, SNS's
 * AuthorizationError) but one shape of message: "User: ARN is not authorized to perform: ACTION on resource:
 * RESOURCE because ..." (IAM User Guide, "Troubleshoot access denied error messages").
 */
public final class AccessDenials {

    /** The error codes of a denied call, by service (each service's API Reference, "Common Errors"). */
    private static final Set<String> CODES = Set.of("AccessDenied", "AccessDeniedException", "UnauthorizedOperation",
            "AuthorizationError", "AuthorizationErrorException", "AccessDeniedForDependencyException");
    private static final Pattern DENIAL = Pattern.compile(
            "User: (\\S+) is not authorized to perform: ([\\w-]+:\\w+)(?: on resource: (\\S+?))?"
                    + "(?: because (.+?))?(?:\\. Encoded authorization failure message.*)?\\.?$", Pattern.DOTALL);

    private AccessDenials() {
    }

    /** Whether {@code e} is a denied call. */
    public static boolean isDenied(AwsServiceException e) {
        return CODES.contains(AwsErrors.code(e)) || e.statusCode() == 403 && DENIAL.matcher(message(e)).find();
    }

    /** The line for a denied call, when {@code e} is one. */
    public static Optional<String> describe(AwsServiceException e) {
        if (!isDenied(e)) {
            return Optional.empty();
        }
        String text = message(e);
        Matcher denial = DENIAL.matcher(text);
        if (!denial.find()) {
            return Optional.of("access denied (" + AwsErrors.describe(e) + "): the identity this runs as lacks a"
                    + " permission the call needs");
        }
        String resource = denial.group(3) == null ? "" : " on " + denial.group(3);
        String because = denial.group(4) == null ? "" : " (" + denial.group(4).strip() + ")";
        return Optional.of("access denied: " + denial.group(1) + " may not call " + denial.group(2) + resource
                + because + ": grant " + denial.group(2) + " to the identity this runs as");
    }

    private static String message(AwsServiceException e) {
        return e.awsErrorDetails() != null && e.awsErrorDetails().errorMessage() != null
                ? e.awsErrorDetails().errorMessage() : String.valueOf(e.getMessage());
    }
}
