package io.glassbox.provisioner.aws;

import io.glassbox.provisioner.engine.StepContext;
import io.glassbox.provisioner.engine.TransientRefusal;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The window right after a create in which AWS may not yet know the new resource (EC2 API Reference, "Eventual
 * consistency"), waited out through the engine's one bounded retry ({@link StepContext#retrying},
 * {@link StepContext#awaiting}): only the named NotFound codes, up to {@link Timeouts#EVENTUAL_CONSISTENCY}, the wait
 * shown in progress. Throttling and 5xx are the SDK retry strategy's job, not this one's.
 */
public final class EventualConsistency {

    private EventualConsistency() {
    }

    /** Calls {@code call}, retrying while it fails with one of {@code codes} (a resource just made, not yet known). */
    public static <T> T retryOn(StepContext context, Set<String> codes, Supplier<T> call) {
        return context.retrying(new TransientRefusal("AWS to know what was just created", codes, Optional.empty(),
                Timeouts.EVENTUAL_CONSISTENCY), call);
    }

    /** Calls {@code finder} until it finds {@code what}, just created. */
    public static <T> T awaitPresent(StepContext context, String what, Supplier<Optional<T>> finder) {
        return context.awaiting(what + " (just created) to be found", Timeouts.EVENTUAL_CONSISTENCY, finder);
    }
}
