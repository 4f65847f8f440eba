package io.glassbox.verification.support;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceField;
import software.amazon.awssdk.services.elasticache.model.CacheSubnetGroup;
import software.amazon.awssdk.services.elasticache.model.ReplicationGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.DBSubnetGroup;

/**
 * The resources a step owns in an environment, found by its {@code glassbox:step} tag with plain SDK reads: a
 * deploy names them {@code glassbox-{env}…}, a takeover keeps the names CDK and CloudFormation gave them, and the
 * stack checks hold for both. Exactly one resource carries a step's tag, or the check fails.
 */
public final class Owned {

    private static final String STEP = "glassbox:step";
    private final AwsProbe aws;

    public Owned(AwsProbe aws) {
        this.aws = aws;
    }

    private static boolean owns(Map<String, String> tags, String env, String step) {
        return step.equals(tags.get(STEP)) && env.equals(tags.get("Environment"));
    }

    private static <T> T one(List<T> found, String env, String step) {
        if (found.size() != 1) {
            throw new AssertionError(found.size() + " resources tagged " + STEP + "=" + step + " in " + env + ": " + found);
        }
        return found.get(0);
    }

    public DBInstance dbInstance(String env) {
        return one(aws.rds.describeDBInstances().dbInstances().stream().filter(d -> owns(d.tagList().stream()
                .collect(Collectors.toMap(t -> t.key(), t -> t.value())), env, "database.instance")).toList(),
                env, "database.instance");
    }

    public DBSubnetGroup dbSubnetGroup(String env) {
        return one(aws.rds.describeDBSubnetGroups().dbSubnetGroups().stream().filter(g -> owns(aws.rds
                .listTagsForResource(r -> r.resourceName(g.dbSubnetGroupArn())).tagList().stream()
                .collect(Collectors.toMap(t -> t.key(), t -> t.value())), env, "database.subnet-group")).toList(),
                env, "database.subnet-group");
    }

    public ReplicationGroup replicationGroup(String env) {
        return one(aws.elastiCache.describeReplicationGroups().replicationGroups().stream()
                .filter(g -> owns(cacheTags(g.arn()), env, "cache.replication-group")).toList(),
                env, "cache.replication-group");
    }

    public CacheSubnetGroup cacheSubnetGroup(String env) {
        return one(aws.elastiCache.describeCacheSubnetGroups().cacheSubnetGroups().stream()
                .filter(g -> owns(cacheTags(g.arn()), env, "cache.subnet-group")).toList(), env, "cache.subnet-group");
    }

    private Map<String, String> cacheTags(String arn) {
        return aws.elastiCache.listTagsForResource(r -> r.resourceName(arn)).tagList().stream()
                .collect(Collectors.toMap(t -> t.key(), t -> t.value()));
    }

    public LoadBalancer loadBalancer(String env) {
        return one(aws.elb.describeLoadBalancers().loadBalancers().stream()
                .filter(lb -> owns(elbTags(lb.loadBalancerArn()), env, "compute.load-balancer")).toList(),
                env, "compute.load-balancer");
    }

    public TargetGroup targetGroup(String env) {
        return one(aws.elb.describeTargetGroups().targetGroups().stream()
                .filter(tg -> owns(elbTags(tg.targetGroupArn()), env, "compute.target-group")).toList(),
                env, "compute.target-group");
    }

    private Map<String, String> elbTags(String arn) {
        return aws.elb.describeTags(r -> r.resourceArns(arn)).tagDescriptions().get(0).tags().stream()
                .collect(Collectors.toMap(t -> t.key(), t -> t.value()));
    }

    /** A service of the environment's cluster: {@code api}, {@code agent-worker} or {@code file-worker}; with its tags. */
    public Service service(String env, String name) {
        String cluster = "glassbox-" + env;
        List<String> arns = aws.ecs.listServices(r -> r.cluster(cluster)).serviceArns();
        return one(aws.ecs.describeServices(r -> r.cluster(cluster).services(arns).include(ServiceField.TAGS))
                .services().stream().filter(s -> owns(s.tags().stream().collect(Collectors.toMap(t -> t.key(),
                        t -> t.value())), env, "compute.service." + name)).toList(), env, "compute.service." + name);
    }

    /** The security group of a role ({@code alb}, {@code ecs}, {@code rds}, {@code redis}). */
    public SecurityGroup securityGroup(String env, String role) {
        return one(aws.ec2.describeSecurityGroups(r -> r.filters(AwsProbe.tag(STEP, "network.security-group." + role),
                AwsProbe.tag("Environment", env))).securityGroups(), env, "network.security-group." + role);
    }
}
