package io.glassbox.provisioner.spec;

import java.util.Set;

/** A security group with exactly these ingress and egress rules; an empty egress set means no egress rule at all. */
public record SecurityGroupSpec(SecurityGroupRole role, Set<SecurityGroupRule> ingress, Set<SecurityGroupRule> egress) {

    public SecurityGroupSpec {
        ingress = Set.copyOf(ingress);
        egress = Set.copyOf(egress);
    }
}
