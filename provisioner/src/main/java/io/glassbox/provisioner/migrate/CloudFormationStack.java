package io.glassbox.provisioner.migrate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A stack of the CDK app: its status, its resources, and how it is tied to the others (the exports it publishes
 * and the stacks whose exports it imports), which decides the order of deletion.
 *
 * @param exports export name → the logical id of the resource whose Ref or attribute it publishes
 * @param imports    the names of the exports this stack's template imports
 * @param parameters the values the stack was deployed with (a certificate's ARN passed in, say)
 */
public record CloudFormationStack(String name, String status, JsonNode template, List<StackResource> resources,
                                  Map<String, String> exports, Set<String> imports, Map<String, String> parameters) {

    public CloudFormationStack {
        resources = List.copyOf(resources);
        exports = Map.copyOf(exports);
        imports = Set.copyOf(imports);
        parameters = Map.copyOf(parameters);
    }

    public CloudFormationStack(String name, String status, JsonNode template, List<StackResource> resources,
                               Map<String, String> exports, Set<String> imports) {
        this(name, status, template, resources, exports, imports, Map.of());
    }
}
