package io.glassbox.provisioner.spec;

/**
 * The Compute stack: the three services' sizes, the image tag their task definitions use ({@code latest}
 * unless configured), the API's auto scaling, and whether the load balancer has deletion protection (FSBP ELB.6,
 * production).
 */
public record ComputeSpec(ServiceSize api, ServiceSize agentWorker, ServiceSize fileWorker, String imageTag,
                          ScalingSpec scaling, boolean loadBalancerDeletionProtection) {
}
