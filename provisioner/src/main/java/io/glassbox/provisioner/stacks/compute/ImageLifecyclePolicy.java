package io.glassbox.provisioner.stacks.compute;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * FSBP ECR.3: the lifecycle policy of both repositories (ECR User Guide, "Lifecycle policies"). Untagged images
 * (superseded builds) expire 14 days after their push; of the tagged ones the newest 50 are kept. No rule counts a
 * tagged image's age, so {@code latest} (always among the newest) and release tags are never expired by age.
 */
final class ImageLifecyclePolicy {

    static final int UNTAGGED_DAYS = 14;
    static final int TAGGED_KEPT = 50;
    private static final ObjectMapper JSON = new ObjectMapper();

    private ImageLifecyclePolicy() {
    }

    static String document() {
        ObjectNode policy = JSON.createObjectNode();
        ArrayNode rules = policy.putArray("rules");
        ObjectNode untagged = rules.addObject().put("rulePriority", 1)
                .put("description", "untagged images expire " + UNTAGGED_DAYS + " days after push");
        untagged.putObject("selection").put("tagStatus", "untagged").put("countType", "sinceImagePushed")
                .put("countUnit", "days").put("countNumber", UNTAGGED_DAYS);
        untagged.putObject("action").put("type", "expire");
        ObjectNode tagged = rules.addObject().put("rulePriority", 2)
                .put("description", "the newest " + TAGGED_KEPT + " tagged images are kept");
        ObjectNode selection = tagged.putObject("selection").put("tagStatus", "tagged");
        selection.putArray("tagPatternList").add("*");
        selection.put("countType", "imageCountMoreThan").put("countNumber", TAGGED_KEPT);
        tagged.putObject("action").put("type", "expire");
        return policy.toString();
    }

    /** Whether a repository's policy text (null: it has none) is ours, however ECR formats it. */
    static boolean matches(String live) {
        if (live == null) {
            return false;
        }
        try {
            JsonNode parsed = JSON.readTree(live);
            return parsed.equals(JSON.readTree(document()));
        } catch (IOException e) {
            return false; // not JSON: not ours, and rewritten
        }
    }
}
