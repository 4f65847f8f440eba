package io.glassbox.provisioner.stacks.compute;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * An IAM policy document being built, and the comparison of two documents by meaning (IAM returns them
 * URL-encoded and re-serialised, so text equality is no test).
 */
final class PolicyDocument {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final ObjectNode root = JSON.createObjectNode();
    private final ArrayNode statements;

    PolicyDocument() {
        root.put("Version", "2012-10-17");
        statements = root.putArray("Statement");
    }

    /** Allows {@code actions} on {@code resources}; {@code sid} names the statement for a reader of the console. */
    PolicyDocument allow(String sid, List<String> actions, List<String> resources) {
        ObjectNode statement = statements.addObject();
        statement.put("Sid", sid);
        statement.put("Effect", "Allow");
        actions.forEach(statement.withArray("Action")::add);
        resources.forEach(statement.withArray("Resource")::add);
        return this;
    }

    /** A trust policy letting {@code service} (ecs-tasks.amazonaws.com) assume the role. */
    static PolicyDocument trust(String service) {
        PolicyDocument document = new PolicyDocument();
        ObjectNode statement = document.statements.addObject();
        statement.put("Effect", "Allow");
        statement.putObject("Principal").put("Service", service);
        statement.put("Action", "sts:AssumeRole");
        return document;
    }

    String json() {
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings always serialises", e);
        }
    }

    /** Whether the live document (as IAM returns it: URL-encoded JSON, or null) says the same as this one. */
    boolean sameAs(String live) {
        if (live == null) {
            return false;
        }
        try {
            JsonNode observed = JSON.readTree(live.trim().startsWith("{") ? live
                    : URLDecoder.decode(live, StandardCharsets.UTF_8));
            return normalise(observed).equals(normalise(root));
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    /** IAM may turn one-element arrays into scalars; compare with every Action and Resource as an array. */
    private static JsonNode normalise(JsonNode document) {
        JsonNode copy = document.deepCopy();
        JsonNode list = copy.path("Statement");
        if (list.isObject()) {
            ArrayNode array = JSON.createArrayNode();
            array.add(list);
            ((ObjectNode) copy).set("Statement", array);
            list = array;
        }
        for (JsonNode statement : list) {
            for (String key : List.of("Action", "Resource")) {
                JsonNode value = statement.get(key);
                if (value != null && value.isTextual()) {
                    ArrayNode array = JSON.createArrayNode();
                    array.add(value);
                    ((ObjectNode) statement).set(key, array);
                }
            }
        }
        return copy;
    }
}
