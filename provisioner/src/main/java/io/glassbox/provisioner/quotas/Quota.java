package io.glassbox.provisioner.quotas;

/**
 * The account's regional quotas that what a deploy creates counts against, each with its Service Quotas code and the
 * default AWS applies when the account has no value of its own (Amazon VPC User Guide, "Amazon VPC quotas"; Amazon
 * EC2 User Guide, "Elastic IP address quota"; Elastic Load Balancing User Guide, "Quotas for your Application Load
 * Balancers"). A shortfall is found before anything is made, not as {@code AddressLimitExceeded} halfway through.
 */
public enum Quota {
    VPCS("vpc", "L-F678F1CE", "VPCs per Region", 5),
    INTERNET_GATEWAYS("vpc", "L-A4707A72", "Internet gateways per Region", 5),
    NAT_GATEWAYS_PER_ZONE("vpc", "L-FE5A380F", "NAT gateways per Availability Zone", 5),
    SECURITY_GROUPS("vpc", "L-E79EC296", "VPC security groups per Region", 2500),
    ELASTIC_IPS("ec2", "L-0263D0A3", "EC2-VPC Elastic IPs", 5),
    APPLICATION_LOAD_BALANCERS("elasticloadbalancing", "L-53DA6B97", "Application Load Balancers per Region", 50);

    private final String serviceCode;
    private final String quotaCode;
    private final String displayName;
    private final double awsDefault;

    Quota(String serviceCode, String quotaCode, String displayName, double awsDefault) {
        this.serviceCode = serviceCode;
        this.quotaCode = quotaCode;
        this.displayName = displayName;
        this.awsDefault = awsDefault;
    }

    /** Service Quotas' service code: {@code ec2}, {@code vpc}, {@code elasticloadbalancing}. */
    public String serviceCode() {
        return serviceCode;
    }

    /** The code a quota increase is requested by: {@code L-0263D0A3}. */
    public String quotaCode() {
        return quotaCode;
    }

    public String displayName() {
        return displayName;
    }

    /** AWS's default value, for an account whose value Service Quotas does not report. */
    public double awsDefault() {
        return awsDefault;
    }
}
