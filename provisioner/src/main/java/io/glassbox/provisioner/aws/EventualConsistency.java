package io.glassbox.provisioner.aws;

import io.glassbox.provisioner.engine.ProvisionerException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * Retries for the window right after a create in which AWS may not yet know the new resource
 * (EC2 API Reference, "Eventual consistency"): only named NotFound codes are retried, with backoff, up to
 * {@link Timeouts#EVENTUAL_CONSISTENCY}. Throttling and 5xx are the SDK retry strategy's job, not this one's.
 */
public final class EventualConsistency {

    private static final Duration FIRST_PAUSE = Duration.ofMillis(250);
    private static final Duration MAX_PAUSE = Duration.ofSeconds(5);

    private EventualConsistency() {
    }

    /** Calls {@code call}, retrying while it fails with one of {@code codes}. */
    public static <T> T retryOn(Set<String> codes, Supplier<T> call) {
        return BoundedRetry.retry(Timeouts.EVENTUAL_CONSISTENCY, FIRST_PAUSE, MAX_PAUSE, AwsServiceException.class,
                e -> AwsErrors.hasCode(e, codes), call::get);
    }

    /** Calls {@code finder} until it finds what was just created. */
    public static <T> T awaitPresent(String what, Supplier<Optional<T>> finder) {
        long deadline = System.nanoTime() + Timeouts.EVENTUAL_CONSISTENCY.toNanos();
        Duration pause = FIRST_PAUSE;
        while (true) {
            Optional<T> found = finder.get();
            if (found.isPresent()) {
                return found.get();
            }
            if (System.nanoTime() > deadline) {
                throw new ProvisionerException(what + " was created but cannot be found after "
                        + Timeouts.EVENTUAL_CONSISTENCY.toSeconds() + " s");
            }
            BoundedRetry.sleep(pause);
            Duration next = pause.multipliedBy(2);
            pause = next.compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : next;
        }
    }
}
