package io.glassbox.provisioner.stacks.cache;

import io.glassbox.provisioner.aws.AwsErrors;
import io.glassbox.provisioner.aws.Timeouts;
import io.glassbox.provisioner.engine.StepContext;
import io.glassbox.provisioner.engine.TransientRefusal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.elasticache.model.ElastiCacheException;
import software.amazon.awssdk.services.elasticache.model.Tag;

/** ElastiCache's shapes for tags, by ARN. */
final class CacheTags {

    /**
     * ListTagsForResource and AddTagsToResource answer InvalidReplicationGroupState while a replication group is
     * creating, modifying or snapshotting (hashicorp/terraform-provider-aws #33859): minutes, as long as the change.
     */
    static final TransientRefusal BUSY = TransientRefusal.of("the replication group to be available for tagging",
            Timeouts.ELASTICACHE_AVAILABLE, "InvalidReplicationGroupState");

    private CacheTags() {
    }

    /** The resource's tags, or empty while it is busy and they cannot be read ({@link #BUSY}). */
    static Optional<Map<String, String>> readable(StepContext context, String arn) {
        try {
            return Optional.of(of(context, arn));
        } catch (ElastiCacheException e) {
            if (BUSY.codes().contains(AwsErrors.code(e))) {
                return Optional.empty();
            }
            throw e;
        }
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
