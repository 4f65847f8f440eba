package io.glassbox.provisioner.engine;

import io.glassbox.provisioner.aws.AccessDenials;
import io.glassbox.provisioner.aws.AccessFailures;
import io.glassbox.provisioner.aws.AwsErrors;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/** Turns any failure into one line for an operator, without a stack trace. */
public final class Failures {

    private Failures() {
    }

    /** {@code step → why} for every step that failed or was skipped. */
    public static Map<StepId, String> of(Map<StepId, GraphExecutor.Outcome> outcomes) {
        Map<StepId, String> failures = new LinkedHashMap<>();
        outcomes.forEach((id, outcome) -> {
            if (outcome.error() != null) {
                failures.put(id, describe(outcome.error()));
            }
        });
        return failures;
    }

    /** One indented line per failed step, for a message that stops a run. */
    public static String listed(Map<StepId, String> failures) {
        return failures.entrySet().stream().map(e -> "\n  " + e.getKey() + ": " + e.getValue())
                .collect(Collectors.joining());
    }

    public static String describe(Throwable e) {
        if (e instanceof ProvisionerException) {
            return e.getMessage();
        }
        if (e instanceof AwsServiceException aws) {
            return AccessDenials.describe(aws).orElseGet(() -> "AWS error " + AwsErrors.describe(aws));
        }
        if (e instanceof SdkClientException) {
            String message = firstLine(e.getMessage());
            if (AccessFailures.isMissingCredentials(message)) {
                return AccessFailures.noCredentials(java.util.Optional.empty());
            }
            if (message.contains("waiter has exceeded the max wait time")) {
                // The SDK waiter's own timeout, not a network failure.
                return "gave up waiting: AWS did not reach the state awaited within the wait's limit (or --max-wait)";
            }
            return "cannot reach AWS: " + shorten(message);
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + firstLine(e.getMessage()));
    }

    /** SDK messages can run to kilobytes; an operator needs the start. */
    private static String shorten(String text) {
        return text.length() <= MAX_LENGTH ? text : text.substring(0, MAX_LENGTH) + "…";
    }

    private static final int MAX_LENGTH = 300;

    private static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
