package io.glassbox.verification.support;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * An SDK interceptor that records every call the provisioner makes as {@code Service.Operation}, so tests can
 * count them and tell reads from writes.
 */
public final class CallRecorder implements ExecutionInterceptor {

    /** Operation-name prefixes of AWS read calls; everything else changes something. */
    private static final Set<String> READ_PREFIXES = Set.of("Describe", "Get", "List", "Head");
    private final List<String> calls = new CopyOnWriteArrayList<>();

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        String call = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME) + "."
                + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        boolean lock = context.request().getValueForField("Name", String.class)
                .filter(name -> name.matches("/glassbox/[a-z]+/lock")).isPresent();
        calls.add(lock ? call + LOCK : call);
    }

    /** Marks the calls on the environment's lease lock ({@code /glassbox/{env}/lock}), which change no resource. */
    public static final String LOCK = " (lock)";

    /** The mutating calls on resources: {@link #mutating()} without the lease lock's. */
    public List<String> resourceChanges() {
        return mutating().stream().filter(call -> !call.endsWith(LOCK)).toList();
    }

    public List<String> all() {
        return List.copyOf(calls);
    }

    /** The calls that are not reads. */
    public List<String> mutating() {
        return calls.stream().filter(call -> !isRead(call)).toList();
    }

    public static boolean isRead(String call) {
        String operation = call.substring(call.indexOf('.') + 1);
        return READ_PREFIXES.stream().anyMatch(operation::startsWith);
    }

    public void clear() {
        calls.clear();
    }
}
