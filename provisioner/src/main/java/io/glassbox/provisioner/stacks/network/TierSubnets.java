package io.glassbox.provisioner.stacks.network;

import io.glassbox.provisioner.engine.StepContext;
import io.glassbox.provisioner.spec.NetworkSpec;
import io.glassbox.provisioner.spec.SubnetTier;
import java.util.List;

/**
 * The subnets of one tier, by step and by live id: the isolated ones make the database and cache subnet
 * groups, the public ones hold the load balancer, the private ones the ECS tasks.
 */
public final class TierSubnets {

    private TierSubnets() {
    }

    /** The subnet steps a resource in the tier depends on. */
    public static String[] stepIds(NetworkSpec network, SubnetTier tier) {
        return network.subnets(tier).stream().map(SubnetStep::id).toArray(String[]::new);
    }

    /** The live ids, with "known after apply" for subnets that do not exist yet (for plans). */
    public static List<String> idsOrUnknown(StepContext context, NetworkSpec network, SubnetTier tier) {
        return network.subnets(tier).stream()
                .map(s -> context.outputs().getOrUnknown(SubnetStep.outputId(s))).toList();
    }

    /** The live ids, all of which must exist (for create and update). */
    public static List<String> ids(StepContext context, NetworkSpec network, SubnetTier tier) {
        return network.subnets(tier).stream()
                .map(s -> context.outputs().require(SubnetStep.outputId(s))).toList();
    }
}
