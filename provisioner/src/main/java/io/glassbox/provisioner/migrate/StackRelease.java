package io.glassbox.provisioner.migrate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.glassbox.provisioner.aws.Timeouts;
import io.glassbox.provisioner.aws.Waits;
import io.glassbox.provisioner.engine.ProvisionerException;
import io.glassbox.provisioner.engine.RunOptions;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.waiters.WaiterResponse;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Capability;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;
import software.amazon.awssdk.services.cloudformation.model.DescribeStacksResponse;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.TemplateStage;

/**
 * Lets CloudFormation go of a stack without deleting anything in it: first an update that gives every resource
 * {@code DeletionPolicy} and {@code UpdateReplacePolicy} {@code Retain} (the template otherwise as it is, every
 * parameter its previous value), then, only once the live template says every resource is retained, the stack's
 * deletion. Each is idempotent and picks up a stack a killed run left in progress.
 */
public final class StackRelease {

    /** The most CloudFormation takes as a TemplateBody (AWS CloudFormation quotas: "Template body size in a request"). */
    static final int TEMPLATE_BODY_LIMIT = 51_200;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> SETTLED = Set.of("CREATE_COMPLETE", "UPDATE_COMPLETE", "UPDATE_ROLLBACK_COMPLETE",
            "IMPORT_COMPLETE", "IMPORT_ROLLBACK_COMPLETE");

    private final CloudFormationClient cloudFormation;
    private final RunOptions options;

    public StackRelease(CloudFormationClient cloudFormation, RunOptions options) {
        this.cloudFormation = cloudFormation;
        this.options = options;
    }

    /**
     * Gives every resource of {@code stackName} Retain for both policies and waits for UPDATE_COMPLETE; nothing when
     * every resource already has them. Returns whether an update was made.
     *
     * @throws ProvisionerException when the stack is in a state no update can start from, or the update fails
     */
    public boolean retainAll(String stackName) {
        Stack stack = settled(stackName);
        JsonNode template = template(stackName);
        List<String> unretained = unretained(template);
        if (unretained.isEmpty()) {
            return false;
        }
        ObjectNode retained = withRetain(template);
        String body = retained.toString();
        if (body.length() > TEMPLATE_BODY_LIMIT) {
            throw new ProvisionerException("the template of " + stackName + " is " + body.length() + " bytes, more than"
                    + " the " + TEMPLATE_BODY_LIMIT + " CloudFormation takes in a request; nothing was changed in it");
        }
        List<Parameter> parameters = stack.parameters().stream()
                .map(p -> Parameter.builder().parameterKey(p.parameterKey()).usePreviousValue(true).build()).toList();
        try {
            cloudFormation.updateStack(r -> r.stackName(stack.stackId()).templateBody(body).parameters(parameters)
                    .capabilities(Capability.CAPABILITY_IAM, Capability.CAPABILITY_NAMED_IAM,
                            Capability.CAPABILITY_AUTO_EXPAND));
        } catch (CloudFormationException e) {
            throw new ProvisionerException("updating " + stackName + " to retain every resource: "
                    + e.awsErrorDetails().errorMessage());
        }
        Stack updated = await(stack.stackId(), "update", w -> w.waitUntilStackUpdateComplete(
                r -> r.stackName(stack.stackId()), o -> Waits.configure(o, options, Timeouts.STACK_UPDATED)));
        if (!"UPDATE_COMPLETE".equals(updated.stackStatusAsString())) {
            throw new ProvisionerException(stackName + " ended " + updated.stackStatusAsString()
                    + " instead of UPDATE_COMPLETE while being given Retain: " + updated.stackStatusReason());
        }
        return true;
    }

    /**
     * Deletes {@code stackName} once its live template retains every resource, and waits until it is gone.
     *
     * @throws ProvisionerException when a resource lacks Retain (nothing is deleted then), or the deletion fails
     */
    public void delete(String stackName) {
        Stack stack = settled(stackName);
        List<String> unretained = unretained(template(stackName));
        if (!unretained.isEmpty()) {
            throw new ProvisionerException("refusing to delete " + stackName + ": " + String.join(", ", unretained)
                    + " would be deleted with it (no DeletionPolicy and UpdateReplacePolicy Retain)");
        }
        cloudFormation.deleteStack(r -> r.stackName(stack.stackId()));
        Stack deleted = await(stack.stackId(), "deletion", w -> w.waitUntilStackDeleteComplete(
                r -> r.stackName(stack.stackId()), o -> Waits.configure(o, options, Timeouts.STACK_DELETED)));
        if (deleted != null && !"DELETE_COMPLETE".equals(deleted.stackStatusAsString())) {
            throw new ProvisionerException(stackName + " ended " + deleted.stackStatusAsString()
                    + " instead of DELETE_COMPLETE: " + deleted.stackStatusReason());
        }
    }

    /** The logical ids of the resources that lack Retain for either policy. */
    static List<String> unretained(JsonNode template) {
        List<String> missing = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = template.path("Resources").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> resource = it.next();
            if (!"Retain".equals(resource.getValue().path("DeletionPolicy").asText())
                    || !"Retain".equals(resource.getValue().path("UpdateReplacePolicy").asText())) {
                missing.add(resource.getKey());
            }
        }
        return missing;
    }

    /** The template with Retain for both policies on every resource, and nothing else changed. */
    static ObjectNode withRetain(JsonNode template) {
        ObjectNode copy = template.deepCopy();
        copy.path("Resources").forEach(resource -> ((ObjectNode) resource).put("DeletionPolicy", "Retain")
                .put("UpdateReplacePolicy", "Retain"));
        return copy;
    }

    /** The template as it was submitted (before transforms), which an update must submit again. */
    private JsonNode template(String stackName) {
        String body = cloudFormation.getTemplate(r -> r.stackName(stackName).templateStage(TemplateStage.ORIGINAL))
                .templateBody();
        return CloudFormationInventory.parse(stackName, body);
    }

    /**
     * The stack once no operation is in progress (a run killed mid-update left one): an update or deletion can
     * start only from a settled state.
     */
    private Stack settled(String stackName) {
        Stack stack = describe(stackName).orElseThrow(() -> new ProvisionerException("stack " + stackName
                + " does not exist"));
        long deadline = System.nanoTime() + options.cap(Timeouts.STACK_UPDATED).toNanos();
        while (stack.stackStatusAsString().endsWith("_IN_PROGRESS") && System.nanoTime() < deadline) {
            sleep();
            stack = describe(stack.stackId()).orElseThrow();
        }
        if (!SETTLED.contains(stack.stackStatusAsString())) {
            throw new ProvisionerException("stack " + stackName + " is " + stack.stackStatusAsString()
                    + (stack.stackStatusReason() == null ? "" : " (" + stack.stackStatusReason() + ")")
                    + ": settle it in CloudFormation first (continue or cancel the rollback), then run migrate again");
        }
        return stack;
    }

    private Optional<Stack> describe(String stackNameOrId) {
        try {
            DescribeStacksResponse response = cloudFormation.describeStacks(r -> r.stackName(stackNameOrId));
            return response.stacks().stream().findFirst();
        } catch (CloudFormationException e) {
            if (e.awsErrorDetails() != null && "ValidationError".equals(e.awsErrorDetails().errorCode())) {
                return Optional.empty(); // "Stack with id X does not exist"
            }
            throw e;
        }
    }

    /** Runs a waiter; the stack as it ended (null once gone), or the reason the wait failed. */
    private Stack await(String stackId, String what,
                        java.util.function.Function<software.amazon.awssdk.services.cloudformation.waiters.CloudFormationWaiter,
                                WaiterResponse<DescribeStacksResponse>> wait) {
        try (var waiter = cloudFormation.waiter()) {
            wait.apply(waiter);
        } catch (SdkException e) {
            // The waiter stops on a failure state (UPDATE_ROLLBACK_COMPLETE, DELETE_FAILED): report the stack as it is.
            return describe(stackId).orElseThrow(() -> new ProvisionerException("waiting for the " + what + " of "
                    + stackId + ": " + e.getMessage()));
        }
        return describe(stackId).orElse(null);
    }

    private void sleep() {
        try {
            Thread.sleep(options.pollInterval().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProvisionerException("interrupted while waiting for CloudFormation");
        }
    }
}
