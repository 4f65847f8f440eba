package io.glassbox.provisioner.stacks;

import io.glassbox.provisioner.engine.RunOptions;
import io.glassbox.provisioner.engine.Step;
import io.glassbox.provisioner.engine.StepGraph;
import io.glassbox.provisioner.spec.EnvironmentSpec;
import io.glassbox.provisioner.stacks.auth.AuthStack;
import io.glassbox.provisioner.stacks.cache.CacheStack;
import io.glassbox.provisioner.stacks.compute.ComputeStack;
import io.glassbox.provisioner.stacks.database.DatabaseStack;
import io.glassbox.provisioner.stacks.messaging.MessagingStack;
import io.glassbox.provisioner.stacks.monitoring.MonitoringStack;
import io.glassbox.provisioner.stacks.network.NetworkStack;
import io.glassbox.provisioner.stacks.storage.StorageStack;
import java.util.ArrayList;
import java.util.List;

/** Every step of an environment, across all eight stacks of the spec, as one dependency graph. */
public final class StackCatalog {

    private StackCatalog() {
    }

    public static StepGraph graph(EnvironmentSpec spec) {
        return graph(spec, RunOptions.defaults());
    }

    /** The graph for a run: the data-plane steps are left out with {@code --skip-data-plane}. */
    public static StepGraph graph(EnvironmentSpec spec, RunOptions options) {
        List<Step> steps = new ArrayList<>();
        steps.addAll(NetworkStack.steps(spec.network()));
        steps.addAll(DatabaseStack.steps(spec.network(), options));
        steps.addAll(CacheStack.steps(spec.network(), options));
        steps.addAll(StorageStack.steps(spec.storage()));
        steps.addAll(MessagingStack.steps(spec.messaging()));
        steps.addAll(AuthStack.steps());
        steps.addAll(ComputeStack.steps(spec));
        steps.addAll(MonitoringStack.steps(spec));
        return new StepGraph(steps);
    }
}
