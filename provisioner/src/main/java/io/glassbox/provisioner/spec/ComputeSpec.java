package io.glassbox.provisioner.spec;

/**
 * The Compute stack: the three services' sizes, the image tag and where it comes from, the API's auto scaling, and
 * whether the load balancer has deletion protection (FSBP ELB.6, production).
 *
 * @param imageTag  the tag of the services' images ({@code latest} unless configured or released)
 * @param tagSource where {@code imageTag} comes from: it decides whether a deploy moves the services' images
 * @param releaseTask a one-off task the deploy runs before the services roll out, if the release names one
 */
public record ComputeSpec(ServiceSize api, ServiceSize agentWorker, ServiceSize fileWorker, String imageTag,
                          TagSource tagSource, ScalingSpec scaling, boolean loadBalancerDeletionProtection,
                          java.util.Optional<ReleaseTask> releaseTask) {

    public ComputeSpec(ServiceSize api, ServiceSize agentWorker, ServiceSize fileWorker, String imageTag,
                       TagSource tagSource, ScalingSpec scaling, boolean loadBalancerDeletionProtection) {
        this(api, agentWorker, fileWorker, imageTag, tagSource, scaling, loadBalancerDeletionProtection,
                java.util.Optional.empty());
    }

    /** Where the image tag comes from. */
    public enum TagSource {
        /**
         * No tag named: a deploy keeps the image each service runs (its live task definition's), so an
         * infrastructure change never changes the application version; only a service's first deploy uses
         * {@code latest}, waiting for it when it is not pushed yet.
         */
        DEFAULT,
        /** The config's {@code imageTag}: the services move to the image it names now (waiting for it if absent). */
        CONFIG,
        /**
         * A release's tag ({@code --image-tag}, the library's {@code Builder.imageTag}): the services move to the image
         * it names now; a tag not in ECR stops the plan before any change.
         */
        RELEASE;

        /** Whether a deploy moves the services to the image the tag names now. */
        public boolean named() {
            return this != DEFAULT;
        }
    }

    /** The same Compute stack, released with {@code tag}. */
    public ComputeSpec releasing(String tag) {
        return new ComputeSpec(api, agentWorker, fileWorker, tag, TagSource.RELEASE, scaling,
                loadBalancerDeletionProtection, releaseTask);
    }

    /** The same Compute stack, with {@code task} run before the services roll out. */
    public ComputeSpec runningBeforeRollout(ReleaseTask task) {
        return new ComputeSpec(api, agentWorker, fileWorker, imageTag, tagSource, scaling,
                loadBalancerDeletionProtection, java.util.Optional.of(task));
    }
}
