package io.glassbox.provisioner.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SharedReadsTest {

    @Test
    void duringAPlanEachReadIsMadeOncePerKeyEvenWhenStepsAskTogether() throws Exception {
        SharedReads reads = SharedReads.perRun();
        AtomicInteger calls = new AtomicInteger();
        CountDownLatch inFlight = new CountDownLatch(1);
        ExecutorService steps = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<String>>> answers = steps.invokeAll(List.of(
                    () -> reads.get("ec2.subnets", () -> slowRead(calls, inFlight)),
                    () -> reads.get("ec2.subnets", () -> slowRead(calls, inFlight)),
                    () -> reads.get("ec2.subnets", () -> slowRead(calls, inFlight))), 5, TimeUnit.SECONDS);
            for (Future<List<String>> answer : answers) {
                assertThat(answer.get()).containsExactly("subnet-1", "subnet-2");
            }
        } finally {
            steps.shutdownNow();
        }
        assertThat(calls).hasValue(1);
        assertThat(reads.get("ec2.route-tables", () -> List.of("rtb-" + calls.incrementAndGet()))).containsExactly("rtb-2");
    }

    @Test
    void whileApplyingEveryReadGoesToAws() {
        SharedReads reads = SharedReads.none();
        AtomicInteger calls = new AtomicInteger();
        reads.get("ec2.subnets", calls::incrementAndGet);
        reads.get("ec2.subnets", calls::incrementAndGet);
        assertThat(calls).hasValue(2);
    }

    @Test
    void aFailedReadIsNotRememberedSoTheNextStepTriesAgain() {
        SharedReads reads = SharedReads.perRun();
        assertThatThrownBy(() -> reads.get("sqs.queues", () -> {
            throw new IllegalStateException("throttled");
        })).hasMessage("throttled");
        assertThat(reads.get("sqs.queues", () -> "answer")).isEqualTo("answer");
    }

    private static List<String> slowRead(AtomicInteger calls, CountDownLatch inFlight) throws RuntimeException {
        calls.incrementAndGet();
        inFlight.countDown();
        try {
            Thread.sleep(200); // the other steps ask while this read is in flight
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return List.of("subnet-1", "subnet-2");
    }
}
