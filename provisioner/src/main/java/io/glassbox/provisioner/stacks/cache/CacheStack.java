package io.glassbox.provisioner.stacks.cache;

import io.glassbox.provisioner.engine.RunOptions;
import io.glassbox.provisioner.engine.Step;
import io.glassbox.provisioner.spec.NetworkSpec;
import java.util.ArrayList;
import java.util.List;

/** The Cache stack's steps: subnet group, replication group and, unless skipped, the readiness check. */
public final class CacheStack {

    private CacheStack() {
    }

    public static List<Step> steps(NetworkSpec network, RunOptions options) {
        List<Step> steps = new ArrayList<>();
        steps.add(new CacheSubnetGroupStep(network));
        steps.add(new ReplicationGroupStep());
        if (!options.skipDataPlane()) {
            steps.add(new CacheReadinessStep());
        }
        return steps;
    }
}
