package io.glassbox.provisioner.engine;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * One read that serves many steps: during a plan, the first step that needs, say, every subnet of the
 * environment makes the one Describe call, and the other subnet steps pick theirs from its answer; a plan
 * then costs about one call per resource, not one per attribute (issue 6). A plan is a snapshot taken before
 * anything changes, so sharing is safe there; while applying, every read goes to AWS again, since steps change
 * what the next one reads ({@link #none()}).
 */
public final class SharedReads {

    private final boolean share;
    private final Map<String, Memo<?>> reads = new ConcurrentHashMap<>();

    private SharedReads(boolean share) {
        this.share = share;
    }

    /** Each read is made once per run and shared: for a plan. */
    public static SharedReads perRun() {
        return new SharedReads(true);
    }

    /** Every read goes to AWS: for apply and destroy. */
    public static SharedReads none() {
        return new SharedReads(false);
    }

    /**
     * The result of {@code read} under {@code key}, made at most once while sharing. Steps that ask while the
     * read is in flight wait for it; a read that fails is not remembered, so the next step tries again.
     */
    @SuppressWarnings("unchecked")
    public <T> T get(String key, Supplier<T> read) {
        if (!share) {
            return read.get();
        }
        return ((Memo<T>) reads.computeIfAbsent(key, k -> new Memo<>())).get(read);
    }

    private static final class Memo<T> {
        private T value;

        synchronized T get(Supplier<T> read) {
            if (value == null) {
                value = read.get();
            }
            return value;
        }
    }
}
