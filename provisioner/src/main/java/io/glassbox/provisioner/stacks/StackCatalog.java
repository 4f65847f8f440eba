package io.glassbox.provisioner.stacks;

import io.glassbox.provisioner.engine.RunOptions;
import io.glassbox.provisioner.engine.Step;
import io.glassbox.provisioner.engine.StepGraph;
import io.glassbox.provisioner.spec.EnvironmentSpec;
import io.glassbox.provisioner.spec.StackName;
import io.glassbox.provisioner.stacks.auth.AuthStack;
import io.glassbox.provisioner.stacks.cache.CacheStack;
import io.glassbox.provisioner.stacks.database.DatabaseStack;
import io.glassbox.provisioner.stacks.messaging.MessagingStack;
import io.glassbox.provisioner.stacks.network.NetworkStack;
import io.glassbox.provisioner.stacks.storage.StorageStack;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Every step of an environment, across the stacks implemented so far, as one dependency graph. */
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
        return new StepGraph(steps);
    }

    /** The stacks that have steps; selecting any other stack is refused as not yet supported. */
    public static Set<StackName> implemented() {
        return EnumSet.of(StackName.NETWORK, StackName.DATABASE, StackName.CACHE, StackName.STORAGE,
                StackName.MESSAGING, StackName.AUTH);
    }
}
