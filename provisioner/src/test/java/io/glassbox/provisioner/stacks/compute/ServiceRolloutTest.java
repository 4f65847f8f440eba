package io.glassbox.provisioner.stacks.compute;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.DeploymentRolloutState;
import software.amazon.awssdk.services.ecs.model.DescribeServicesResponse;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceEvent;

/** When a deploy's wait for a service ends, and what it says; no network. */
class ServiceRolloutTest {

    private static final String TD1 = "arn:aws:ecs:us-east-1:123456789012:task-definition/glassbox-staging-api:1";
    private static final String TD2 = "arn:aws:ecs:us-east-1:123456789012:task-definition/glassbox-staging-api:2";

    private static Deployment deployment(String id, String status, DeploymentRolloutState state, String td) {
        return Deployment.builder().id(id).status(status).rolloutState(state).taskDefinition(td)
                .rolloutStateReason(state == DeploymentRolloutState.FAILED
                        ? "ECS deployment circuit breaker: tasks failed to start." : null).build();
    }

    private static DescribeServicesResponse answer(int running, int desired, String td, List<ServiceEvent> events,
                                                   Deployment... deployments) {
        return DescribeServicesResponse.builder().services(Service.builder().serviceName("glassbox-staging-api")
                .runningCount(running).desiredCount(desired).taskDefinition(td).events(events)
                .deployments(deployments).build()).build();
    }

    private static ServiceEvent event(String id, String message) {
        return ServiceEvent.builder().id(id).message(message).build();
    }

    @Test
    void ourDeploymentCompletedWithEveryTaskRunningIsDone() {
        DescribeServicesResponse done = answer(2, 2, TD2, List.of(),
                deployment("ecs-svc/2", "PRIMARY", DeploymentRolloutState.COMPLETED, TD2));
        assertThat(ServiceStep.rolledOut(done, "ecs-svc/2")).isTrue();
        assertThat(ServiceStep.rolledOut(answer(1, 2, TD2, List.of(),
                deployment("ecs-svc/2", "PRIMARY", DeploymentRolloutState.COMPLETED, TD2)), "ecs-svc/2"))
                .as("a task still starting").isFalse();
        assertThat(ServiceStep.failed(done, "ecs-svc/2", Set.of())).isFalse();
    }

    @Test
    void aRolledBackDeploymentIsAFailureEvenThoughThePrimaryOneCompleted() {
        DescribeServicesResponse rolledBack = answer(1, 1, TD1, List.of(),
                deployment("ecs-svc/3", "PRIMARY", DeploymentRolloutState.COMPLETED, TD1),
                deployment("ecs-svc/2", "ACTIVE", DeploymentRolloutState.FAILED, TD2));
        assertThat(ServiceStep.rolledOut(rolledBack, "ecs-svc/2")).isFalse();
        assertThat(ServiceStep.failed(rolledBack, "ecs-svc/2", Set.of())).isTrue();
        DescribeServicesResponse gone = answer(1, 1, TD1, List.of(),
                deployment("ecs-svc/3", "PRIMARY", DeploymentRolloutState.COMPLETED, TD1));
        assertThat(ServiceStep.failed(gone, "ecs-svc/2", Set.of())).as("replaced while rolling out").isTrue();
        assertThat(ServiceStep.rolloutFailure(rolledBack.services().get(0), "ecs-svc/2", TD2)).isEqualTo(
                "ECS service glassbox-staging-api: the rollout of glassbox-staging-api:2 failed: ECS deployment circuit"
                        + " breaker: tasks failed to start.; it runs glassbox-staging-api:1 again");
    }

    @Test
    void aScaledServiceThatCannotStartItsTasksFailsAtOnceButNotForAnOldEvent() {
        ServiceEvent old = event("e1", "(service glassbox-staging-api) is unable to consistently start tasks successfully.");
        ServiceEvent fresh = event("e2", "(service glassbox-staging-api) is unable to consistently start tasks"
                + " successfully. Last failure: CannotPullContainerError");
        Deployment scaled = deployment("ecs-svc/1", "PRIMARY", DeploymentRolloutState.COMPLETED, TD1);
        assertThat(ServiceStep.failed(answer(1, 2, TD1, List.of(old), scaled), "ecs-svc/1", Set.of("e1")))
                .as("said before our update").isFalse();
        DescribeServicesResponse stuck = answer(1, 2, TD1, List.of(fresh, old), scaled);
        assertThat(ServiceStep.failed(stuck, "ecs-svc/1", Set.of("e1"))).isTrue();
        assertThat(ServiceStep.rolloutFailure(stuck.services().get(0), "ecs-svc/1", TD1)).startsWith(
                "ECS service glassbox-staging-api: the rollout of glassbox-staging-api:1 cannot start its tasks (1 of 2"
                        + " running). Latest events: (service glassbox-staging-api) is unable to consistently start tasks"
                        + " successfully. Last failure: CannotPullContainerError");
        Deployment rollingOut = deployment("ecs-svc/2", "PRIMARY", DeploymentRolloutState.IN_PROGRESS, TD1);
        assertThat(ServiceStep.failed(answer(0, 2, TD1, List.of(fresh), rollingOut), "ecs-svc/2", Set.of()))
                .as("a rollout in progress is the circuit breaker's to fail").isFalse();
    }
}
