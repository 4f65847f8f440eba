package io.glassbox.provisioner.spec;

/**
 * The Storage stack's desired state: one files bucket, named after the account at run time.
 *
 * @param bucketNamePrefix   {@code glassbox-{env}-files}; the account id is appended when known
 * @param encryptionAlgorithm the default server-side encryption ({@code AES256}, i.e. SSE-S3)
 * @param versioningEnabled  false: the spec keeps versions in the database
 * @param blockPublicAccess  all four public access block settings on
 */
public record StorageSpec(
        String bucketNamePrefix,
        String encryptionAlgorithm,
        boolean versioningEnabled,
        boolean blockPublicAccess,
        CorsRule cors) {

    /** The bucket's name in an account: {@code glassbox-staging-files-123456789012}. */
    public String bucketName(String accountId) {
        return bucketNamePrefix + "-" + accountId;
    }
}
