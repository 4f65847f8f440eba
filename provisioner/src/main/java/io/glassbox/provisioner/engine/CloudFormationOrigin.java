package io.glassbox.provisioner.engine;

import java.util.Map;
import java.util.Optional;

/**
 * Where a CloudFormation stack keeps a step's resource during a takeover: the stack, the resource's logical id
 * and the physical id CloudFormation reports (empty where it reports none). The engine's {@link Identity} finds
 * the resource by that id first, and by the tags CloudFormation puts on every taggable resource it creates
 * ({@code aws:cloudformation:stack-name}, {@code aws:cloudformation:logical-id}) when no id is reported.
 */
public record CloudFormationOrigin(String stack, String logicalId, String physicalId) {

    /** The tag CloudFormation puts on the resources of a stack, naming the stack. */
    public static final String STACK_NAME_TAG = "aws:cloudformation:stack-name";
    /** The tag CloudFormation puts on a resource it creates, naming the resource's logical id. */
    public static final String LOGICAL_ID_TAG = "aws:cloudformation:logical-id";

    public CloudFormationOrigin {
        physicalId = physicalId == null ? "" : physicalId;
    }

    /** The physical id, when CloudFormation reports one. */
    public Optional<String> reportedId() {
        return physicalId.isBlank() ? Optional.empty() : Optional.of(physicalId);
    }

    /** Whether {@code tags} are CloudFormation's tags of this resource. */
    public boolean taggedOn(Map<String, String> tags) {
        return stack.equals(tags.get(STACK_NAME_TAG)) && logicalId.equals(tags.get(LOGICAL_ID_TAG));
    }

    /** {@code GlassBox-staging-Network/Vpc8378EB38}. */
    public String address() {
        return stack + "/" + logicalId;
    }
}
