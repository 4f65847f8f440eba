package io.glassbox.provisioner.spec;

/** One subnet of the layout: its tier, its zone and its CIDR block. */
public record SubnetSpec(SubnetTier tier, AvailabilityZone zone, String cidr) {

    /** The suffix used in names and step ids: {@code public-a}. */
    public String key() {
        return tier.id() + "-" + zone.letter();
    }

    /** Public subnets give instances a public IP on launch, as CDK's public subnets do. */
    public boolean mapPublicIpOnLaunch() {
        return tier == SubnetTier.PUBLIC;
    }
}
