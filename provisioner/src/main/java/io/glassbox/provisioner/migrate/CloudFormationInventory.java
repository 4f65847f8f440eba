package io.glassbox.provisioner.migrate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.glassbox.provisioner.engine.ProvisionerException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackResourceSummary;
import software.amazon.awssdk.services.cloudformation.model.TemplateStage;

/**
 * Reads what CloudFormation owns of an environment: the stacks named {@code {prefix}-{env}-…} (DescribeStacks),
 * each one's template as processed (GetTemplate) and its resources' physical ids (ListStackResources). Read calls
 * only; a deleted stack is not listed.
 */
public final class CloudFormationInventory {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private CloudFormationInventory() {
    }

    /** The stacks whose name starts with {@code namePrefix} ({@code GlassBox-staging-}), in DescribeStacks order. */
    public static List<CloudFormationStack> read(CloudFormationClient cloudFormation, String namePrefix) {
        List<CloudFormationStack> stacks = new ArrayList<>();
        for (Stack stack : cloudFormation.describeStacksPaginator(r -> { }).stacks()) {
            if (!stack.stackName().startsWith(namePrefix) || "DELETE_COMPLETE".equals(stack.stackStatusAsString())) {
                continue;
            }
            stacks.add(readOne(cloudFormation, stack));
        }
        return stacks;
    }

    private static CloudFormationStack readOne(CloudFormationClient cloudFormation, Stack stack) {
        String name = stack.stackName();
        String body = cloudFormation.getTemplate(r -> r.stackName(name).templateStage(TemplateStage.PROCESSED))
                .templateBody();
        JsonNode template = parse(name, body);
        Map<String, String> physicalIds = new HashMap<>();
        for (StackResourceSummary summary : cloudFormation.listStackResourcesPaginator(r -> r.stackName(name))
                .stackResourceSummaries()) {
            if (summary.logicalResourceId() != null && summary.physicalResourceId() != null
                    && !summary.physicalResourceId().isBlank()) {
                physicalIds.put(summary.logicalResourceId(), summary.physicalResourceId());
            }
        }
        List<StackResource> resources = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = template.path("Resources").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            JsonNode resource = entry.getValue();
            boolean retained = "Retain".equals(resource.path("DeletionPolicy").asText())
                    && "Retain".equals(resource.path("UpdateReplacePolicy").asText());
            resources.add(new StackResource(name, entry.getKey(), resource.path("Type").asText(),
                    Optional.ofNullable(physicalIds.get(entry.getKey())), resource.path("Properties"), retained));
        }
        Map<String, String> exports = new HashMap<>();
        for (JsonNode output : template.path("Outputs")) {
            String exportName = output.path("Export").path("Name").asText(null);
            TemplateRefs.target(output.path("Value")).ifPresent(target -> {
                if (exportName != null) {
                    exports.put(exportName, target);
                }
            });
        }
        Set<String> imports = new HashSet<>();
        collectImports(template.path("Resources"), imports);
        Map<String, String> parameters = new HashMap<>();
        stack.parameters().stream().filter(p -> p.parameterValue() != null)
                .forEach(p -> parameters.put(p.parameterKey(), p.parameterValue()));
        return new CloudFormationStack(name, stack.stackStatusAsString(), template, resources, exports, imports,
                parameters);
    }

    private static void collectImports(JsonNode node, Set<String> imports) {
        if (node.isObject() && node.has("Fn::ImportValue") && node.get("Fn::ImportValue").isTextual()) {
            imports.add(node.get("Fn::ImportValue").asText());
        }
        node.forEach(child -> collectImports(child, imports));
    }

    static JsonNode parse(String stack, String body) {
        try {
            String trimmed = body.stripLeading();
            return (trimmed.startsWith("{") ? JSON : YAML).readTree(body);
        } catch (IOException e) {
            throw new ProvisionerException("the template of stack " + stack + " is neither JSON nor YAML: " + e.getMessage());
        }
    }
}
