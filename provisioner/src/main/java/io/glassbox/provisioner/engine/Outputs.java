package io.glassbox.provisioner.engine;

import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Values that steps publish for the steps that depend on them and for the operator: ids, ARNs, URLs.
 * Read from live AWS on every run; there is no state file. Thread-safe.
 */
public final class Outputs {

    private final Map<String, String> values = new ConcurrentHashMap<>();

    public void put(String key, String value) {
        if (value != null) {
            values.put(key, value);
        }
    }

    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    /** The value, or {@link Change#KNOWN_AFTER_APPLY} while the resource that provides it does not exist (plans). */
    public String getOrUnknown(String key) {
        return get(key).orElse(Change.KNOWN_AFTER_APPLY);
    }

    /**
     * A value a step cannot do without.
     *
     * @throws ProvisionerException saying which step should have produced it
     */
    public String require(String key) {
        String value = values.get(key);
        if (value == null) {
            throw new ProvisionerException("missing " + key + ": the resource that provides it does not exist"
                    + " (deploy its stack first)");
        }
        return value;
    }

    /** Every published value, sorted by key. */
    public SortedMap<String, String> all() {
        return new TreeMap<>(values);
    }
}
