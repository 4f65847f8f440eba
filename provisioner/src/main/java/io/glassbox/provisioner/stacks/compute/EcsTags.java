package io.glassbox.provisioner.stacks.compute;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ecs.model.Tag;

/** ECS's tag lists (lower-case {@code key}/{@code value}) to and from maps. */
final class EcsTags {

    private EcsTags() {
    }

    static List<Tag> of(Map<String, String> tags) {
        return tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
    }

    static Map<String, String> toMap(List<Tag> tags) {
        Map<String, String> map = new LinkedHashMap<>();
        if (tags != null) {
            tags.forEach(t -> map.put(t.key(), t.value()));
        }
        return map;
    }
}
