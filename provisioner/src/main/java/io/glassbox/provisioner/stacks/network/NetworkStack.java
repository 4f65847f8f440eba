package io.glassbox.provisioner.stacks.network;

import io.glassbox.provisioner.engine.Step;
import io.glassbox.provisioner.spec.AvailabilityZone;
import io.glassbox.provisioner.spec.NetworkSpec;
import io.glassbox.provisioner.spec.SecurityGroupSpec;
import io.glassbox.provisioner.spec.SubnetSpec;
import io.glassbox.provisioner.spec.SubnetTier;
import io.glassbox.provisioner.stacks.compute.RoleStep;
import io.glassbox.provisioner.stacks.monitoring.LogGroupStep;
import java.util.ArrayList;
import java.util.List;

/**
 * The Network stack's steps: VPC (its default SG emptied, its flow log with log group and role), internet gateway,
 * subnets, NAT gateways with EIPs, route tables, SGs.
 */
public final class NetworkStack {

    private NetworkStack() {
    }

    public static List<Step> steps(NetworkSpec network) {
        List<Step> steps = new ArrayList<>();
        steps.add(new VpcStep());
        steps.add(new DefaultSecurityGroupStep());
        steps.add(LogGroupStep.flowLogs());
        steps.add(RoleStep.flowLogs());
        steps.add(new FlowLogStep());
        steps.add(new InternetGatewayStep());
        network.subnets().forEach(subnet -> steps.add(new SubnetStep(subnet)));
        for (AvailabilityZone zone : network.natZones()) {
            SubnetSpec publicSubnet = network.subnets(SubnetTier.PUBLIC).get(zone.index());
            steps.add(new ElasticIpStep(zone));
            steps.add(new NatGatewayStep(zone, publicSubnet));
        }
        network.subnets().forEach(subnet -> steps.add(new RouteTableStep(subnet, network)));
        for (SecurityGroupSpec group : network.securityGroups()) {
            steps.add(new SecurityGroupStep(group));
        }
        for (SecurityGroupSpec group : network.securityGroups()) {
            if (SecurityGroupReferencesStep.needed(group)) {
                steps.add(new SecurityGroupReferencesStep(group));
            }
        }
        return steps;
    }
}
