package io.glassbox.provisioner.aws;

import io.glassbox.provisioner.engine.ProvisionerException;
import java.time.Duration;
import java.util.function.BiConsumer;
import java.util.function.Predicate;

/**
 * Retries one call while its failure is worth another try, within a time limit, with a pause (doubling up to
 * a ceiling) between tries. The last failure is thrown as it came, so callers turn it into their own message.
 * Throttling and 5xx are the SDK retry strategy's job; this is for what the SDK cannot know is transient
 * (NotFound right after a create, a server still starting).
 */
public final class BoundedRetry {

    /** One try of the call; may fail with {@code E} (or an unchecked exception, which is never retried). */
    @FunctionalInterface
    public interface Attempt<T, E extends Exception> {
        T run() throws E;
    }

    private BoundedRetry() {
    }

    /**
     * Runs {@code attempt} until it succeeds, fails with an {@code E} that {@code retryable} rejects, or
     * {@code limit} has passed.
     */
    public static <T, E extends Exception> T retry(Duration limit, Duration firstPause, Duration maxPause,
                                                   Class<E> failure, Predicate<? super E> retryable,
                                                   Attempt<T, E> attempt) throws E {
        return retry(limit, firstPause, maxPause, failure, retryable, (e, waited) -> { }, attempt);
    }

    /**
     * As {@link #retry(Duration, Duration, Duration, Class, Predicate, Attempt)}, telling {@code beforePause} of
     * each failure that will be tried again and how long the retries have taken so far (for progress).
     */
    public static <T, E extends Exception> T retry(Duration limit, Duration firstPause, Duration maxPause,
                                                   Class<E> failure, Predicate<? super E> retryable,
                                                   BiConsumer<? super E, Duration> beforePause,
                                                   Attempt<T, E> attempt) throws E {
        long start = System.nanoTime();
        long deadline = start + limit.toNanos();
        Duration pause = firstPause;
        while (true) {
            try {
                return attempt.run();
            } catch (Exception e) {
                if (!failure.isInstance(e)) {
                    throw (RuntimeException) e; // an Attempt<T, E> throws nothing else that is checked
                }
                E expected = failure.cast(e);
                if (!retryable.test(expected) || System.nanoTime() > deadline) {
                    throw expected;
                }
                beforePause.accept(expected, Duration.ofNanos(System.nanoTime() - start));
            }
            sleep(pause);
            Duration next = pause.multipliedBy(2);
            pause = next.compareTo(maxPause) > 0 ? maxPause : next;
        }
    }

    /** Sleeps for {@code pause}; an interrupt ends the run. */
    public static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProvisionerException("interrupted while waiting to try again", e);
        }
    }
}
