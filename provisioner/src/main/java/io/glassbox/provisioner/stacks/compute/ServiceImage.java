package io.glassbox.provisioner.stacks.compute;

import io.glassbox.provisioner.engine.RequestError;
import io.glassbox.provisioner.engine.StepContext;
import io.glassbox.provisioner.spec.ComputeSpec;
import io.glassbox.provisioner.spec.ServiceKind;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The image a service's task definition names, decided once per run from the same inputs by every step that needs
 * it (the task definition, the service, the release task). Images are named by digest
 * ({@code …/glassbox-staging-api@sha256:…}), so that what a tag names when the deploy runs is what every task of the
 * revision runs, and a tag pushed again (a new {@code latest}) is a change that rolls out:
 * <ul>
 *   <li>a named tag (the config's {@code imageTag}, a release's {@code --image-tag}) moves the service to the image
 *       that tag names now; a release's tag that is not in ECR stops the plan before any change;</li>
 *   <li>without one, the service keeps the image it runs (its PRIMARY deployment's revision's; aws-cdk #14437: an
 *       infrastructure deploy must never revert a release, nor roll out one that was not);</li>
 *   <li>a service's first task definition names {@code latest}'s image, or {@code latest} itself while it is not
 *       pushed (the service then waits for it with no task).</li>
 * </ul>
 */
final class ServiceImage {

    /**
     * The reference, and whether its image is in ECR now (a reference by tag before the push is not; nor one by a
     * digest whose image was deleted).
     */
    record Choice(String reference, boolean inEcr) {
    }

    private ServiceImage() {
    }

    /**
     * The choice, from what the steps before published (no call of its own): the digest the tag names now
     * ({@link RepositoryStep}) and the image the live task definition names ({@link TaskDefinitionStep}).
     *
     * @throws RequestError when a release's tag is not in ECR
     */
    static Choice of(StepContext context, ServiceKind service) {
        return choose(context, service, () -> uri(context, service));
    }

    /** Whether the image {@link #of} chooses is in ECR, told from the outputs alone (no repository URI needed). */
    static boolean inEcr(StepContext context, ServiceKind service) {
        return choose(context, service, () -> "").inEcr();
    }

    private static Choice choose(StepContext context, ServiceKind service, Supplier<String> repositoryUri) {
        ComputeSpec compute = context.spec().compute();
        String tag = compute.imageTag();
        Optional<String> digest = context.outputs().get(RepositoryStep.outputImageDigest(service.repository()));
        if (compute.tagSource().named()) {
            if (digest.isPresent()) {
                return new Choice(repositoryUri.get() + "@" + digest.get(), true);
            }
            if (compute.tagSource() == ComputeSpec.TagSource.RELEASE) {
                throw new RequestError("image tag " + tag + " is not in ECR repository "
                        + context.naming().repository(service.repository()) + ": push it first; nothing was changed");
            }
            return new Choice(repositoryUri.get() + ":" + tag, false);
        }
        // What the service runs, else what its family's latest revision names (a service not made yet).
        Optional<String> live = context.outputs().get(TaskDefinitionStep.outputRunningImage(service))
                .or(() -> context.outputs().get(TaskDefinitionStep.outputImage(service)));
        if (live.isPresent()) {
            // A digest was resolved from ECR when the revision was registered; a tag (a revision registered before
            // the image was pushed) is there once that tag is.
            boolean byDigest = live.get().contains("@");
            return new Choice(live.get(), byDigest || (digest.isPresent() && live.get().endsWith(":" + tag)));
        }
        return digest.map(d -> new Choice(repositoryUri.get() + "@" + d, true))
                .orElseGet(() -> new Choice(repositoryUri.get() + ":" + tag, false));
    }

    /** {@code 123456789012.dkr.ecr.us-east-1.amazonaws.com/glassbox-staging-api}. */
    static String uri(StepContext context, ServiceKind service) {
        return context.outputs().get(RepositoryStep.outputUri(service.repository()))
                .orElseGet(() -> context.aws().accountId() + ".dkr.ecr." + context.aws().region() + ".amazonaws.com/"
                        + context.naming().repository(service.repository()));
    }

    /** The reference's image as a release reads it: {@code v1.4.2 (sha256:cd34ef56ab12…)}. */
    static String describe(StepContext context, ServiceKind service, String reference) {
        return EcrImages.describe(context, context.naming().repository(service.repository()), reference);
    }
}
