package io.glassbox.provisioner.engine;

import io.glassbox.provisioner.spec.StackName;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** A step with a name and dependencies only, for graph and executor tests. */
record TestStep(StepId id, StackName stack, Set<StepId> dependencies) implements Step {

    static TestStep of(String id, StackName stack, String... dependencies) {
        return new TestStep(StepId.of(id), stack,
                Arrays.stream(dependencies).map(StepId::of).collect(Collectors.toUnmodifiableSet()));
    }

    @Override
    public String resourceType() {
        return "test";
    }

    @Override
    public String resourceName(StepContext context) {
        return id.value();
    }

    @Override
    public StepPlan plan(StepContext context) {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean apply(StepContext context) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Optional<String> destroyRefusal(StepContext context) {
        return Optional.empty();
    }

    @Override
    public boolean destroy(StepContext context) {
        throw new UnsupportedOperationException();
    }
}
