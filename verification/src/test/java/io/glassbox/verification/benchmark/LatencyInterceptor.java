package io.glassbox.verification.benchmark;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.ec2.model.CreateNatGatewayResponse;
import software.amazon.awssdk.services.ec2.model.DescribeNatGatewaysResponse;
import software.amazon.awssdk.services.ec2.model.NatGatewayState;
import software.amazon.awssdk.services.ecs.model.CreateServiceResponse;
import software.amazon.awssdk.services.ecs.model.DeploymentRolloutState;
import software.amazon.awssdk.services.ecs.model.DescribeServicesResponse;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.elasticache.model.CreateReplicationGroupRequest;
import software.amazon.awssdk.services.elasticache.model.CreateReplicationGroupResponse;
import software.amazon.awssdk.services.elasticache.model.DescribeReplicationGroupsResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateLoadBalancerResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeLoadBalancersResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerStateEnum;
import software.amazon.awssdk.services.rds.model.CreateDbInstanceRequest;
import software.amazon.awssdk.services.rds.model.CreateDbInstanceResponse;
import software.amazon.awssdk.services.rds.model.DescribeDbInstancesResponse;

/**
 * Plays AWS's slowness on top of the emulator, which makes everything available at once: from the moment a
 * NAT gateway, ALB, RDS instance, ElastiCache replication group or ECS service is created, every Describe of it
 * answers with its creating state ({@code pending}, {@code provisioning}, {@code creating}, rollout
 * {@code IN_PROGRESS}) until the {@link LatencyModel}'s time for it has passed; then the emulator's own answer
 * goes through. The provisioner's waiters see exactly what they would see on AWS, only sooner.
 */
public final class LatencyInterceptor implements ExecutionInterceptor {

    private final LatencyModel model;
    /**
     * "kind:id" → the System.nanoTime() at which it stops creating. The kind is part of the key because ids are
     * shared across services: the RDS instance and the replication group are both {@code glassbox-{env}}.
     */
    private final Map<String, Long> readyAt = new ConcurrentHashMap<>();

    public LatencyInterceptor(LatencyModel model) {
        this.model = model;
    }

    @Override
    public SdkResponse modifyResponse(Context.ModifyResponse context, ExecutionAttributes attributes) {
        SdkResponse response = context.response();
        if (response instanceof CreateNatGatewayResponse created) {
            creating("nat:" + created.natGateway().natGatewayId(), model.natGateway());
        } else if (response instanceof CreateLoadBalancerResponse created) {
            created.loadBalancers().forEach(lb -> creating("alb:" + lb.loadBalancerArn(), model.loadBalancer()));
        } else if (response instanceof CreateDbInstanceResponse created
                && context.request() instanceof CreateDbInstanceRequest request) {
            creating("rds:" + created.dbInstance().dbInstanceIdentifier(), model.database(Boolean.TRUE.equals(request.multiAZ())));
        } else if (response instanceof CreateReplicationGroupResponse created
                && context.request() instanceof CreateReplicationGroupRequest request) {
            creating("cache:" + created.replicationGroup().replicationGroupId(),
                    model.cache(Boolean.TRUE.equals(request.multiAZEnabled())));
        } else if (response instanceof CreateServiceResponse created) {
            creating("ecs:" + created.service().serviceArn(), model.ecsService());
        } else if (response instanceof DescribeNatGatewaysResponse described) {
            return described.toBuilder().natGateways(described.natGateways().stream()
                    .map(nat -> stillCreating("nat:" + nat.natGatewayId())
                            ? nat.toBuilder().state(NatGatewayState.PENDING).build() : nat).toList()).build();
        } else if (response instanceof DescribeLoadBalancersResponse described) {
            return described.toBuilder().loadBalancers(described.loadBalancers().stream()
                    .map(lb -> stillCreating("alb:" + lb.loadBalancerArn())
                            ? lb.toBuilder().state(s -> s.code(LoadBalancerStateEnum.PROVISIONING)).build() : lb)
                    .toList()).build();
        } else if (response instanceof DescribeDbInstancesResponse described) {
                return described.toBuilder().dbInstances(described.dbInstances().stream()
                    .map(db -> stillCreating("rds:" + db.dbInstanceIdentifier())
                            ? db.toBuilder().dbInstanceStatus("creating").build() : db).toList()).build();
        } else if (response instanceof DescribeReplicationGroupsResponse described) {
            return described.toBuilder().replicationGroups(described.replicationGroups().stream()
                    .map(group -> stillCreating("cache:" + group.replicationGroupId())
                            ? group.toBuilder().status("creating").build() : group).toList()).build();
        } else if (response instanceof DescribeServicesResponse described) {
            return described.toBuilder().services(described.services().stream()
                    .map(service -> stillCreating("ecs:" + service.serviceArn()) ? rollingOut(service) : service).toList())
                    .build();
        }
        return response;
    }

    /** A service whose primary deployment is still rolling out, with no task running yet. */
    private static Service rollingOut(Service service) {
        return service.toBuilder().runningCount(0).deployments(service.deployments().stream()
                .map(d -> "PRIMARY".equals(d.status())
                        ? d.toBuilder().rolloutState(DeploymentRolloutState.IN_PROGRESS).runningCount(0).build() : d)
                .toList()).build();
    }

    private void creating(String id, Duration duration) {
        readyAt.putIfAbsent(id, System.nanoTime() + duration.toNanos());
    }

    private boolean stillCreating(String id) {
        Long ready = readyAt.get(id);
        return ready != null && System.nanoTime() < ready;
    }
}
