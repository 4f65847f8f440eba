package io.glassbox.provisioner.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.glassbox.provisioner.aws.AwsClients;
import io.glassbox.provisioner.aws.AwsSettings;
import io.glassbox.provisioner.spec.Environment;
import io.glassbox.provisioner.spec.EnvironmentSpecs;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/** The engine's one bounded retry: which refusals it waits out, for how long, and what it tells the listener. */
class TransientRetryTest {

    private static final StepId STEP = StepId.of("network.security-group.ecs");
    private static final TransientRefusal LINGERING = TransientRefusal.of("network interfaces to go",
            Duration.ofMinutes(20), "DependencyViolation");
    private static final TransientRefusal PROPAGATION = TransientRefusal.withMessage("the role to propagate",
            Duration.ofMinutes(2), "Unable to assume", "InvalidParameter");

    /** Polls every 50 ms, so the retries of a test take milliseconds. */
    private static final RunOptions FAST = new RunOptions(false, false, Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), Set.of(), false, Duration.ofMillis(50));

    private final List<String> told = new CopyOnWriteArrayList<>();
    private final ProvisionerListener listener = new ProvisionerListener() {
        @Override
        public void waiting(StepId step, String what, Duration waited, Duration limit) {
            told.add(step + " " + what + " limit " + limit.toSeconds());
        }
    };

    @Test
    void retriesTheRefusalUntilItPassesAndSaysWhatItWaitsFor() {
        AtomicInteger calls = new AtomicInteger();
        String answer = context(FAST).during(STEP, listener).retrying(LINGERING, () -> {
            if (calls.incrementAndGet() < 3) {
                throw error("DependencyViolation", "resource sg-1 has a dependent object");
            }
            return "deleted";
        });
        assertThat(answer).isEqualTo("deleted");
        assertThat(calls).hasValue(3);
        // Told once when the wait began; the next report is due only after 30 s.
        assertThat(told).containsExactly(STEP + " network interfaces to go (DependencyViolation) limit 1200");
    }

    @Test
    void anotherErrorPassesThroughAtOnce() {
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> context(FAST).during(STEP, listener).retrying(LINGERING, () -> {
            calls.incrementAndGet();
            throw error("InvalidGroup.InUse", "in use by another account");
        })).isInstanceOf(AwsServiceException.class);
        assertThat(calls).hasValue(1);
        assertThat(told).isEmpty();
    }

    @Test
    void theMessageTellsATransientRefusalFromALastingOne() {
        assertThat(PROPAGATION.matches(error("InvalidParameter", "Unable to assume given IAM role"))).isTrue();
        assertThat(PROPAGATION.matches(error("InvalidParameter", "Invalid traffic type"))).isFalse();
        assertThat(PROPAGATION.matches(error("AccessDenied", "Unable to assume given IAM role"))).isFalse();
    }

    @Test
    void maxWaitCapsTheLimitAndTheGiveUpIsOneLine() {
        RunOptions capped = new RunOptions(false, false, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(Duration.ofMillis(300)), Set.of(), false, Duration.ofMillis(50));
        AtomicInteger calls = new AtomicInteger();
        long start = System.nanoTime();
        assertThatThrownBy(() -> context(capped).during(STEP, listener).retrying(LINGERING, () -> {
            calls.incrementAndGet();
            throw error("DependencyViolation", "resource sg-1 has a dependent object");
        })).isInstanceOf(ProvisionerException.class)
                .hasMessageStartingWith("gave up after 0 s (limit 0 s) waiting for network interfaces to go:")
                .hasMessageEndingWith("DependencyViolation: resource sg-1 has a dependent object");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(calls.get()).isGreaterThan(2);
    }

    @Test
    void aContextOutsideAStepWaitsSilently() {
        AtomicInteger calls = new AtomicInteger();
        context(FAST).retrying(LINGERING, () -> {
            if (calls.incrementAndGet() < 2) {
                throw error("DependencyViolation", "dependent object");
            }
        });
        assertThat(calls).hasValue(2);
        assertThat(told).isEmpty();
    }

    private static AwsServiceException error(String code, String message) {
        return AwsServiceException.builder().message(message)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message).build()).build();
    }

    private static StepContext context(RunOptions options) {
        AwsClients clients = new AwsClients(new AwsSettings("us-east-1", Optional.empty(),
                Optional.of(StaticCredentialsProvider.create(AwsBasicCredentials.create("unit", "unit"))),
                Optional.empty(), List.of()));
        return new StepContext(clients, EnvironmentSpecs.forEnvironment(Environment.STAGING), new Outputs(), true,
                options, SharedReads.none(), Map.of());
    }
}
