package io.glassbox.provisioner.engine;

import io.glassbox.provisioner.aws.AwsErrors;
import io.glassbox.provisioner.aws.BoundedRetry;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * Runs one call through a {@link TransientRefusal}: while AWS answers that refusal, tries again (pauses from
 * one second up to the run's poll interval) until the refusal's limit, capped by {@code --max-wait}; tells the
 * listener what the step waits for when the wait begins and then every {@link #REPORT_EVERY}, so a CI log never
 * sits silent. Any other failure passes through at once; a refusal that outlasts the limit becomes one line
 * naming what was waited for and for how long.
 */
final class TransientRetry {

    /** How often a continuing wait is reported: often enough that a log shows it is alive. */
    static final Duration REPORT_EVERY = Duration.ofSeconds(30);
    private static final Duration FIRST_PAUSE = Duration.ofSeconds(1);

    private TransientRetry() {
    }

    /**
     * Asks {@code poll} until it answers, with the same pauses, reports and limit as {@link #run}: for what AWS shows
     * only some time after a call succeeded (a new certificate's DNS record).
     */
    static <T> T await(String what, Duration timeout, RunOptions options, Optional<StepId> step,
                       ProvisionerListener listener, Supplier<Optional<T>> poll) {
        Duration limit = options.cap(timeout);
        Duration maxPause = options.pollWithin(limit);
        Duration pause = FIRST_PAUSE.compareTo(maxPause) < 0 ? FIRST_PAUSE : maxPause;
        long start = System.nanoTime();
        long nextReport = start;
        while (true) {
            Optional<T> answer = poll.get();
            if (answer.isPresent()) {
                return answer.get();
            }
            long now = System.nanoTime();
            Duration waited = Duration.ofNanos(now - start);
            if (waited.compareTo(limit) > 0) {
                throw new ProvisionerException("gave up after " + waited.toSeconds() + " s waiting for " + what);
            }
            if (step.isPresent() && now >= nextReport) {
                nextReport = now + REPORT_EVERY.toNanos();
                listener.waiting(step.get(), what, waited, limit);
            }
            BoundedRetry.sleep(pause);
            Duration next = pause.multipliedBy(2);
            pause = next.compareTo(maxPause) > 0 ? maxPause : next;
        }
    }

    static <T> T run(TransientRefusal refusal, RunOptions options, Optional<StepId> step,
                     ProvisionerListener listener, Supplier<T> call) {
        Duration limit = options.cap(refusal.limit());
        Duration maxPause = options.pollWithin(limit);
        Duration firstPause = FIRST_PAUSE.compareTo(maxPause) < 0 ? FIRST_PAUSE : maxPause;
        long start = System.nanoTime();
        long[] nextReport = {start};
        try {
            return BoundedRetry.retry(limit, firstPause, maxPause, AwsServiceException.class, refusal::matches,
                    (failure, waited) -> {
                        long now = System.nanoTime();
                        if (step.isPresent() && now >= nextReport[0]) {
                            nextReport[0] = now + REPORT_EVERY.toNanos();
                            listener.waiting(step.get(), refusal.waitingFor() + " (" + AwsErrors.code(failure) + ")",
                                    waited, limit);
                        }
                    }, call::get);
        } catch (AwsServiceException e) {
            if (!refusal.matches(e)) {
                throw e;
            }
            Duration waited = Duration.ofNanos(System.nanoTime() - start);
            throw new ProvisionerException("gave up after " + waited.toSeconds() + " s (limit " + limit.toSeconds()
                    + " s) waiting for " + refusal.waitingFor() + ": " + AwsErrors.describe(e), e);
        }
    }
}
