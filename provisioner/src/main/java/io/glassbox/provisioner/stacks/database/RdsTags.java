package io.glassbox.provisioner.stacks.database;

import io.glassbox.provisioner.engine.StepContext;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.rds.model.Tag;

/** RDS's shapes for tags: read with ListTagsForResource, added with AddTagsToResource, both by ARN. */
final class RdsTags {

    private RdsTags() {
    }

    static Map<String, String> of(StepContext context, String arn) {
        return toMap(context.aws().rds().listTagsForResource(r -> r.resourceName(arn)).tagList());
    }

    static Map<String, String> toMap(List<Tag> tags) {
        return tags == null ? Map.of() : tags.stream().collect(Collectors.toMap(Tag::key, Tag::value, (a, b) -> b));
    }

    static List<Tag> toTags(Map<String, String> tags) {
        return tags.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
    }

    static void add(StepContext context, String arn, Map<String, String> tags) {
        if (!tags.isEmpty()) {
            context.aws().rds().addTagsToResource(r -> r.resourceName(arn).tags(toTags(tags)));
        }
    }
}
