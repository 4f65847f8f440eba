package io.glassbox.provisioner.stacks.compute;

import io.glassbox.provisioner.aws.ResourceTags;
import io.glassbox.provisioner.engine.Change;
import io.glassbox.provisioner.engine.DeletableData;
import io.glassbox.provisioner.engine.ResourceStep;
import io.glassbox.provisioner.engine.StepContext;
import io.glassbox.provisioner.spec.StackName;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.ImageDetail;
import software.amazon.awssdk.services.ecr.model.ImageIdentifier;
import software.amazon.awssdk.services.ecr.model.ImageNotFoundException;
import software.amazon.awssdk.services.ecr.model.LifecyclePolicyNotFoundException;
import software.amazon.awssdk.services.ecr.model.Repository;
import software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException;
import software.amazon.awssdk.services.ecr.model.Tag;

/**
 * An ECR repository ({@code glassbox-{env}-api} or {@code -worker}) with scan on push. Its images are data:
 * destroy refuses a repository that still holds any.
 */
public final class RepositoryStep extends ResourceStep<RepositoryStep.LiveRepository> {

    private static final String SCAN_ON_PUSH = "imageScanningConfiguration.scanOnPush";
    private static final String LIFECYCLE = "lifecyclePolicy";

    /**
     * The repository, its tags, its lifecycle policy's text (null: none) and the digest of the image the services
     * run ({@code imageTag}), if it has been pushed.
     */
    record LiveRepository(Repository repository, Map<String, String> tags, String lifecyclePolicy,
                          Optional<String> imageDigest) {

        LiveRepository(Repository repository, Map<String, String> tags, String lifecyclePolicy) {
            this(repository, tags, lifecyclePolicy, Optional.empty());
        }
    }

    private final String suffix;

    public RepositoryStep(String suffix) {
        super(id(suffix), StackName.COMPUTE);
        this.suffix = suffix;
    }

    public static String id(String suffix) {
        return "compute.repository." + suffix;
    }

    /** {@code 123456789012.dkr.ecr.us-east-1.amazonaws.com/glassbox-staging-api}. */
    public static String outputUri(String suffix) {
        return id(suffix) + ".uri";
    }

    public static String outputArn(String suffix) {
        return id(suffix) + ".arn";
    }

    /**
     * The digest of the configured image tag in the repository ({@code sha256:…}), published only when that image
     * has been pushed: the services wait for it ({@link ServiceStep}).
     */
    public static String outputImageDigest(String suffix) {
        return id(suffix) + ".image-digest";
    }

    @Override
    public String resourceType() {
        return "ECR repository";
    }

    @Override
    public String resourceName(StepContext context) {
        return context.naming().repository(suffix);
    }

    @Override
    protected Optional<LiveRepository> find(StepContext context) {
        EcrClient ecr = context.aws().ecr();
        // One DescribeRepositories for both repositories (naming one that is missing would fail the call).
        List<Repository> all = context.reads().get("ecr.repositories", () -> ecr.describeRepositoriesPaginator(r -> { })
                .repositories().stream().toList());
        Optional<Repository> found = all.stream().filter(r -> r.repositoryName().equals(resourceName(context)))
                .findFirst();
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Repository repository = found.get();
        Map<String, String> tags = new LinkedHashMap<>();
        ecr.listTagsForResource(r -> r.resourceArn(repository.repositoryArn())).tags()
                .forEach(t -> tags.put(t.key(), t.value()));
        String lifecycle;
        try {
            lifecycle = ecr.getLifecyclePolicy(r -> r.repositoryName(repository.repositoryName())).lifecyclePolicyText();
        } catch (LifecyclePolicyNotFoundException e) {
            lifecycle = null;
        }
        return Optional.of(new LiveRepository(repository, tags, lifecycle, imageDigest(context)));
    }

    /** The configured tag's image in the repository, if pushed (ECR API Reference, DescribeImages). */
    private Optional<String> imageDigest(StepContext context) {
        String tag = context.spec().compute().imageTag();
        try {
            return context.aws().ecr().describeImages(r -> r.repositoryName(resourceName(context))
                    .imageIds(ImageIdentifier.builder().imageTag(tag).build())).imageDetails().stream()
                    .map(ImageDetail::imageDigest).findFirst();
        } catch (ImageNotFoundException e) {
            return Optional.empty();
        }
    }

    @Override
    protected String idOf(LiveRepository live) {
        return live.repository().repositoryArn();
    }

    @Override
    protected Map<String, String> tagsOf(LiveRepository live) {
        return live.tags();
    }

    @Override
    protected List<Change> diff(StepContext context, LiveRepository live) {
        List<Change> changes = new ArrayList<>();
        boolean scanOnPush = live.repository().imageScanningConfiguration() != null
                && Boolean.TRUE.equals(live.repository().imageScanningConfiguration().scanOnPush());
        if (!scanOnPush) {
            changes.add(Change.update(SCAN_ON_PUSH, false, true));
        }
        if (!ImageLifecyclePolicy.matches(live.lifecyclePolicy())) {
            changes.add(Change.update(LIFECYCLE, live.lifecyclePolicy() == null ? null : "another policy",
                    "untagged expire after " + ImageLifecyclePolicy.UNTAGGED_DAYS + " days, newest "
                            + ImageLifecyclePolicy.TAGGED_KEPT + " tagged kept"));
        }
        tagChange(tags(context), live.tags()).ifPresent(changes::add);
        return changes;
    }

    @Override
    protected String createSummary(StepContext context) {
        return "repository with scan on push, AES256 encryption, mutable tags (latest, {git-sha}, {version}), untagged"
                + " images expiring after " + ImageLifecyclePolicy.UNTAGGED_DAYS + " days";
    }

    @Override
    protected LiveRepository create(StepContext context) {
        context.aws().ecr().createRepository(r -> r.repositoryName(resourceName(context))
                .imageScanningConfiguration(s -> s.scanOnPush(true))
                .encryptionConfiguration(e -> e.encryptionType("AES256"))
                .tags(ecrTags(tags(context))));
        putLifecyclePolicy(context);
        return find(context).orElseThrow();
    }

    @Override
    protected void update(StepContext context, LiveRepository live, List<Change> changes) {
        EcrClient ecr = context.aws().ecr();
        if (touches(changes, SCAN_ON_PUSH)) {
            ecr.putImageScanningConfiguration(r -> r.repositoryName(resourceName(context))
                    .imageScanningConfiguration(s -> s.scanOnPush(true)));
        }
        if (touches(changes, LIFECYCLE)) {
            putLifecyclePolicy(context);
        }
        if (touches(changes, TAGS)) {
            ecr.tagResource(r -> r.resourceArn(live.repository().repositoryArn())
                    .tags(ecrTags(ResourceTags.missing(tags(context), live.tags()))));
        }
    }

    @Override
    protected void publish(StepContext context, LiveRepository live) {
        context.outputs().put(outputUri(suffix), live.repository().repositoryUri());
        context.outputs().put(outputArn(suffix), live.repository().repositoryArn());
        live.imageDigest().ifPresent(digest -> context.outputs().put(outputImageDigest(suffix), digest));
    }

    @Override
    protected Optional<String> refuseDelete(StepContext context, LiveRepository live) {
        if (context.options().mayDelete(DeletableData.IMAGES)) {
            return Optional.empty();
        }
        boolean hasImages = !context.aws().ecr().listImages(r -> r.repositoryName(resourceName(context)).maxResults(1))
                .imageIds().isEmpty();
        return hasImages ? Optional.of("ECR repository " + resourceName(context) + " holds images: they are release"
                + " artifacts; it is kept (" + DeletableData.IMAGES.flag() + " deletes them)") : Optional.empty();
    }

    @Override
    protected void delete(StepContext context, LiveRepository live) {
        try {
            // force deletes the images with it; refuseDelete has made sure the operator asked for that.
            context.aws().ecr().deleteRepository(r -> r.repositoryName(resourceName(context))
                    .force(context.options().mayDelete(DeletableData.IMAGES)));
        } catch (RepositoryNotFoundException e) {
            // already gone
        }
    }

    private void putLifecyclePolicy(StepContext context) {
        context.aws().ecr().putLifecyclePolicy(r -> r.repositoryName(resourceName(context))
                .lifecyclePolicyText(ImageLifecyclePolicy.document()));
    }

    private static List<Tag> ecrTags(Map<String, String> tags) {
        return tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
    }

    private Map<String, String> tags(StepContext context) {
        return ResourceTags.of(context.spec().environment(), StackName.COMPUTE, id().value());
    }
}
