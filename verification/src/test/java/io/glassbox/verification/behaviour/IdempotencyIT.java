package io.glassbox.verification.behaviour;

import static org.assertj.core.api.Assertions.assertThat;

import io.glassbox.verification.support.CallRecorder;
import io.glassbox.verification.support.Cli;
import io.glassbox.verification.support.LocalEmulator;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Deploying an unchanged environment again changes nothing: no mutating call, and plan then exits 0. (The data
 * plane is covered by DataPlaneIT, which needs the emulated RDS master user.)
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IdempotencyIT {

    @BeforeAll
    void deployBothOnce() {
        LocalEmulator.reset();
        for (String env : List.of("staging", "production")) {
            Cli.Result first = Cli.run("deploy", "--env", env, "--skip-data-plane");
            assertThat(first.exitCode()).as(first.toString()).isZero();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void secondDeployMakesNoMutatingCall(String env) {
        CallRecorder recorder = new CallRecorder();
        Cli.Result second = Cli.run(List.of(recorder), "deploy", "--env", env, "--skip-data-plane");
        assertThat(second.exitCode()).as(second.toString()).isZero();
        assertThat(second.out()).contains("No changes.");
        assertThat(recorder.all()).as("the recorder saw the run's reads").isNotEmpty();
        assertThat(recorder.mutating()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void planThenExitsZeroWithDetailedExitCode(String env) {
        CallRecorder recorder = new CallRecorder();
        Cli.Result plan = Cli.run(List.of(recorder), "plan", "--env", env, "--detailed-exitcode");
        assertThat(plan.exitCode()).as(plan.toString()).isZero();
        assertThat(recorder.mutating()).isEmpty();
    }
}
