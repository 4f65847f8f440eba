package io.glassbox.provisioner.spec;

/**
 * The Storage stack's desired state: the files bucket and, for the security baseline (FSBP S3.9, ELB.5), the logs
 * bucket that receives the files bucket's server access logs and the load balancer's access logs; both named after
 * the account at run time.
 *
 * @param bucketNamePrefix     {@code glassbox-{env}-files}; the account id is appended when known
 * @param encryptionAlgorithm  the default server-side encryption of both buckets ({@code AES256}, i.e. SSE-S3: the
 *                             only one ALB access logs can be written with)
 * @param versioningEnabled    false: the spec keeps versions in the database
 * @param blockPublicAccess    all four public access block settings on, on both buckets
 * @param logsBucketNamePrefix {@code glassbox-{env}-logs}
 * @param logExpirationDays    logs are deleted this many days after delivery
 */
public record StorageSpec(
        String bucketNamePrefix,
        String encryptionAlgorithm,
        boolean versioningEnabled,
        boolean blockPublicAccess,
        CorsRule cors,
        String logsBucketNamePrefix,
        int logExpirationDays) {

    /** The bucket's name in an account: {@code glassbox-staging-files-123456789012}. */
    public String bucketName(String accountId) {
        return bucketNamePrefix + "-" + accountId;
    }

    /** The logs bucket's name in an account: {@code glassbox-staging-logs-123456789012}. */
    public String logsBucketName(String accountId) {
        return logsBucketNamePrefix + "-" + accountId;
    }
}
