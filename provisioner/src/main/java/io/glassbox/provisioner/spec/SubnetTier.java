package io.glassbox.provisioner.spec;

/**
 * The three subnet tiers of the spec's subnet layout. The third octet of a subnet's CIDR is the tier's base
 * plus the index of its availability zone: public 10.0.0.0/24, private 10.0.10.0/24, isolated 10.0.20.0/24
 * in AZ a, and so on.
 */
public enum SubnetTier {
    /** Internet-facing (ALB); default route to the internet gateway. */
    PUBLIC("public", 0),
    /** NAT-routed (ECS); default route to a NAT gateway. */
    PRIVATE("private", 10),
    /** No internet (RDS, Redis); no default route. */
    ISOLATED("isolated", 20);

    private final String id;
    private final int thirdOctetBase;

    SubnetTier(String id, int thirdOctetBase) {
        this.id = id;
        this.thirdOctetBase = thirdOctetBase;
    }

    public String id() {
        return id;
    }

    int thirdOctetBase() {
        return thirdOctetBase;
    }
}
