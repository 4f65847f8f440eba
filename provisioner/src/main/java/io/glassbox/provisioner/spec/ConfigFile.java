package io.glassbox.provisioner.spec;

/**
 * What an account's config file ({@code --config}, YAML or JSON) may override. Every field is optional;
 * an absent field keeps the spec's value. Keys are the record components' names, nested as below:
 * <pre>
 * accountId: "123456789012"      # every command refuses to run with credentials of another account
 * appOrigin: https://app.example.com
 * domain: api.example.com
 * certificateArn: arn:aws:acm:us-east-1:123456789012:certificate/...
 * imageTag: v1.2.3
 * alarmEmail: ops@example.com
 * database: { instanceClass: db.t3.large, allocatedStorageGb: 50, maxAllocatedStorageGb: 200, backupRetentionDays: 14 }
 * cache: { nodeType: cache.t3.small }
 * services:
 *   api: { cpu: 1024, memoryMb: 2048, desiredCount: 2, minCapacity: 2, maxCapacity: 6 }
 *   agentWorker: { cpu: 512, memoryMb: 1024, desiredCount: 1 }
 *   fileWorker: { desiredCount: 2 }
 * dataPlane: { image: public.ecr.aws/docker/library/postgres:16-alpine }
 * auth: { domainPrefix: acme-glassbox-staging }   # the hosted UI prefix, if glassbox-{env} is taken
 * </pre>
 */
public record ConfigFile(
        String accountId,
        String appOrigin,
        String domain,
        String certificateArn,
        String imageTag,
        String alarmEmail,
        Database database,
        Cache cache,
        Services services,
        DataPlane dataPlane,
        Auth auth) {

    /** An empty config: every value from the spec. */
    public static ConfigFile empty() {
        return new ConfigFile(null, null, null, null, null, null, null, null, null, null, null);
    }

    /** The hosted UI's domain prefix, unique across every AWS account of the region. */
    public record Auth(String domainPrefix) {
    }

    /** The data plane's one-off task: the PostgreSQL client image it runs. */
    public record DataPlane(String image) {
    }

    /** Database size overrides. */
    public record Database(String instanceClass, Integer allocatedStorageGb, Integer maxAllocatedStorageGb,
                           Integer backupRetentionDays) {
    }

    /** Cache size overrides. */
    public record Cache(String nodeType) {
    }

    /** Per-service size overrides. */
    public record Services(Service api, Service agentWorker, Service fileWorker) {
    }

    /** One service's size overrides. */
    public record Service(Integer cpu, Integer memoryMb, Integer desiredCount, Integer minCapacity,
                          Integer maxCapacity) {
    }
}
