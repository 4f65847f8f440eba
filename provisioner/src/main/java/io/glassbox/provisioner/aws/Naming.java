package io.glassbox.provisioner.aws;

import io.glassbox.provisioner.spec.AvailabilityZone;
import io.glassbox.provisioner.spec.Environment;
import io.glassbox.provisioner.spec.SecurityGroupRole;
import io.glassbox.provisioner.spec.ServiceKind;
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

    /** {@code glassbox-staging-api}: an ECR repository ({@code api} or {@code worker}). */
    public String repository(String suffix) {
        return base() + "-" + suffix;
    }

    /** {@code glassbox-staging-agent-worker}: an ECS service and its task definition family. */
    public String service(ServiceKind service) {
        return base() + "-" + service.id();
    }

    /** {@code /ecs/glassbox-staging/api}. */
    public String logGroup(ServiceKind service) {
        return logGroupPrefix() + service.id();
    }

    /** {@code /ecs/glassbox-staging/}: what every log group of the environment starts with. */
    public String logGroupPrefix() {
        return "/ecs/" + base() + "/";
    }

    /** {@code glassbox-staging-execution}: the task-execution role the three services share. */
    public String executionRole() {
        return base() + "-execution";
    }

    /** {@code glassbox-staging-api-task}: the role a service's containers run as. */
    public String taskRole(ServiceKind service) {
        return service(service) + "-task";
    }

    /** {@code glassbox-staging-api}: the API's target group. */
    public String targetGroup() {
        return service(ServiceKind.API);
    }

    /** {@code glassbox-staging-alarms}: the SNS topic alarms notify. */
    public String alarmTopic() {
        return base() + "-alarms";
    }

    /** {@code alias/glassbox-staging}: the environment's customer managed KMS key (the alarm topic's). */
    public String keyAlias() {
        return "alias/" + base();
    }

    /** {@code /vpc/glassbox-staging/flow-logs}: the VPC flow logs' log group. */
    public String flowLogGroup() {
        return "/vpc/" + base() + "/flow-logs";
    }

    /** {@code glassbox-staging-flow-logs}: the role the flow-logs service delivers with. */
    public String flowLogRole() {
        return base() + "-flow-logs";
    }

    /** {@code glassbox-staging-rds-cpu}. */
    public String alarm(String suffix) {
        return base() + "-" + suffix;
    }

    /** {@code glassbox/staging/llm}. */
    public String llmSecret() {
        return "glassbox/" + environment.id() + "/llm";
    }

    /** A parameter under {@code /glassbox/{env}/}, e.g. {@code cognito/client-id}. */
    public String parameter(String suffix) {
        return "/glassbox/" + environment.id() + "/" + suffix;
    }

    public Environment environment() {
        return environment;
    }
}
