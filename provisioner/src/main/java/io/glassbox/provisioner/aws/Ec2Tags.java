package io.glassbox.provisioner.aws;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/** EC2's shapes for tags: tag specifications at creation (so a crash never leaves an untagged resource). */
public final class Ec2Tags {

    private Ec2Tags() {
    }

    public static List<Tag> toTags(Map<String, String> tags) {
        return tags.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
    }

    public static Map<String, String> toMap(Collection<Tag> tags) {
        return tags == null ? Map.of() : tags.stream().collect(Collectors.toMap(Tag::key, Tag::value, (a, b) -> b));
    }

    /** Tags applied by the create call itself. */
    public static TagSpecification at(ResourceType type, Map<String, String> tags) {
        return TagSpecification.builder().resourceType(type).tags(toTags(tags)).build();
    }

    /**
     * The candidates for a step's resource from two reads: by Name, and within the environment's VPC (where the
     * step-tagged and the taken-over ones are); each resource once.
     */
    public static <T> List<T> union(List<T> named, List<T> inVpc, java.util.function.Function<T, String> id) {
        Map<String, T> all = new java.util.LinkedHashMap<>();
        named.forEach(resource -> all.put(id.apply(resource), resource));
        inVpc.forEach(resource -> all.put(id.apply(resource), resource));
        return List.copyOf(all.values());
    }

    /**
     * The value of a resource's Name tag, or null. Identity compares it exactly: not every endpoint honours tag
     * filters on every Describe call (moto ignores them for NAT gateways).
     */
    public static String name(List<Tag> tags) {
        return toMap(tags).get(ResourceTags.NAME);
    }

    /** Filter for resources carrying our {@code Name} tag. */
    public static Filter nameFilter(String name) {
        return filter("tag:" + ResourceTags.NAME, name);
    }

    public static Filter filter(String name, String... values) {
        return Filter.builder().name(name).values(values).build();
    }
}
