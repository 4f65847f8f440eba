package io.glassbox.provisioner.stacks.compute;

import io.glassbox.provisioner.engine.StepContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.ecr.model.ImageDetail;
import software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException;

/**
 * The images of an ECR repository: every digest with its tags (DescribeImages, paginated: ECR API Reference), read
 * once per plan. A tag names at most one image at a time; pushing a tag again moves it to the new digest.
 */
final class EcrImages {

    /** How many hex digits of a digest a plan line shows ({@code sha256:ab12cd34ef56…}). */
    private static final int SHORT_DIGEST = 12;

    private EcrImages() {
    }

    /** {@code digest → tags} of every image in {@code repository}; empty when it holds none or does not exist. */
    static Map<String, List<String>> of(StepContext context, String repository) {
        return context.reads().get("ecr.images." + repository, () -> {
            Map<String, List<String>> images = new LinkedHashMap<>();
            try {
                for (ImageDetail image : context.aws().ecr().describeImagesPaginator(r -> r.repositoryName(repository))
                        .imageDetails()) {
                    images.put(image.imageDigest(), image.hasImageTags() ? List.copyOf(image.imageTags()) : List.of());
                }
            } catch (RepositoryNotFoundException e) {
                return Map.of();
            }
            return Map.copyOf(images);
        });
    }

    /** The digest {@code tag} names in {@code repository} now, if it is there. */
    static Optional<String> digest(StepContext context, String repository, String tag) {
        return of(context, repository).entrySet().stream().filter(e -> e.getValue().contains(tag))
                .map(Map.Entry::getKey).findFirst();
    }

    /** The tags of the image {@code digest} in {@code repository} (none when untagged or gone). */
    static List<String> tags(StepContext context, String repository, String digest) {
        return of(context, repository).getOrDefault(digest, List.of());
    }

    /**
     * An image reference as a release reads it: {@code v1.4.2 (sha256:cd34ef56ab12…)} for one by digest, with the tags
     * that name it now ({@code untagged} when none does), or the tag itself for one by tag.
     */
    static String describe(StepContext context, String repository, String reference) {
        int at = reference.indexOf('@');
        if (at < 0) {
            return reference.substring(reference.lastIndexOf(':') + 1);
        }
        String digest = reference.substring(at + 1);
        List<String> tags = tags(context, repository, digest);
        return (tags.isEmpty() ? "untagged" : String.join(", ", tags)) + " (" + shortDigest(digest) + ")";
    }

    /** {@code sha256:cd34ef56ab12…}. */
    static String shortDigest(String digest) {
        int colon = digest.indexOf(':');
        return digest.length() > colon + 1 + SHORT_DIGEST ? digest.substring(0, colon + 1 + SHORT_DIGEST) + "…" : digest;
    }
}
