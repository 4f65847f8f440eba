package io.glassbox.provisioner.quotas;

import io.glassbox.provisioner.engine.Plan;
import io.glassbox.provisioner.engine.StepId;
import io.glassbox.provisioner.engine.StepPlan;
import io.glassbox.provisioner.spec.AvailabilityZone;
import io.glassbox.provisioner.spec.NetworkSpec;
import io.glassbox.provisioner.spec.SecurityGroupRole;
import io.glassbox.provisioner.stacks.compute.LoadBalancerStep;
import io.glassbox.provisioner.stacks.network.ElasticIpStep;
import io.glassbox.provisioner.stacks.network.InternetGatewayStep;
import io.glassbox.provisioner.stacks.network.NatGatewayStep;
import io.glassbox.provisioner.stacks.network.SecurityGroupStep;
import io.glassbox.provisioner.stacks.network.VpcStep;
import java.util.ArrayList;
import java.util.List;

/**
 * What a plan creates that counts against a quota, read from the plan alone (no call): the steps whose resource does
 * not exist yet and that the deploy creates. Only creates count: what exists is in the usage already.
 */
public final class QuotaNeeds {

    private QuotaNeeds() {
    }

    /** The needs of {@code plan}, those of zero left out; empty when the plan creates nothing a quota limits. */
    public static List<QuotaNeed> of(Plan plan, NetworkSpec network, String region) {
        List<QuotaNeed> needs = new ArrayList<>();
        add(needs, Quota.VPCS, region, count(plan, List.of(VpcStep.ID)));
        add(needs, Quota.INTERNET_GATEWAYS, region, count(plan, List.of(InternetGatewayStep.ID)));
        add(needs, Quota.ELASTIC_IPS, region,
                count(plan, network.natZones().stream().map(ElasticIpStep::id).toList()));
        for (AvailabilityZone zone : network.natZones()) {
            add(needs, Quota.NAT_GATEWAYS_PER_ZONE, zone.nameIn(region),
                    count(plan, List.of(NatGatewayStep.id(zone))));
        }
        add(needs, Quota.SECURITY_GROUPS, region,
                count(plan, List.of(SecurityGroupRole.values()).stream().map(SecurityGroupStep::id).toList()));
        add(needs, Quota.APPLICATION_LOAD_BALANCERS, region, count(plan, List.of(LoadBalancerStep.ID)));
        return List.copyOf(needs);
    }

    private static void add(List<QuotaNeed> needs, Quota quota, String scope, int needed) {
        if (needed > 0) {
            needs.add(new QuotaNeed(quota, scope, needed));
        }
    }

    private static int count(Plan plan, List<String> stepIds) {
        return (int) stepIds.stream().map(StepId::of).map(plan::step)
                .filter(step -> step.map(QuotaNeeds::creates).orElse(false)).count();
    }

    private static boolean creates(StepPlan step) {
        return step.hasChanges() && !step.exists();
    }
}
