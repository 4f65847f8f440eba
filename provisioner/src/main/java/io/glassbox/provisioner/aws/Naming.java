package io.glassbox.provisioner.aws;

import io.glassbox.provisioner.spec.AvailabilityZone;
import io.glassbox.provisioner.spec.Environment;
import io.glassbox.provisioner.spec.SecurityGroupRole;
import io.glassbox.provisioner.spec.SubnetSpec;
import io.glassbox.provisioner.spec.SubnetTier;

/**
 * The deterministic names of DESIGN.md's naming table. Every name starts with {@code glassbox-{env}} so that
 * two environments in one account never collide, and a re-run finds what an earlier (or crashed) run made.
 */
public final class Naming {

    private final Environment environment;

    public Naming(Environment environment) {
        this.environment = environment;
    }

    /** {@code glassbox-staging}: VPC, internet gateway, RDS, ElastiCache, ECS cluster, ALB, dashboard. */
    public String base() {
        return "glassbox-" + environment.id();
    }

    public String vpc() {
        return base();
    }

    public String internetGateway() {
        return base();
    }

    /** {@code glassbox-staging-public-a}. */
    public String subnet(SubnetSpec subnet) {
        return base() + "-" + subnet.key();
    }

    /** {@code glassbox-staging-private-b}: one route table per subnet, named like it. */
    public String routeTable(SubnetSpec subnet) {
        return subnet(subnet);
    }

    /** {@code glassbox-staging-nat-a}: the NAT gateway of zone a and its Elastic IP. */
    public String natGateway(AvailabilityZone zone) {
        return base() + "-nat-" + zone.letter();
    }

    public String securityGroup(SecurityGroupRole role) {
        return base() + "-" + role.id();
    }

    /** {@code glassbox-staging-agent-jobs}. */
    public String queue(String baseName) {
        return base() + "-" + baseName;
    }

    /** {@code glassbox-staging-agent-jobs-dlq}. */
    public String deadLetterQueue(String baseName) {
        return queue(baseName) + "-dlq";
    }

    /** Subnet name for a tier and zone, for steps that refer to a subnet they do not own. */
    public String subnet(SubnetTier tier, AvailabilityZone zone) {
        return base() + "-" + tier.id() + "-" + zone.letter();
    }

    public Environment environment() {
        return environment;
    }
}
