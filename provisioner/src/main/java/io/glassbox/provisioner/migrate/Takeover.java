package io.glassbox.provisioner.migrate;

import io.glassbox.provisioner.engine.StepId;

/**
 * A CloudFormation resource the provisioner takes over: the step that owns it from now on keeps it, same id and
 * name. A {@link Role#PART} is kept as part of that step's resource (a route of a route table, a rule of a security
 * group): it has no identity of its own and is found through its parent.
 */
public record Takeover(StepId step, StackResource resource, Role role) {

    /** Whether the resource is the step's own or a part of it. */
    public enum Role { RESOURCE, PART }

    public String describe() {
        String id = resource.physicalId().orElse("(id not reported by CloudFormation)");
        return role == Role.RESOURCE
                ? "take over " + id + " from " + resource.address()
                : "keep " + resource.type() + " " + resource.logicalId() + " as part of it";
    }
}
