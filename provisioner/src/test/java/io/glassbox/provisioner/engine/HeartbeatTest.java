package io.glassbox.provisioner.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** A running step is reported at least every interval, with the wait it began, until it finishes. No network. */
class HeartbeatTest {

    private final List<String> told = new CopyOnWriteArrayList<>();
    private final ProvisionerListener recorder = new ProvisionerListener() {
        @Override
        public void waiting(StepId step, String what, Duration waited, Duration limit) {
            told.add(step + " " + what + " limit " + limit.toSeconds());
        }
    };

    @Test
    void aLongStepIsReportedEveryIntervalWithWhatItWaitsForUntilItFinishes() throws Exception {
        StepId step = StepId.of("database.instance");
        try (Heartbeat beat = new Heartbeat(recorder, Duration.ofMillis(200))) {
            beat.stepStarted(step, "apply");
            await().atMost(Duration.ofSeconds(5)).until(() -> !told.isEmpty());
            assertThat(told.get(0)).isEqualTo("database.instance its apply to finish limit 0");

            beat.waitBegins(step, "RDS instance glassbox-staging to be available", Duration.ofMinutes(40));
            await().atMost(Duration.ofSeconds(5)).until(() -> told.size() >= 3);
            assertThat(told.subList(1, told.size()))
                    .allMatch(line -> line.equals("database.instance RDS instance glassbox-staging to be available"
                            + " limit 2400"));

            beat.stepFinished(step, StepStatus.DONE, Duration.ofSeconds(1), "");
            int afterFinish = told.size();
            Thread.sleep(600);
            assertThat(told).as("nothing once the step finished").hasSize(afterFinish);
        }
    }

    @Test
    void aStepThatReportsItsOwnWaitIsNotReportedTwice() throws Exception {
        StepId step = StepId.of("network.vpc");
        try (Heartbeat beat = new Heartbeat(recorder, Duration.ofMillis(300))) {
            beat.stepStarted(step, "destroy");
            for (int i = 0; i < 8; i++) {
                beat.waiting(step, "interfaces to go", Duration.ofMillis(100L * i), Duration.ofMinutes(20));
                Thread.sleep(100);
            }
            assertThat(told).as("only the step's own reports").allMatch(line -> line.contains("interfaces to go"))
                    .hasSize(8);
            beat.stepFinished(step, StepStatus.DONE, Duration.ofSeconds(1), "");
        }
    }
}
