package io.glassbox.provisioner.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.glassbox.provisioner.engine.RunOptions;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.waiters.WaiterOverrideConfiguration;

class WaitsTest {

    @Test
    void theTimeoutDecidesNotTheWaitersOwnAttemptCount() {
        WaiterOverrideConfiguration config = Waits.configure(WaiterOverrideConfiguration.builder(),
                RunOptions.defaults(), Timeouts.RDS_AVAILABLE).build();

        assertThat(config.waitTimeout()).contains(Duration.ofMinutes(60));
        // 60 min at a 5 s poll is 720 polls; the RDS waiter's own 60 attempts would stop after 5 min.
        assertThat(config.maxAttempts()).hasValueSatisfying(attempts -> assertThat(attempts).isGreaterThan(720));
        assertThat(config.backoffStrategyV2()).isPresent();
        assertThat(config.backoffStrategyV2().get().computeDelay(1)).isEqualTo(RunOptions.DEFAULT_POLL_INTERVAL);
    }

    @Test
    void maxWaitCapsTheTimeoutAndThePollIntervalIsTheRuns() {
        RunOptions options = new RunOptions(false, false, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(Duration.ofMinutes(2)), Set.of(), false, Duration.ofMillis(100));

        WaiterOverrideConfiguration config = Waits.configure(WaiterOverrideConfiguration.builder(), options,
                Timeouts.ELASTICACHE_AVAILABLE).build();

        assertThat(config.waitTimeout()).contains(Duration.ofMinutes(2));
        assertThat(config.backoffStrategyV2().get().computeDelay(3)).isEqualTo(Duration.ofMillis(100));
        assertThat(config.maxAttempts()).hasValueSatisfying(attempts -> assertThat(attempts).isGreaterThan(1200));
    }

    @Test
    void aShortMaxWaitGetsSeveralLooksNotOne() {
        RunOptions options = new RunOptions(false, false, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(Duration.ofSeconds(5)), Set.of(), false, RunOptions.DEFAULT_POLL_INTERVAL);

        WaiterOverrideConfiguration config = Waits.configure(WaiterOverrideConfiguration.builder(), options,
                Timeouts.ELASTICACHE_AVAILABLE).build();

        // A 5 s poll within a 5 s limit would look once; a fifth of the limit looks five times.
        assertThat(config.backoffStrategyV2().get().computeDelay(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(options.pollWithin(Duration.ofMillis(200))).as("never below 100 ms").isEqualTo(Duration.ofMillis(100));
        assertThat(options.pollWithin(Duration.ofMinutes(10))).isEqualTo(RunOptions.DEFAULT_POLL_INTERVAL);
    }
}
