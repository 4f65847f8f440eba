package io.glassbox.provisioner.spec;

import java.util.ArrayList;
import java.util.List;

/**
 * Computes the spec's subnet layout: one /24 per tier and zone inside the VPC's 10.0.0.0/16, with the
 * third octet = tier base (0, 10, 20) + zone index. Staging's two zones give exactly the spec's diagram;
 * production's third zone continues the pattern (10.0.2.0/24, 10.0.12.0/24, 10.0.22.0/24) as DESIGN.md says.
 */
public final class SubnetLayout {

    private SubnetLayout() {
    }

    /** All subnets for {@code zoneCount} zones, ordered by tier and then zone. */
    public static List<SubnetSpec> forZones(String vpcCidr, int zoneCount) {
        String[] parts = vpcCidr.split("[./]");
        if (parts.length != 5 || !parts[4].equals("16")) {
            throw new IllegalArgumentException("the subnet layout needs a /16 VPC, got " + vpcCidr);
        }
        if (zoneCount < 1 || zoneCount > 6) {
            throw new IllegalArgumentException("zone count out of range: " + zoneCount);
        }
        String prefix = parts[0] + "." + parts[1] + ".";
        List<SubnetSpec> subnets = new ArrayList<>();
        for (SubnetTier tier : SubnetTier.values()) {
            for (int zone = 0; zone < zoneCount; zone++) {
                int thirdOctet = tier.thirdOctetBase() + zone;
                subnets.add(new SubnetSpec(tier, new AvailabilityZone(zone), prefix + thirdOctet + ".0/24"));
            }
        }
        return List.copyOf(subnets);
    }
}
