package io.glassbox.verification.support;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Pushes images to the emulator's ECR as a release pipeline's {@code docker push} would: PutImage with an image
 * manifest (Docker Image Manifest V2, Schema 2). Each label gives a manifest of its own, hence a digest of its own.
 */
public final class Images {

    private Images() {
    }

    /**
     * A manifest whose config blob and one layer are named by the digest of {@code label}: different labels, different
     * images. (ECR's digest is that of the manifest; moto's is that of the layers' digests, so the layer is needed.)
     */
    public static String manifest(String label) {
        String blob = "\"size\":" + label.length() + ",\"digest\":\"sha256:" + sha256(label) + "\"";
        return "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.docker.distribution.manifest.v2+json\","
                + "\"config\":{\"mediaType\":\"application/vnd.docker.container.image.v1+json\"," + blob + "},"
                + "\"layers\":[{\"mediaType\":\"application/vnd.docker.image.rootfs.diff.tar.gzip\"," + blob + "}]}";
    }

    /** Pushes an image labelled {@code label} as {@code repository:tag}; returns its digest. */
    public static String push(AwsProbe aws, String repository, String tag, String label) {
        return aws.ecr.putImage(r -> r.repositoryName(repository).imageTag(tag).imageManifest(manifest(label)))
                .image().imageId().imageDigest();
    }

    /** What the services of {@code env} run: {@code latest} in both of its repositories. */
    public static void pushLatest(AwsProbe aws, String env) {
        for (String repository : List.of("glassbox-" + env + "-api", "glassbox-" + env + "-worker")) {
            push(aws, repository, "latest", repository + " build 1");
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
