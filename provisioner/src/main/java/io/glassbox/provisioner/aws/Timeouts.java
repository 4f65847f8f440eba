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

    /**
     * RDS PostgreSQL takes ~3.5 min single-AZ and 15-20 min Multi-AZ to become available (measured); the
     * SDK's DBInstanceAvailable waiter stops after 60 x 30 s = 30 min, too close for a large Multi-AZ create.
     */
    public static final Duration RDS_AVAILABLE = Duration.ofMinutes(60);
    /** Deleting an instance (with its final snapshot) takes minutes to tens of minutes. */
    public static final Duration RDS_DELETED = Duration.ofMinutes(60);
    /**
     * ElastiCache Redis takes ~9 min for one node and 10-17 min for two nodes Multi-AZ (measured); the SDK's
     * ReplicationGroupAvailable waiter gives up after 40 x 15 s = 10 min, so it needs a longer timeout.
     */
    public static final Duration ELASTICACHE_AVAILABLE = Duration.ofMinutes(45);
    public static final Duration ELASTICACHE_DELETED = Duration.ofMinutes(45);
    /**
     * A one-off Fargate task (the data plane's) waits for capacity, pulls its image through the NAT gateway and runs:
     * about a minute for a small image (ECS Developer Guide, "Amazon ECS task lifecycle"; Fargate's "task launch
     * times"). Ten minutes covers a slow pull and a busy region; a task still running then is stuck.
     */
    public static final Duration ONE_OFF_TASK = Duration.ofMinutes(10);
    /** How long the data plane keeps trying to connect to a just-available database or cache. */
    public static final Duration DATA_PLANE_CONNECT = Duration.ofSeconds(60);

    /**
     * An ALB becomes active in about 2 minutes (measured); the SDK's LoadBalancerAvailable waiter gives up
     * after 40 x 15 s = 10 min, which we keep.
     */
    public static final Duration LOAD_BALANCER_AVAILABLE = Duration.ofMinutes(10);
    /**
     * ACM issues a DNS-validated certificate within minutes of the CNAME being resolvable, and keeps trying
     * for 72 hours (ACM User Guide, "DNS validation"). A deploy waits this long, then says which record is
     * missing instead of blocking a pipeline for days.
     */
    public static final Duration CERTIFICATE_VALIDATED = Duration.ofMinutes(10);
    /**
     * An ECS service reaches steady state in 1-1.5 min (measured); the SDK's ServicesStable waiter allows
     * 40 x 15 s = 10 min. Image pulls and health-check grace can take longer on a cold start.
     */
    public static final Duration SERVICE_STABLE = Duration.ofMinutes(20);
    /** A service is INACTIVE a few minutes after DeleteService once its tasks have drained. */
    public static final Duration SERVICE_INACTIVE = Duration.ofMinutes(15);

    /**
     * After a load balancer, Fargate task, DB instance or cache is deleted, its network interfaces linger for minutes
     * and hold its security groups and subnets (DeleteSecurityGroup: DependencyViolation), and ACM refuses to delete
     * a certificate just detached (ResourceInUseException). terraform-provider-aws retries such deletes for 15-20
     * minutes (its aws_security_group and aws_subnet delete timeouts; hashicorp/terraform-provider-aws #40): so do we.
     */
    public static final Duration LINGERING_DEPENDENCIES = Duration.ofMinutes(20);
    /**
     * A role just created or given a policy is not yet usable everywhere: IAM is eventually consistent (IAM User
     * Guide, "Changes that I make are not always immediately visible"); terraform-provider-aws waits up to 2 minutes
     * for IAM propagation (its PropagationTimeout), which we keep.
     */
    public static final Duration IAM_PROPAGATION = Duration.ofMinutes(2);
    /**
     * ACM answers DescribeCertificate for a new certificate, and shows its DNS validation record, within seconds of
     * RequestCertificate (ACM API Reference, RequestCertificate; hashicorp/terraform-provider-aws #9627).
     */
    public static final Duration CERTIFICATE_DESCRIBED = Duration.ofMinutes(2);

    private Timeouts() {
    }

    /**
     * An update that only sets DeletionPolicy and UpdateReplacePolicy touches no resource and completes within a
     * minute or two; CloudFormation's own stack timeout is unlimited by default, so this is ours: long enough for
     * a large stack, short enough that a stuck one is reported (AWS CloudFormation User Guide, "Update behaviors").
     */
    public static final Duration STACK_UPDATED = Duration.ofMinutes(30);

    /** Deleting a stack whose resources are all retained deletes nothing in AWS: minutes at most. */
    public static final Duration STACK_DELETED = Duration.ofMinutes(30);
}
