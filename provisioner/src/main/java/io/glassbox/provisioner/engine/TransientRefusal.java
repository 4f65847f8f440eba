package io.glassbox.provisioner.engine;

import io.glassbox.provisioner.aws.AwsErrors;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * A refusal AWS gives for a while and then stops giving, with nothing for us to change: a network interface of a
 * deleted load balancer still holding its security group, a role IAM has not yet propagated. Declared next to the
 * call it concerns (with the AWS source that documents it) and retried by {@link StepContext#retrying}, the one
 * place a step waits out such a refusal.
 *
 * @param waitingFor      what the run waits for meanwhile, shown in progress ("network interfaces of deleted
 *                        resources to go")
 * @param codes           the error codes AWS answers while it lasts
 * @param messageContains a fragment of the error message that tells this refusal from the same code's lasting
 *                        meaning (case-insensitive), when the code alone does not
 * @param limit           how long it may last before the run gives up (capped by {@code --max-wait})
 */
public record TransientRefusal(String waitingFor, Set<String> codes, Optional<String> messageContains,
                               Duration limit) {

    public TransientRefusal {
        codes = Set.copyOf(codes);
        if (codes.isEmpty()) {
            throw new IllegalArgumentException("a transient refusal names at least one error code");
        }
    }

    /** A refusal recognised by its code alone. */
    public static TransientRefusal of(String waitingFor, Duration limit, String... codes) {
        return new TransientRefusal(waitingFor, Set.of(codes), Optional.empty(), limit);
    }

    /** A refusal recognised by its code and a fragment of its message. */
    public static TransientRefusal withMessage(String waitingFor, Duration limit, String messageContains,
                                               String... codes) {
        return new TransientRefusal(waitingFor, Set.of(codes), Optional.of(messageContains), limit);
    }

    /** Whether {@code e} is this refusal. */
    public boolean matches(AwsServiceException e) {
        if (!AwsErrors.hasCode(e, codes)) {
            return false;
        }
        return messageContains.map(fragment -> {
            String message = e.awsErrorDetails() == null || e.awsErrorDetails().errorMessage() == null
                    ? String.valueOf(e.getMessage()) : e.awsErrorDetails().errorMessage();
            return message.toLowerCase(Locale.ROOT).contains(fragment.toLowerCase(Locale.ROOT));
        }).orElse(true);
    }
}
