package io.glassbox.provisioner.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BoundedRetryTest {

    private static final Duration PAUSE = Duration.ofMillis(1);
    private final AtomicInteger tries = new AtomicInteger();

    @Test
    void retriesARetryableFailureUntilTheCallSucceeds() throws IOException {
        String result = BoundedRetry.retry(Duration.ofSeconds(5), PAUSE, PAUSE, IOException.class,
                e -> e.getMessage().equals("starting"), () -> {
                    if (tries.incrementAndGet() < 3) {
                        throw new IOException("starting");
                    }
                    return "up";
                });
        assertThat(result).isEqualTo("up");
        assertThat(tries).hasValue(3);
    }

    @Test
    void aFailureThatIsNotRetryableComesBackAtOnce() {
        assertThatThrownBy(() -> BoundedRetry.retry(Duration.ofSeconds(5), PAUSE, PAUSE, IOException.class,
                e -> false, () -> {
                    tries.incrementAndGet();
                    throw new IOException("refused for good");
                })).isInstanceOf(IOException.class).hasMessage("refused for good");
        assertThat(tries).hasValue(1);
    }

    @Test
    void givesUpWithTheLastFailureOnceTheLimitHasPassed() {
        assertThatThrownBy(() -> BoundedRetry.retry(Duration.ofMillis(30), PAUSE, Duration.ofMillis(5),
                IOException.class, e -> true, () -> {
                    throw new IOException("try " + tries.incrementAndGet());
                })).isInstanceOf(IOException.class).hasMessageStartingWith("try ");
        assertThat(tries.get()).isGreaterThan(1);
    }

    @Test
    void uncheckedFailuresAreNeverRetried() {
        assertThatThrownBy(() -> BoundedRetry.retry(Duration.ofSeconds(5), PAUSE, PAUSE, IOException.class,
                e -> true, () -> {
                    tries.incrementAndGet();
                    throw new IllegalStateException("bug");
                })).isInstanceOf(IllegalStateException.class);
        assertThat(tries).hasValue(1);
    }
}
