package io.glassbox.provisioner.aws;

import io.glassbox.provisioner.spec.Environment;
import io.glassbox.provisioner.spec.StackName;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The tags of DESIGN.md that every taggable resource carries ({@code Project}, {@code Environment},
 * {@code ManagedBy}, {@code Stack}, and {@code glassbox:step}: the step that owns it), plus {@code Name} where AWS
 * has no unique name of its own.
 */
public final class ResourceTags {

    public static final String PROJECT = "Project";
    public static final String ENVIRONMENT = "Environment";
    public static final String MANAGED_BY = "ManagedBy";
    public static final String STACK = "Stack";
    public static final String NAME = "Name";
    /**
     * Which step owns the resource (DESIGN.md, "Identity"): finders look for it before the deterministic name, so
     * a resource taken over keeps its generated name and id.
     */
    public static final String STEP = "glassbox:step";
    public static final String PROJECT_VALUE = "glassbox";
    public static final String MANAGED_BY_VALUE = "glassbox-provisioner";

    private ResourceTags() {
    }

    /** The four tags for a resource of {@code stack} in {@code environment}. */
    public static Map<String, String> of(Environment environment, StackName stack) {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put(PROJECT, PROJECT_VALUE);
        tags.put(ENVIRONMENT, environment.id());
        tags.put(MANAGED_BY, MANAGED_BY_VALUE);
        tags.put(STACK, stack.qualified(environment));
        return Map.copyOf(tags);
    }

    /** The four tags plus the owning step's. */
    public static Map<String, String> of(Environment environment, StackName stack, String step) {
        Map<String, String> tags = new LinkedHashMap<>(of(environment, stack));
        tags.put(STEP, step);
        return Map.copyOf(tags);
    }

    /** The owning step's tags plus {@code Name}. */
    public static Map<String, String> named(Environment environment, StackName stack, String step, String name) {
        Map<String, String> tags = new LinkedHashMap<>(of(environment, stack, step));
        tags.put(NAME, name);
        return Map.copyOf(tags);
    }

    /** Whether the live tags say this tool manages the resource. */
    public static boolean isManaged(Map<String, String> liveTags) {
        return MANAGED_BY_VALUE.equals(liveTags.get(MANAGED_BY));
    }

    /** The desired tags that are missing or different in {@code live}; extra live tags are left alone. */
    public static Map<String, String> missing(Map<String, String> desired, Map<String, String> live) {
        Map<String, String> missing = new LinkedHashMap<>();
        desired.forEach((key, value) -> {
            if (!value.equals(live.get(key))) {
                missing.put(key, value);
            }
        });
        return missing;
    }
}
