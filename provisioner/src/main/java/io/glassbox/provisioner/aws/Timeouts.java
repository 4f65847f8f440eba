package io.glassbox.provisioner.aws;

import java.time.Duration;

/** How long we wait for AWS to finish something, each with where the number comes from. */
public final class Timeouts {

    /**
     * A NAT gateway becomes available in about 2 minutes; the SDK's NatGatewayAvailable waiter gives up after
     * 40 attempts x 15 s = 10 min, which we keep (Amazon VPC User Guide, "NAT gateways"; measured ~2 min).
     */
    public static final Duration NAT_GATEWAY_AVAILABLE = Duration.ofMinutes(10);
    /** Deleting a NAT gateway takes up to about 5 minutes before its EIP can be released (VPC User Guide). */
    public static final Duration NAT_GATEWAY_DELETED = Duration.ofMinutes(10);
    /** VPCs and subnets are usually available within seconds (EC2 API Reference, CreateVpc / CreateSubnet). */
    public static final Duration VPC_AVAILABLE = Duration.ofMinutes(2);
    /**
     * Right after a create, EC2 and SQS reads can answer NotFound for a few seconds (EC2 API Reference,
     * "Eventual consistency in the Amazon EC2 API"); we retry such reads for this long.
     */
    public static final Duration EVENTUAL_CONSISTENCY = Duration.ofSeconds(60);
    /**
     * After DeleteQueue, SQS refuses a queue of the same name for 60 s (SQS API Reference, DeleteQueue).
     */
    public static final Duration SQS_NAME_REUSE = Duration.ofSeconds(60);

    private Timeouts() {
    }
}
