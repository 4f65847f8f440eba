package io.glassbox.provisioner.stacks.network;

import io.glassbox.provisioner.engine.Change;
import io.glassbox.provisioner.engine.StepContext;
import io.glassbox.provisioner.spec.NetworkSpec;
import io.glassbox.provisioner.spec.SubnetTier;
import java.util.List;

/** The isolated subnets that the database and cache subnet groups are made of, by step and by live id. */
public final class IsolatedSubnets {

    private IsolatedSubnets() {
    }

    /** The subnet steps a subnet group depends on. */
    public static String[] stepIds(NetworkSpec network) {
        return network.subnets(SubnetTier.ISOLATED).stream().map(SubnetStep::id).toArray(String[]::new);
    }

    /** The live ids, with "known after apply" for subnets that do not exist yet (for plans). */
    public static List<String> idsOrUnknown(StepContext context, NetworkSpec network) {
        return network.subnets(SubnetTier.ISOLATED).stream()
                .map(s -> context.outputs().get(SubnetStep.outputId(s)).orElse(Change.KNOWN_AFTER_APPLY)).toList();
    }

    /** The live ids, all of which must exist (for create and update). */
    public static List<String> ids(StepContext context, NetworkSpec network) {
        return network.subnets(SubnetTier.ISOLATED).stream()
                .map(s -> context.outputs().require(SubnetStep.outputId(s))).toList();
    }
}
