package io.glassbox.provisioner.stacks.storage;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.glassbox.provisioner.aws.AwsErrors;
import io.glassbox.provisioner.aws.PolicyStatements;
import io.glassbox.provisioner.aws.ResourceTags;
import io.glassbox.provisioner.engine.Change;
import io.glassbox.provisioner.engine.DeletableData;
import io.glassbox.provisioner.engine.ProvisionerException;
import io.glassbox.provisioner.engine.ResourceStep;
import io.glassbox.provisioner.engine.StepContext;
import io.glassbox.provisioner.spec.CorsRule;
import io.glassbox.provisioner.spec.StackName;
import io.glassbox.provisioner.spec.StorageSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.CORSRule;
import software.amazon.awssdk.services.s3.model.ExpirationStatus;
import software.amazon.awssdk.services.s3.model.LifecycleRule;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsResponse;
import software.amazon.awssdk.services.s3.model.LoggingEnabled;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.PublicAccessBlockConfiguration;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.model.ServerSideEncryptionRule;
import software.amazon.awssdk.services.s3.model.Tag;

/**
 * One of the environment's buckets, both SSE-S3 (AES-256) by default, all public access blocked, TLS only (FSBP
 * S3.5), versioning left disabled (the spec keeps versions in the database), tagged:
 * <ul>
 *   <li>the files bucket {@code glassbox-{env}-files-{account}}, with the spec's CORS rule, its server access logs
 *       going to the logs bucket (FSBP S3.9);</li>
 *   <li>the logs bucket {@code glassbox-{env}-logs-{account}}, which the log delivery principals of the region may
 *       write to ({@link LogDeliveryPolicy}) and whose objects expire after the spec's days.</li>
 * </ul>
 * Both hold data: destroy keeps either while it holds objects, unless {@code --delete-objects}.
 */
public final class BucketStep extends ResourceStep<BucketStep.LiveBucket> {

    public static final String ID = "storage.bucket";
    public static final String OUTPUT_NAME = "storage.bucket.name";
    public static final String OUTPUT_ARN = "storage.bucket.arn";
    public static final String LOGS_ID = "storage.logs-bucket";
    public static final String LOGS_OUTPUT_NAME = LOGS_ID + ".name";
    /** The load balancer's access logs prefix in the logs bucket. */
    public static final String LOAD_BALANCER_LOG_PREFIX = LogDeliveryPolicy.ELB_PREFIX;
    private static final String LOGGING = "serverAccessLogging";
    private static final String LIFECYCLE = "lifecycle";
    /** Our lifecycle rule's id; other rules of the bucket are the operator's and are kept. */
    static final String EXPIRE_RULE = "ExpireLogs";
    private static final String ENCRYPTION = "encryption";
    private static final String PUBLIC_ACCESS_BLOCK = "publicAccessBlock";
    private static final String VERSIONING = "versioning";
    private static final String CORS = "cors";
    private static final String REGION = "region";
    private static final String POLICY = "policy";
    /** S3's "absent" codes for each bucket sub-resource (S3 API Reference, "Error responses"). */
    private static final Set<String> ABSENT = Set.of("ServerSideEncryptionConfigurationNotFoundError",
            "NoSuchPublicAccessBlockConfiguration", "NoSuchCORSConfiguration", "NoSuchTagSet", "NoSuchTagSetError",
            "NoSuchBucketPolicy", "NoSuchLifecycleConfiguration");
    private static final int NOT_FOUND = 404;
    private static final int FORBIDDEN = 403;

    /**
     * Everything we compare, read with one call per bucket sub-resource (server access logging for the files
     * bucket, lifecycle for the logs bucket; null and empty for the other).
     */
    record LiveBucket(String name, String region, String encryption, PublicAccessBlockConfiguration publicAccessBlock,
                      String versioning, List<CORSRule> cors, Map<String, String> tags, String policy,
                      LoggingEnabled logging, List<LifecycleRule> lifecycle) {
    }

    private final StorageSpec storage;
    private final boolean logs;

    private BucketStep(String id, StorageSpec storage, boolean logs, String... dependencies) {
        super(id, StackName.STORAGE, dependencies);
        this.storage = storage;
        this.logs = logs;
    }

    /** The files bucket; it logs to the logs bucket, so it waits for it. */
    public static BucketStep files(StorageSpec storage) {
        return new BucketStep(ID, storage, false, LOGS_ID);
    }

    /** The logs bucket. */
    public static BucketStep logs(StorageSpec storage) {
        return new BucketStep(LOGS_ID, storage, true);
    }

    @Override
    public String resourceType() {
        return "S3 bucket";
    }

    @Override
    public String resourceName(StepContext context) {
        return logs ? storage.logsBucketName(context.aws().accountId()) : storage.bucketName(context.aws().accountId());
    }

    @Override
    protected Optional<LiveBucket> find(StepContext context) {
        S3Client s3 = context.aws().s3();
        String name = resourceName(context);
        String region;
        try {
            // HeadBucket names the bucket's region (x-amz-bucket-region): no GetBucketLocation needed.
            region = s3.headBucket(r -> r.bucket(name)).bucketRegion();
        } catch (S3Exception e) {
            if (e.statusCode() == NOT_FOUND) {
                return Optional.empty();
            }
            if (e.statusCode() == FORBIDDEN) {
                throw new ProvisionerException("S3 bucket " + name + " exists but these credentials cannot read it"
                        + " (owned by another account?)");
            }
            throw e;
        }
        String encryption = absentAsNull(() -> s3.getBucketEncryption(r -> r.bucket(name))
                .serverSideEncryptionConfiguration().rules().stream().findFirst()
                .map(ServerSideEncryptionRule::applyServerSideEncryptionByDefault)
                .map(d -> d.sseAlgorithmAsString()).orElse(null));
        PublicAccessBlockConfiguration block = absentAsNull(() -> s3.getPublicAccessBlock(r -> r.bucket(name))
                .publicAccessBlockConfiguration());
        String versioning = s3.getBucketVersioning(r -> r.bucket(name)).statusAsString();
        List<CORSRule> cors = logs ? List.of() : Optional.ofNullable(absentAsNull(() -> s3.getBucketCors(
                r -> r.bucket(name)).corsRules())).orElse(List.of());
        Map<String, String> tags = Optional.ofNullable(absentAsNull(() -> s3.getBucketTagging(r -> r.bucket(name))
                .tagSet().stream().collect(Collectors.toMap(Tag::key, Tag::value, (a, b) -> b)))).orElse(Map.of());
        String policy = absentAsNull(() -> s3.getBucketPolicy(r -> r.bucket(name)).policy());
        LoggingEnabled logging = logs ? null : s3.getBucketLogging(r -> r.bucket(name)).loggingEnabled();
        List<LifecycleRule> lifecycle = !logs ? List.of() : Optional.ofNullable(absentAsNull(() -> s3
                .getBucketLifecycleConfiguration(r -> r.bucket(name)).rules())).orElse(List.of());
        return Optional.of(new LiveBucket(name, region, encryption, block, versioning, cors, tags, policy, logging,
                lifecycle));
    }

    private static <T> T absentAsNull(Supplier<T> read) {
        try {
            return read.get();
        } catch (S3Exception e) {
            if (AwsErrors.hasCode(e, ABSENT)) {
                return null;
            }
            throw e;
        }
    }

    @Override
    protected String idOf(LiveBucket live) {
        return live.name();
    }

    @Override
    protected Map<String, String> tagsOf(LiveBucket live) {
        return live.tags();
    }

    @Override
    protected List<Change> diff(StepContext context, LiveBucket live) {
        List<Change> changes = new ArrayList<>();
        // A bucket never moves: one in another region than the environment's can only be deleted and created
        // anew there (S3 User Guide, "Buckets overview"), which deletes its objects.
        String region = context.aws().region();
        if (live.region() != null && !live.region().equals(region)) {
            changes.add(Change.replace(REGION, live.region(), region));
        }
        if (!storage.encryptionAlgorithm().equals(live.encryption())) {
            changes.add(Change.update(ENCRYPTION, live.encryption(), storage.encryptionAlgorithm()));
        }
        if (storage.blockPublicAccess() && !fullyBlocked(live.publicAccessBlock())) {
            changes.add(Change.update(PUBLIC_ACCESS_BLOCK, describe(live.publicAccessBlock()), "all blocked"));
        }
        // Versioning can be suspended but never switched off again once enabled (S3 User Guide, "Versioning").
        if (!storage.versioningEnabled() && BucketVersioningStatus.ENABLED.toString().equals(live.versioning())) {
            changes.add(Change.update(VERSIONING, live.versioning(), BucketVersioningStatus.SUSPENDED.toString()));
        }
        if (!logs && !CorsRules.equal(storage.cors(), live.cors())) {
            changes.add(Change.update(CORS, CorsRules.describe(live.cors()), CorsRules.describe(storage.cors())));
        }
        PolicyStatements.change(POLICY, live.policy(), statements(live.name(), region)).ifPresent(changes::add);
        if (!logs) {
            String target = context.outputs().getOrUnknown(LOGS_OUTPUT_NAME);
            if (live.logging() == null || !target.equals(live.logging().targetBucket())
                    || !LogDeliveryPolicy.S3_PREFIX.equals(live.logging().targetPrefix())) {
                changes.add(Change.update(LOGGING, live.logging() == null ? "off" : live.logging().targetBucket() + "/"
                        + live.logging().targetPrefix(), target + "/" + LogDeliveryPolicy.S3_PREFIX));
            }
        }
        if (logs && live.lifecycle().stream().noneMatch(this::isOurExpiration)) {
            changes.add(Change.update(LIFECYCLE, "no " + EXPIRE_RULE + " rule", "objects expire after "
                    + storage.logExpirationDays() + " days"));
        }
        tagChange(tags(context), live.tags()).ifPresent(changes::add);
        return changes;
    }

    /**
     * Our statements of bucket {@code name}'s policy: TLS only, and for the logs bucket who may deliver logs to it.
     * The account is the one our bucket names end with, so a plan needs no further call.
     */
    private List<ObjectNode> statements(String name, String region) {
        List<ObjectNode> statements = new ArrayList<>(List.of(SecureTransportPolicy.statement(name)));
        if (logs) {
            String account = name.substring(name.lastIndexOf('-') + 1);
            statements.addAll(LogDeliveryPolicy.statements(name, storage.bucketName(account), account, region));
        }
        return statements;
    }

    private LifecycleRule expiration() {
        return LifecycleRule.builder().id(EXPIRE_RULE).status(ExpirationStatus.ENABLED)
                .filter(f -> f.prefix("")).expiration(e -> e.days(storage.logExpirationDays())).build();
    }

    private boolean isOurExpiration(LifecycleRule rule) {
        return EXPIRE_RULE.equals(rule.id()) && rule.status() == ExpirationStatus.ENABLED && rule.expiration() != null
                && Integer.valueOf(storage.logExpirationDays()).equals(rule.expiration().days())
                && (rule.filter() == null || rule.filter().prefix() == null || rule.filter().prefix().isEmpty());
    }

    private static boolean fullyBlocked(PublicAccessBlockConfiguration block) {
        return block != null && Boolean.TRUE.equals(block.blockPublicAcls())
                && Boolean.TRUE.equals(block.ignorePublicAcls()) && Boolean.TRUE.equals(block.blockPublicPolicy())
                && Boolean.TRUE.equals(block.restrictPublicBuckets());
    }

    private static String describe(PublicAccessBlockConfiguration block) {
        if (block == null) {
            return "(none)";
        }
        return "blockPublicAcls=" + block.blockPublicAcls() + " ignorePublicAcls=" + block.ignorePublicAcls()
                + " blockPublicPolicy=" + block.blockPublicPolicy() + " restrictPublicBuckets=" + block.restrictPublicBuckets();
    }

    @Override
    protected String createSummary(StepContext context) {
        if (logs) {
            return "logs bucket with " + storage.encryptionAlgorithm() + " encryption, public access blocked, TLS only,"
                    + " S3 and load balancer log delivery, logs expire after " + storage.logExpirationDays() + " days";
        }
        return "bucket with " + storage.encryptionAlgorithm() + " encryption, public access blocked, TLS only, CORS for "
                + String.join(",", storage.cors().allowedOrigins()) + ", server access logs to the logs bucket";
    }

    @Override
    protected LiveBucket create(StepContext context) {
        S3Client s3 = context.aws().s3();
        String name = resourceName(context);
        List<Tag> tags = s3Tags(tags(context));
        String region = context.aws().region();
        // Tags go with the create call, so a crash right after it never leaves an untagged (not-ours) bucket.
        s3.createBucket(r -> {
            r.bucket(name);
            r.createBucketConfiguration(c -> {
                c.tags(tags);
                // us-east-1 is the default location and must not be named (S3 API Reference, CreateBucket).
                if (!"us-east-1".equals(region)) {
                    c.locationConstraint(region);
                }
            });
        });
        s3.waiter().waitUntilBucketExists(r -> r.bucket(name));
        putEncryption(s3, name);
        putPublicAccessBlock(s3, name);
        // The policy first: S3 checks that log delivery may write to the target before logging to it.
        putPolicy(context, name, null);
        if (logs) {
            putLifecycle(s3, name, List.of());
        } else {
            putCors(s3, name);
            putLogging(context, name);
        }
        putTags(s3, name, Map.of(), tags(context));
        return find(context).orElseThrow(() -> new ProvisionerException("bucket " + name + " vanished after create"));
    }

    @Override
    protected void update(StepContext context, LiveBucket live, List<Change> changes) {
        S3Client s3 = context.aws().s3();
        String name = live.name();
        if (touches(changes, PUBLIC_ACCESS_BLOCK)) {
            putPublicAccessBlock(s3, name);
        }
        if (touches(changes, ENCRYPTION)) {
            putEncryption(s3, name);
        }
        if (touches(changes, VERSIONING)) {
            s3.putBucketVersioning(r -> r.bucket(name).versioningConfiguration(
                    v -> v.status(BucketVersioningStatus.SUSPENDED)));
        }
        if (touches(changes, CORS)) {
            putCors(s3, name);
        }
        if (touches(changes, POLICY)) {
            putPolicy(context, name, live.policy());
        }
        if (touches(changes, LOGGING)) {
            putLogging(context, name);
        }
        if (touches(changes, LIFECYCLE)) {
            putLifecycle(s3, name, live.lifecycle());
        }
        if (touches(changes, TAGS)) {
            putTags(s3, name, live.tags(), tags(context));
        }
    }

    private void putEncryption(S3Client s3, String name) {
        s3.putBucketEncryption(r -> r.bucket(name).serverSideEncryptionConfiguration(c -> c.rules(
                ServerSideEncryptionRule.builder().applyServerSideEncryptionByDefault(
                        d -> d.sseAlgorithm(ServerSideEncryption.fromValue(storage.encryptionAlgorithm()))).build())));
    }

    private void putPolicy(StepContext context, String name, String livePolicy) {
        context.aws().s3().putBucketPolicy(r -> r.bucket(name).policy(PolicyStatements.merged(livePolicy,
                statements(name, context.aws().region()))));
    }

    private static void putLogging(StepContext context, String name) {
        String target = context.outputs().require(LOGS_OUTPUT_NAME);
        context.aws().s3().putBucketLogging(r -> r.bucket(name).bucketLoggingStatus(b -> b.loggingEnabled(l -> l
                .targetBucket(target).targetPrefix(LogDeliveryPolicy.S3_PREFIX))));
    }

    /** PutBucketLifecycleConfiguration replaces every rule: the operator's are kept beside ours. */
    private void putLifecycle(S3Client s3, String name, List<LifecycleRule> live) {
        List<LifecycleRule> rules = new ArrayList<>(live.stream().filter(r -> !EXPIRE_RULE.equals(r.id())).toList());
        rules.add(expiration());
        s3.putBucketLifecycleConfiguration(r -> r.bucket(name).lifecycleConfiguration(c -> c.rules(rules)));
    }

    private static void putPublicAccessBlock(S3Client s3, String name) {
        s3.putPublicAccessBlock(r -> r.bucket(name).publicAccessBlockConfiguration(c -> c
                .blockPublicAcls(true).ignorePublicAcls(true).blockPublicPolicy(true).restrictPublicBuckets(true)));
    }

    private void putCors(S3Client s3, String name) {
        CorsRule cors = storage.cors();
        s3.putBucketCors(r -> r.bucket(name).corsConfiguration(c -> c.corsRules(CORSRule.builder()
                .allowedHeaders(cors.allowedHeaders()).allowedMethods(cors.allowedMethods())
                .allowedOrigins(cors.allowedOrigins()).exposeHeaders(cors.exposeHeaders())
                .maxAgeSeconds(cors.maxAgeSeconds()).build())));
    }

    /** PutBucketTagging replaces the whole set, so keep tags others added and overlay ours. */
    private static void putTags(S3Client s3, String name, Map<String, String> live, Map<String, String> desired) {
        Map<String, String> merged = new HashMap<>(live);
        merged.putAll(desired);
        s3.putBucketTagging(r -> r.bucket(name).tagging(t -> t.tagSet(s3Tags(merged))));
    }

    private static List<Tag> s3Tags(Map<String, String> tags) {
        return tags.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
    }

    @Override
    protected void publish(StepContext context, LiveBucket live) {
        if (logs) {
            context.outputs().put(LOGS_OUTPUT_NAME, live.name());
            context.outputs().put(LOGS_ID + ".arn", "arn:aws:s3:::" + live.name());
        } else {
            context.outputs().put(OUTPUT_NAME, live.name());
            context.outputs().put(OUTPUT_ARN, "arn:aws:s3:::" + live.name());
        }
    }

    @Override
    protected Optional<String> refuseDelete(StepContext context, LiveBucket live) {
        if (context.options().mayDelete(contents())) {
            return Optional.empty();
        }
        boolean empty = context.aws().s3().listObjectsV2(r -> r.bucket(live.name()).maxKeys(1)).keyCount() == 0;
        return empty ? Optional.empty() : Optional.of("S3 bucket " + live.name() + " is not empty: its " + (logs ? "logs" : "files") + " are"
                + " data; it is kept (" + contents().flag() + " deletes them)");
    }

    /** What the bucket holds: logs go with the log groups ({@code --delete-logs}), files with {@code --delete-objects}. */
    private DeletableData contents() {
        return logs ? DeletableData.LOGS : DeletableData.OBJECTS;
    }

    /**
     * The logs bucket is kept by destroy like the log groups, logs or not (S3 delivers more within minutes of any
     * traffic), so that the rest of an environment can go while its logs stay; {@code --delete-logs} deletes it.
     */
    @Override
    public boolean keptByDestroy(StepContext context) {
        return logs && !context.options().mayDelete(DeletableData.LOGS);
    }

    @Override
    protected void delete(StepContext context, LiveBucket live) {
        if (context.options().mayDelete(contents())) {
            emptyBucket(context, live.name());
        }
        context.aws().s3().deleteBucket(r -> r.bucket(live.name()));
        context.aws().s3().waiter().waitUntilBucketNotExists(r -> r.bucket(live.name()));
    }

    /**
     * Deletes every object version and delete marker (S3 refuses to delete a bucket that has any, versioned
     * or not), 1000 keys per DeleteObjects call (S3 API Reference, DeleteObjects).
     */
    private static void emptyBucket(StepContext context, String bucket) {
        S3Client s3 = context.aws().s3();
        List<ObjectIdentifier> batch = new ArrayList<>();
        Runnable flush = () -> {
            if (!batch.isEmpty()) {
                List<ObjectIdentifier> keys = List.copyOf(batch);
                s3.deleteObjects(r -> r.bucket(bucket).delete(d -> d.objects(keys).quiet(true)));
                batch.clear();
            }
        };
        for (ListObjectVersionsResponse page : s3.listObjectVersionsPaginator(r -> r.bucket(bucket))) {
            page.versions().forEach(v -> batch.add(ObjectIdentifier.builder().key(v.key()).versionId(v.versionId()).build()));
            page.deleteMarkers().forEach(m -> batch.add(ObjectIdentifier.builder().key(m.key()).versionId(m.versionId())
                    .build()));
            if (batch.size() >= 1000) {
                flush.run();
            }
        }
        flush.run();
    }

    private Map<String, String> tags(StepContext context) {
        return ResourceTags.of(context.spec().environment(), StackName.STORAGE, id().value());
    }
}
