package io.glassbox.provisioner.stacks.cache;

import io.glassbox.provisioner.engine.StepContext;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.elasticache.model.Tag;

/** ElastiCache's shapes for tags, by ARN. */
final class CacheTags {

    private CacheTags() {
    }

    static Map<String, String> of(StepContext context, String arn) {
        return context.aws().elastiCache().listTagsForResource(r -> r.resourceName(arn)).tagList().stream()
                .collect(Collectors.toMap(Tag::key, Tag::value, (a, b) -> b));
    }

    static List<Tag> toTags(Map<String, String> tags) {
        return tags.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
    }

    static void add(StepContext context, String arn, Map<String, String> tags) {
        if (!tags.isEmpty()) {
            context.aws().elastiCache().addTagsToResource(r -> r.resourceName(arn).tags(toTags(tags)));
        }
    }
}
