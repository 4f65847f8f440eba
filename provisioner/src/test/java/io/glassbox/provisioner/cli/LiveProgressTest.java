package io.glassbox.provisioner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.glassbox.provisioner.engine.StepId;
import io.glassbox.provisioner.engine.StepStatus;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The live view: a line per step in its state, redrawn in place; long runs fold finished steps. */
class LiveProgressTest {

    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

    @Test
    void eachStepShowsWaitingRunningWithElapsedDoneOrFailed() {
        ProgressBoard board = new ProgressBoard();
        board.waiting(StepId.of("network.vpc"));
        board.waiting(StepId.of("database.instance"));
        board.waiting(StepId.of("storage.bucket"));
        board.waiting(StepId.of("messaging.queue.agent-jobs"));
        board.started(StepId.of("network.vpc"), "apply", T0);
        board.started(StepId.of("storage.bucket"), "apply", T0);
        board.finished(StepId.of("storage.bucket"), StepStatus.DONE, Duration.ofMillis(1200), "");
        board.started(StepId.of("messaging.queue.agent-jobs"), "apply", T0);
        board.finished(StepId.of("messaging.queue.agent-jobs"), StepStatus.FAILED, Duration.ofSeconds(1), "AWS error X");
        assertThat(board.render(T0.plusMillis(2500))).containsExactly(
                "  >>   network.vpc  applying 2.5s",
                "  ..   database.instance  waiting",
                "  ok   storage.bucket  1.2s",
                "  ERR  messaging.queue.agent-jobs  AWS error X");
    }

    @Test
    void aLongRunFoldsItsFinishedStepsIntoOneLine() {
        ProgressBoard board = new ProgressBoard();
        for (int i = 0; i < ProgressBoard.MAX_LINES + 5; i++) {
            board.waiting(StepId.of("s.step" + i));
        }
        for (int i = 0; i < 20; i++) {
            board.finished(StepId.of("s.step" + i), StepStatus.DONE, Duration.ofSeconds(1), "");
        }
        assertThat(board.render(T0)).first().isEqualTo("  ok   20 steps done");
        assertThat(board.render(T0)).hasSize(1 + ProgressBoard.MAX_LINES + 5 - 20);
    }

    @Test
    void redrawMovesBackOverTheLastFrame() {
        StringWriter out = new StringWriter();
        LiveReporter live = new LiveReporter(new TextReporter(new PrintWriter(out), new PrintWriter(new StringWriter()),
                false), new PrintWriter(out), Clock.fixed(T0, ZoneOffset.UTC));
        live.planned(new io.glassbox.provisioner.engine.StepPlan(StepId.of("network.vpc"),
                io.glassbox.provisioner.spec.StackName.NETWORK, "VPC", "glassbox-staging", java.util.Optional.empty(),
                java.util.List.of(io.glassbox.provisioner.engine.Change.create("VPC"))));
        live.redraw();
        live.stepFinished(StepId.of("network.vpc"), StepStatus.DONE, Duration.ofSeconds(2), "");
        assertThat(out.toString()).contains("\u001b[2K  ..   network.vpc  waiting\n")
                .contains("\u001b[1F\u001b[2K  ok   network.vpc  2.0s\n");
    }
}
