package io.glassbox.provisioner.migrate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/** Which resource a template value points at: {@code {"Ref": X}} and {@code {"Fn::GetAtt": [X, …]}} name X. */
final class TemplateRefs {

    private TemplateRefs() {
    }

    /** The logical id a value refers to within its own template. */
    static Optional<String> target(JsonNode value) {
        if (value.has("Ref") && value.get("Ref").isTextual()) {
            return Optional.of(value.get("Ref").asText());
        }
        if (value.has("Fn::GetAtt") && value.get("Fn::GetAtt").isArray()) {
            return Optional.of(value.get("Fn::GetAtt").get(0).asText());
        }
        if (value.has("Fn::GetAtt") && value.get("Fn::GetAtt").isTextual()) {
            return Optional.of(value.get("Fn::GetAtt").asText().split("\\.")[0]);
        }
        return Optional.empty();
    }

    /** The export a value imports, when it is {@code {"Fn::ImportValue": NAME}}. */
    static Optional<String> importName(JsonNode value) {
        JsonNode name = value.path("Fn::ImportValue");
        return name.isTextual() ? Optional.of(name.asText()) : Optional.empty();
    }
}
