package io.glassbox.provisioner.migrate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * One resource of a CloudFormation stack as its template declares it and CloudFormation reports it.
 *
 * @param physicalId what CloudFormation reports as the live resource's id; empty when it reports none
 * @param properties the template's {@code Properties}, intrinsics unresolved
 * @param retained   whether both {@code DeletionPolicy} and {@code UpdateReplacePolicy} are {@code Retain}
 */
public record StackResource(String stack, String logicalId, String type, Optional<String> physicalId,
                            JsonNode properties, boolean retained) {

    /** {@code GlassBox-staging-Network/Vpc8378EB38}. */
    public String address() {
        return stack + "/" + logicalId;
    }

    /** A property as text, when it is a plain value. */
    public Optional<String> text(String property) {
        JsonNode value = properties.path(property);
        return value.isValueNode() && !value.isNull() ? Optional.of(value.asText()) : Optional.empty();
    }
}
