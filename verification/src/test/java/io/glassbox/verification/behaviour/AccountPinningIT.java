package io.glassbox.verification.behaviour;

import static org.assertj.core.api.Assertions.assertThat;

import io.glassbox.verification.support.AwsProbe;
import io.glassbox.verification.support.CallRecorder;
import io.glassbox.verification.support.Cli;
import io.glassbox.verification.support.LocalEmulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A config that pins the environment to an account ({@code accountId}): with credentials of another account, every
 * command refuses after asking who it is and before any other call; with the pinned account it runs.
 */
class AccountPinningIT {

    @TempDir
    Path dir;

    private Path config(String account) throws Exception {
        return Files.writeString(dir.resolve("glassbox-" + account + ".yaml"), "accountId: \"" + account + "\"\n");
    }

    @Test
    void everyCommandRefusesAnotherAccountBeforeAnyOtherCall() throws Exception {
        LocalEmulator.reset();
        Path wrong = config("210987654321");
        for (List<String> command : List.of(List.of("deploy", "--yes"), List.of("plan"), List.of("destroy", "--yes"),
                List.of("outputs"), List.of("docs"), List.of("migrate", "--from-cloudformation", "--yes"))) {
            CallRecorder recorder = new CallRecorder();
            String[] args = new java.util.ArrayList<String>(command) {{
                addAll(List.of("--env", "production", "--config", wrong.toString()));
            }}.toArray(String[]::new);
            Cli.Result result = Cli.run(List.of(recorder), args);
            assertThat(result.exitCode()).as(command + ": " + result).isEqualTo(1);
            assertThat(result.err().strip().lines()).as(result.err()).hasSize(1);
            assertThat(result.err()).contains("the credentials are for account " + AwsProbe.ACCOUNT)
                    .contains("pins production to account 210987654321 (accountId)")
                    .contains("nothing was read or changed");
            assertThat(recorder.all()).as(command + " made only the identity call").containsExactly("Sts.GetCallerIdentity");
        }
    }

    @Test
    void thePinnedAccountRuns() throws Exception {
        LocalEmulator.reset();
        Cli.Result plan = Cli.runStacks(List.of("Messaging"), "plan", "--env", "staging", "--config",
                config(AwsProbe.ACCOUNT).toString());
        assertThat(plan.exitCode()).as(plan.toString()).isZero();
        assertThat(plan.out()).startsWith("Using account " + AwsProbe.ACCOUNT + " as ")
                .contains("SQS queue glassbox-staging-agent-jobs");
    }

    @Test
    void aMalformedAccountIdIsBadInputWithoutAnyCall() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.yaml"), "accountId: 12345\n");
        CallRecorder recorder = new CallRecorder();
        Cli.Result result = Cli.run(List.of(recorder), "plan", "--env", "staging", "--config", bad.toString());
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("accountId");
        assertThat(recorder.all()).isEmpty();
    }
}
