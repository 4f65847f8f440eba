package io.glassbox.provisioner.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.glassbox.provisioner.engine.Change;
import io.glassbox.provisioner.engine.ProvisionerException;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Our statements inside a resource policy that others may add to (a bucket policy, a key policy): each of ours is
 * known by its {@code Sid}, replaced as a whole when it differs, and every statement with another Sid is the
 * operator's, kept as it is. One mechanism for every resource policy we own a part of.
 */
public final class PolicyStatements {

    private static final ObjectMapper JSON = new ObjectMapper();

    private PolicyStatements() {
    }

    /** A new, empty statement object to fill in. */
    public static ObjectNode statement(String sid, String effect) {
        ObjectNode statement = JSON.createObjectNode();
        statement.put("Sid", sid).put("Effect", effect);
        return statement;
    }

    /** The Sids of {@code ours} that {@code policy} (null: none) lacks or holds in another form. */
    public static List<String> missing(String policy, List<ObjectNode> ours) {
        JsonNode live = policy == null ? JSON.createObjectNode() : parse(policy);
        return ours.stream().filter(statement -> {
            for (JsonNode held : live.path("Statement")) {
                if (held.equals(statement)) {
                    return false;
                }
            }
            return true;
        }).map(statement -> statement.path("Sid").asText()).toList();
    }

    /**
     * The change a plan shows at {@code path} when {@code policy} (null: none) lacks any of {@code ours} or holds it
     * in another form: which are missing, and the Sids of all of ours it will hold.
     */
    public static Optional<Change> change(String path, String policy, List<ObjectNode> ours) {
        List<String> missing = missing(policy, ours);
        if (missing.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Change.update(path, policy == null ? "(none)" : "without " + String.join(", ", missing),
                "with " + ours.stream().map(s -> s.path("Sid").asText()).collect(Collectors.joining(", "))));
    }

    /** {@code policy} with {@code ours} in place of any earlier version of them, every other statement kept. */
    public static String merged(String policy, List<ObjectNode> ours) {
        Set<String> sids = ours.stream().map(s -> s.path("Sid").asText()).collect(Collectors.toSet());
        ObjectNode merged = JSON.createObjectNode();
        merged.put("Version", "2012-10-17");
        ArrayNode statements = merged.putArray("Statement");
        if (policy != null) {
            parse(policy).path("Statement").forEach(s -> {
                if (!sids.contains(s.path("Sid").asText())) {
                    statements.add(s);
                }
            });
        }
        ours.forEach(statements::add);
        return merged.toString();
    }

    private static JsonNode parse(String policy) {
        try {
            return JSON.readTree(policy);
        } catch (IOException e) {
            throw new ProvisionerException("a resource policy is not JSON: " + e.getMessage());
        }
    }
}
