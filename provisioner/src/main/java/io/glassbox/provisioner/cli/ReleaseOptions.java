package io.glassbox.provisioner.cli;

import picocli.CommandLine.Option;

/**
 * The release flags that deploy (the default command too) and plan share (a picocli mixin): the image tag to release
 * and a one-off task to run before the services roll out.
 */
public final class ReleaseOptions {

    @Option(names = "--image-tag", paramLabel = "TAG", description = "Release this image tag: resolved to its digest"
            + " in ECR, every service moves to it (a tag not in ECR stops before any change). Without it, each service"
            + " keeps the image it runs.")
    String imageTag;

    @Option(names = "--before-rollout", paramLabel = "\"SERVICE: COMMAND\"", description = "Run this one-off task"
            + " before any service rolls out (\"api: ./migrate up\"): the service's new task definition with the"
            + " command overridden, in the private subnets; the services roll out only if it exits 0.")
    String beforeRollout;

    /** {@code run}, releasing what these flags name (as it is when neither is given). */
    CommonOptions.Validated applyTo(CommonOptions.Validated run) {
        return run.releasing(imageTag, beforeRollout);
    }
}
