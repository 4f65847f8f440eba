package io.glassbox.provisioner.spec;

/**
 * The Compute stack: the three services' sizes, the image tag their task definitions use ({@code latest}
 * unless configured), and the API's auto scaling.
 */
public record ComputeSpec(ServiceSize api, ServiceSize agentWorker, ServiceSize fileWorker, String imageTag,
                          ScalingSpec scaling) {
}
