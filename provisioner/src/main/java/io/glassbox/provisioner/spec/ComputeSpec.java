package io.glassbox.provisioner.spec;

/** The Compute stack's sizes and the image tag its task definitions use. */
public record ComputeSpec(ServiceSize api, ServiceSize agentWorker, ServiceSize fileWorker, String imageTag) {
}
