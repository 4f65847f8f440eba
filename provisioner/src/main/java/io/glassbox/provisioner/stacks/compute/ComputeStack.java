package io.glassbox.provisioner.stacks.compute;

import io.glassbox.provisioner.engine.Step;
import io.glassbox.provisioner.spec.EnvironmentSpec;
import io.glassbox.provisioner.spec.ServiceKind;
import java.util.ArrayList;
import java.util.List;

/**
 * The Compute stack's steps: the LLM secret, the ECR repositories, the ECS cluster, the IAM roles, a task
 * definition and a service per spec service, the load balancer with its target group, certificate and two
 * listeners, the API's auto scaling, the task definition of the data plane's one-off task, and a release's task
 * before the rollout when it names one.
 */
public final class ComputeStack {

    private ComputeStack() {
    }

    public static List<Step> steps(EnvironmentSpec spec) {
        List<Step> steps = new ArrayList<>();
        steps.add(new LlmSecretStep());
        steps.add(new RepositoryStep("api"));
        steps.add(new RepositoryStep("worker"));
        steps.add(new ClusterStep());
        steps.add(RoleStep.execution());
        boolean releaseTask = spec.compute().releaseTask().isPresent();
        spec.compute().releaseTask().ifPresent(task -> steps.add(new ReleaseTaskStep(task, spec.network())));
        for (ServiceKind service : ServiceKind.values()) {
            steps.add(RoleStep.task(service, spec.messaging()));
            steps.add(new TaskDefinitionStep(service, spec.messaging()));
            steps.add(new ServiceStep(service, spec.network(), releaseTask));
        }
        steps.add(new LoadBalancerStep(spec.network()));
        steps.add(new TargetGroupStep());
        steps.add(new CertificateStep());
        steps.add(ListenerStep.http());
        steps.add(ListenerStep.https());
        steps.add(new ScalingStep());
        steps.add(TaskDefinitionStep.dataPlane());
        return steps;
    }
}
