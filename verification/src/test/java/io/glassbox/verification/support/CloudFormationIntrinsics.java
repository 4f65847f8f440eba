package io.glassbox.verification.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The few CloudFormation intrinsic functions CDK templates use (Ref, Fn::GetAtt, Fn::ImportValue, Fn::Join,
 * Fn::Select, Fn::Split), for the fixture's part of CloudFormation that moto leaves out: substituting the values
 * of resources the fixture made itself, and resolving a property before the fixture makes a resource from it.
 */
final class CloudFormationIntrinsics {

    private final Function<String, Optional<String>> ref;
    private final BiFunction<String, String, Optional<String>> getAtt;
    private final Function<String, Optional<String>> importValue;

    /**
     * @param ref         a logical id (or pseudo parameter) to its Ref value, when known
     * @param getAtt      a logical id and attribute to its value, when known
     * @param importValue an export name to its value, when known
     */
    CloudFormationIntrinsics(Function<String, Optional<String>> ref, BiFunction<String, String, Optional<String>> getAtt,
                             Function<String, Optional<String>> importValue) {
        this.ref = ref;
        this.getAtt = getAtt;
        this.importValue = importValue;
    }

    /** {@code node} with every intrinsic whose value is known replaced by that value; the rest as they are. */
    JsonNode substitute(JsonNode node) {
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            node.forEach(element -> copy.add(substitute(element)));
            return copy;
        }
        if (!node.isObject()) {
            return node;
        }
        Optional<String> value = evaluate(node);
        if (value.isPresent()) {
            return TextNode.valueOf(value.get());
        }
        ObjectNode copy = JsonNodeFactory.instance.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            copy.set(field.getKey(), substitute(field.getValue()));
        }
        return copy;
    }

    /** The string value of {@code node}, which must be fully resolvable. */
    String text(JsonNode node) {
        if (node.isValueNode()) {
            return node.asText();
        }
        return evaluate(node).orElseThrow(() -> new IllegalStateException("cannot resolve " + node));
    }

    private Optional<String> evaluate(JsonNode node) {
        if (!node.isObject() || node.size() != 1) {
            return Optional.empty();
        }
        String function = node.fieldNames().next();
        JsonNode argument = node.get(function);
        switch (function) {
            case "Ref":
                return ref.apply(argument.asText());
            case "Fn::GetAtt":
                return getAtt.apply(argument.get(0).asText(), argument.get(1).asText());
            case "Fn::ImportValue":
                return resolved(argument).flatMap(importValue);
            case "Fn::Join": {
                StringBuilder joined = new StringBuilder();
                JsonNode parts = argument.get(1);
                for (int i = 0; i < parts.size(); i++) {
                    Optional<String> part = resolved(parts.get(i));
                    if (part.isEmpty()) {
                        return Optional.empty();
                    }
                    joined.append(i == 0 ? "" : argument.get(0).asText()).append(part.get());
                }
                return Optional.of(joined.toString());
            }
            case "Fn::Select": {
                JsonNode list = argument.get(1);
                if (list.isObject() && list.has("Fn::Split")) {
                    JsonNode split = list.get("Fn::Split");
                    return resolved(split.get(1)).map(s -> s.split(java.util.regex.Pattern.quote(split.get(0).asText()), -1))
                            .map(parts -> parts[argument.get(0).asInt()]);
                }
                return list.isArray() ? resolved(list.get(argument.get(0).asInt())) : Optional.empty();
            }
            default:
                return Optional.empty();
        }
    }

    private Optional<String> resolved(JsonNode node) {
        return node.isValueNode() ? Optional.of(node.asText()) : evaluate(node);
    }
}
