package io.glassbox.provisioner.spec;

import java.util.List;

/**
 * The Network stack's desired state: the VPC, its subnets per tier and zone, NAT gateways and the four
 * security groups with exactly the spec's rules.
 *
 * @param natGatewayCount 1 (shared by every private subnet) or one per zone
 */
public record NetworkSpec(
        String vpcCidr,
        List<AvailabilityZone> zones,
        int natGatewayCount,
        List<SubnetSpec> subnets,
        List<SecurityGroupSpec> securityGroups) {

    public NetworkSpec {
        zones = List.copyOf(zones);
        subnets = List.copyOf(subnets);
        securityGroups = List.copyOf(securityGroups);
        if (natGatewayCount != 1 && natGatewayCount != zones.size()) {
            throw new IllegalArgumentException("NAT gateways must be 1 or one per zone, got " + natGatewayCount);
        }
    }

    /** The zones that hold a NAT gateway: the first zone only, or all of them. */
    public List<AvailabilityZone> natZones() {
        return zones.subList(0, natGatewayCount);
    }

    /** The NAT gateway zone that a private subnet in {@code zone} routes through. */
    public AvailabilityZone natZoneFor(AvailabilityZone zone) {
        return natGatewayCount == 1 ? zones.get(0) : zone;
    }

    /** The subnets of one tier, in zone order. */
    public List<SubnetSpec> subnets(SubnetTier tier) {
        return subnets.stream().filter(s -> s.tier() == tier).toList();
    }

    public SecurityGroupSpec securityGroup(SecurityGroupRole role) {
        return securityGroups.stream().filter(g -> g.role() == role).findFirst()
                .orElseThrow(() -> new IllegalStateException("no security group " + role));
    }
}
