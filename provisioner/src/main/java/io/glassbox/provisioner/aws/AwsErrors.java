package io.glassbox.provisioner.aws;

import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/** Classifies AWS errors by their error code, the way terraform-provider-aws's finders map NotFound. */
public final class AwsErrors {

    private AwsErrors() {
    }

    /** The service's error code, or an empty string when the error has none. */
    public static String code(AwsServiceException e) {
        return e.awsErrorDetails() == null || e.awsErrorDetails().errorCode() == null
                ? "" : e.awsErrorDetails().errorCode();
    }

    /** Whether {@code e} carries one of the given codes (a resource's own NotFound codes, typically). */
    public static boolean hasCode(AwsServiceException e, Set<String> codes) {
        return codes.contains(code(e));
    }

    /** One line for an operator: {@code InvalidVpcID.NotFound: The vpc ID 'vpc-1' does not exist}. */
    public static String describe(AwsServiceException e) {
        String message = e.awsErrorDetails() != null && e.awsErrorDetails().errorMessage() != null
                ? e.awsErrorDetails().errorMessage() : e.getMessage();
        String code = code(e);
        return code.isEmpty() ? message : code + ": " + message;
    }
}
