package io.glassbox.provisioner.engine;

import io.glassbox.provisioner.aws.AwsErrors;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/** Turns any failure into one line for an operator, without a stack trace. */
public final class Failures {

    private Failures() {
    }

    public static String describe(Throwable e) {
        if (e instanceof ProvisionerException) {
            return e.getMessage();
        }
        if (e instanceof AwsServiceException aws) {
            return "AWS error " + AwsErrors.describe(aws);
        }
        if (e instanceof SdkClientException) {
            return "cannot reach AWS: " + firstLine(e.getMessage());
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + firstLine(e.getMessage()));
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
