package io.glassbox.verification.behaviour;

import static org.assertj.core.api.Assertions.assertThat;

import io.glassbox.verification.support.AwsProbe;
import io.glassbox.verification.support.CallRecorder;
import io.glassbox.verification.support.Cli;
import io.glassbox.verification.support.LocalEmulator;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;

/**
 * Two deploys or destroys of one environment never interleave: the lease lock {@code /glassbox/{env}/lock}
 * makes a second run refuse (or wait with {@code --lock-timeout}); a dead run's lease expires; and
 * {@code --force-unlock} removes a lock on purpose.
 */
class LockIT {

    private static final String LOCK = "/glassbox/staging/lock";
    private final AwsProbe aws = new AwsProbe();

    @BeforeEach
    void emptyAccount() {
        LocalEmulator.reset();
    }

    private void holdLock(Instant expires) {
        String value = "{\"id\":\"other\",\"user\":\"ci\",\"host\":\"runner-7\",\"pid\":4242,\"command\":\"deploy\","
                + "\"acquired\":\""
                + Instant.now() + "\",\"expires\":\"" + expires + "\"}";
        aws.ssm.putParameter(r -> r.name(LOCK).type("String").value(value).overwrite(true));
    }

    private boolean locked() {
        try {
            aws.ssm.getParameter(r -> r.name(LOCK));
            return true;
        } catch (ParameterNotFoundException e) {
            return false;
        }
    }

    @Test
    void aHeldLockRefusesTheDeployBeforeAnyChange() {
        holdLock(Instant.now().plusSeconds(600));
        CallRecorder recorder = new CallRecorder();
        Cli.Result refused = Cli.run(List.of(recorder), "deploy", "--env", "staging", "--skip-data-plane");
        assertThat(refused.exitCode()).as("refused, as the README's exit codes say: " + refused).isEqualTo(3);
        assertThat(refused.err()).contains("environment staging is locked by ci@runner-7 (pid 4242) (deploy since")
                .contains("nothing was changed").contains("--force-unlock");
        assertThat(recorder.mutating()).as("only the attempt to take the lock").containsOnly("Ssm.PutParameter" + CallRecorder.LOCK);
        assertThat(aws.ec2.describeVpcs(r -> r.filters(AwsProbe.tag("Project", "glassbox"))).vpcs()).isEmpty();
        assertThat(locked()).as("someone else's lock is left alone").isTrue();

        // The lease has not expired and its holder is on another host: it may still run. Off a terminal and without
        // --yes, --force-unlock refuses; a wrong name typed on a terminal too; the environment's name removes it.
        recorder.clear();
        Cli.Result unconfirmed = Cli.run(List.of(recorder), "deploy", "--env", "staging", "--skip-data-plane",
                "--stack", "Messaging", "--force-unlock");
        assertThat(unconfirmed.exitCode()).as(unconfirmed.toString()).isEqualTo(3);
        assertThat(unconfirmed.err()).contains("locked by ci@runner-7 (pid 4242) (deploy since")
                .contains("whose lease has not expired").contains("--yes");
        assertThat(recorder.mutating()).as("no resource, and the lock left").isEmpty();
        assertThat(locked()).isTrue();
        Cli.Result wrongName = Cli.runTyping("production", List.of(), "deploy", "--env", "staging",
                "--skip-data-plane", "--stack", "Messaging", "--force-unlock");
        assertThat(wrongName.exitCode()).as(wrongName.toString()).isEqualTo(3);
        assertThat(wrongName.out()).contains("The lock of ci@runner-7 (pid 4242)").contains("Type 'staging'");
        assertThat(locked()).isTrue();

        Cli.Result forced = Cli.runTyping("staging", List.of(), "deploy", "--env", "staging", "--skip-data-plane",
                "--stack", "Messaging", "--force-unlock");
        assertThat(forced.exitCode()).as(forced.toString()).isZero();
        assertThat(forced.err()).contains("--force-unlock removed the lock of ci@runner-7 (pid 4242) (deploy since");
        assertThat(aws.sqs.listQueues(r -> r.queueNamePrefix("glassbox-staging")).queueUrls()).hasSize(4);
        assertThat(locked()).as("released at the end").isFalse();
    }

    @Test
    void forceUnlockRemovesAnExpiredLeaseWithoutAskingAndALiveOneWithYesSayingWhose() {
        holdLock(Instant.now().minusSeconds(5));
        Cli.Result expired = Cli.run("deploy", "--env", "staging", "--skip-data-plane", "--stack", "Messaging",
                "--force-unlock");
        assertThat(expired.exitCode()).as(expired.toString()).isZero();
        assertThat(expired.err()).contains("--force-unlock removed the lock of ci@runner-7 (pid 4242)");
        holdLock(Instant.now().plusSeconds(600));
        Cli.Result live = Cli.run("destroy", "--env", "staging", "--stack", "Messaging", "--force-unlock", "--yes");
        assertThat(live.exitCode()).as(live.toString()).isZero();
        assertThat(live.err()).contains("--force-unlock removed the lock of ci@runner-7 (pid 4242)");
        assertThat(aws.sqs.listQueues(r -> r.queueNamePrefix("glassbox-staging")).queueUrls()).isEmpty();
    }

    @Test
    void aDeadRunsExpiredLeaseIsTakenOver() {
        holdLock(Instant.now().minusSeconds(5));
        Cli.Result deployed = Cli.run("deploy", "--env", "staging", "--skip-data-plane", "--stack", "Messaging");
        assertThat(deployed.exitCode()).as(deployed.toString()).isZero();
        assertThat(locked()).isFalse();
    }

    @Test
    void lockTimeoutWaitsForTheOtherRunToFinish() {
        holdLock(Instant.now().plusSeconds(600));
        CompletableFuture<Void> otherRunEnds = CompletableFuture.runAsync(() -> {
            sleep(3000);
            aws.ssm.deleteParameter(r -> r.name(LOCK));
        });
        Cli.Result waited = Cli.run("deploy", "--env", "staging", "--skip-data-plane", "--stack", "Messaging",
                "--lock-timeout", "60s");
        otherRunEnds.join();
        assertThat(waited.exitCode()).as(waited.toString()).isZero();
        assertThat(aws.sqs.listQueues(r -> r.queueNamePrefix("glassbox-staging")).queueUrls()).hasSize(4);
    }

    @Test
    void twoConcurrentDeploysDoNotInterleaveOrDuplicate() {
        CompletableFuture<Cli.Result> first = CompletableFuture.supplyAsync(() -> Cli.run("deploy", "--env", "staging",
                "--skip-data-plane", "--lock-timeout", "300s"));
        CompletableFuture<Cli.Result> second = CompletableFuture.supplyAsync(() -> Cli.run("deploy", "--env", "staging",
                "--skip-data-plane", "--lock-timeout", "300s"));
        assertThat(first.join().exitCode()).as(first.join().toString()).isZero();
        assertThat(second.join().exitCode()).as(second.join().toString()).isZero();
        assertThat(aws.ec2.describeVpcs(r -> r.filters(AwsProbe.tag("Environment", "staging"))).vpcs()).hasSize(1);
        assertThat(aws.ec2.describeNatGateways().natGateways()).hasSize(1);
        assertThat(aws.cognito.listUserPools(r -> r.maxResults(60)).userPools()).hasSize(1);
        assertThat(aws.ecs.listTaskDefinitions(r -> r.familyPrefix("glassbox-staging-api")).taskDefinitionArns())
                .hasSize(1);
        assertThat(aws.acm.listCertificates().certificateSummaryList()).hasSize(1);
        assertThat(locked()).isFalse();
        Cli.Result plan = Cli.run("plan", "--env", "staging", "--detailed-exitcode");
        assertThat(plan.exitCode()).as(plan.toString()).isZero();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
