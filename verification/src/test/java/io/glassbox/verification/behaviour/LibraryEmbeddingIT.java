package io.glassbox.verification.behaviour;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.glassbox.provisioner.Provisioner;
import io.glassbox.provisioner.engine.ApprovalPolicy;
import io.glassbox.provisioner.engine.DeletableData;
import io.glassbox.provisioner.engine.Plan;
import io.glassbox.provisioner.engine.ProvisionerListener;
import io.glassbox.provisioner.engine.RefusedException;
import io.glassbox.provisioner.engine.RunOptions;
import io.glassbox.provisioner.engine.RunResult;
import io.glassbox.provisioner.engine.StepId;
import io.glassbox.provisioner.engine.StepPlan;
import io.glassbox.provisioner.engine.StepStatus;
import io.glassbox.provisioner.spec.Environment;
import io.glassbox.provisioner.spec.StackName;
import io.glassbox.verification.support.AwsProbe;
import io.glassbox.verification.support.CallRecorder;
import io.glassbox.verification.support.LocalEmulator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.IpPermission;

/**
 * The library as release tooling embeds it (README, "The library"): build a Provisioner, plan, show the plan,
 * apply it under an approval policy, read the outputs, destroy; progress arrives through the listener only.
 * Everything runs with System.out and System.err captured, and the test fails if the library wrote a byte to
 * either: the embedding tool owns the console.
 */
class LibraryEmbeddingIT {

    private final AwsProbe aws = new AwsProbe();
    private final List<String> events = new CopyOnWriteArrayList<>();
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private PrintStream realOut;
    private PrintStream realErr;

    /** What a release tool would record: one line per event it receives. */
    private final ProvisionerListener listener = new ProvisionerListener() {
        @Override
        public void planned(StepPlan plan) {
            events.add("planned " + plan.id().value() + (plan.hasChanges() ? " (changes)" : ""));
        }

        @Override
        public void stepStarted(StepId step, String action) {
            events.add("started " + step.value() + " " + action);
        }

        @Override
        public void stepFinished(StepId step, StepStatus status, Duration duration, String detail) {
            events.add("finished " + step.value() + " " + status);
        }

        @Override
        public void outputs(Map<String, String> outputs) {
            events.add("outputs " + outputs.size());
        }
    };

    @BeforeEach
    void captureTheConsole() {
        LocalEmulator.reset();
        realOut = System.out;
        realErr = System.err;
        PrintStream capture = new PrintStream(console, true, StandardCharsets.UTF_8);
        System.setOut(capture);
        System.setErr(capture);
    }

    @AfterEach
    void restoreTheConsole() {
        System.setOut(realOut);
        System.setErr(realErr);
    }

    private Provisioner provisioner(CallRecorder calls, StackName... stacks) {
        return Provisioner.builder()
                .environment(Environment.STAGING)
                .region("us-east-1")
                .endpoint(LocalEmulator.endpoint())
                .credentials(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))
                .stacks(EnumSet.of(stacks[0], stacks))
                .listener(listener)
                .interceptor(calls)
                // S3 delivers the files bucket's access logs to the logs bucket, so destroy has logs to delete.
                .options(RunOptions.defaults().deleting(Set.of(DeletableData.OBJECTS)))
                .build();
    }

    @Test
    void planApplyOutputsAndDestroyReportThroughTheListenerAndNeverTouchTheConsole() {
        CallRecorder calls = new CallRecorder();
        try (Provisioner provisioner = provisioner(calls, StackName.MESSAGING, StackName.STORAGE)) {
            Plan plan = provisioner.plan();
            assertThat(plan.hasChanges()).isTrue();
            assertThat(plan.changesNeedingApproval()).isEmpty();
            assertThat(calls.mutating()).as("plan reads only").isEmpty();
            assertThat(events).filteredOn(e -> e.startsWith("planned ")).hasSize(plan.steps().size());

            List<String> asked = new CopyOnWriteArrayList<>();
            RunResult applied = provisioner.apply(plan, (p, changes) -> {
                asked.addAll(changes);
                return true;
            });
            assertThat(applied.succeeded()).as(applied.failures().toString()).isTrue();
            assertThat(asked).as("creates need no approval, so the policy is not asked").isEmpty();
            assertThat(events).contains("started messaging.queue.agent-jobs apply",
                    "finished messaging.queue.agent-jobs DONE", "started storage.bucket apply");

            SortedMap<String, String> outputs = provisioner.outputs();
            assertThat(outputs).containsKey("messaging.queue.agent-jobs.url").containsKey("storage.bucket.name");
            assertThat(provisioner.plan().hasChanges()).as("a second plan is clean").isFalse();

            assertThatThrownBy(() -> provisioner.destroy(false)).isInstanceOf(RefusedException.class);
            RunResult destroyed = provisioner.destroy(true);
            assertThat(destroyed.succeeded()).as(destroyed.failures().toString()).isTrue();
        }
        assertThat(aws.sqs.listQueues(r -> r.queueNamePrefix("glassbox-staging-")).queueUrls()).isEmpty();
        assertThat(console.toString(StandardCharsets.UTF_8)).as("what the library wrote to the console").isEmpty();
    }

    @Test
    void anApprovalPolicyDecidesOnRiskyChangesBeforeAnythingChanges() {
        try (Provisioner provisioner = provisioner(new CallRecorder(), StackName.NETWORK)) {
            assertThat(provisioner.apply(provisioner.plan()).succeeded()).isTrue(); // creates only: no approval needed
        }
        Supplier<String> albGroup = () -> aws.ec2.describeSecurityGroups(r -> r.filters(Filter.builder()
                .name("group-name").values("glassbox-staging-alb").build())).securityGroups().get(0).groupId();
        String alb = albGroup.get();
        aws.ec2.revokeSecurityGroupIngress(r -> r.groupId(alb).ipPermissions(IpPermission.builder().ipProtocol("tcp")
                .fromPort(443).toPort(443).ipRanges(i -> i.cidrIp("0.0.0.0/0")).build()));

        CallRecorder calls = new CallRecorder();
        List<String> asked = new CopyOnWriteArrayList<>();
        try (Provisioner provisioner = provisioner(calls, StackName.NETWORK)) {
            Plan plan = provisioner.plan();
            assertThat(plan.changesNeedingApproval()).singleElement().asString().contains("glassbox-staging-alb");

            assertThatThrownBy(() -> provisioner.apply(plan, ApprovalPolicy.refuseRisky()))
                    .isInstanceOf(RefusedException.class);
            assertThat(calls.resourceChanges()).as("a refusal changes nothing").isEmpty();

            RunResult approved = provisioner.apply(plan, (p, changes) -> {
                asked.addAll(changes);
                return true;
            });
            assertThat(approved.succeeded()).as(approved.failures().toString()).isTrue();
        }
        assertThat(asked).singleElement().asString().contains("ingress");
        assertThat(aws.ec2.describeSecurityGroups(r -> r.groupIds(alb)).securityGroups().get(0).ipPermissions())
                .anyMatch(p -> p.fromPort() == 443);
        assertThat(console.toString(StandardCharsets.UTF_8)).isEmpty();
    }
}
