package io.glassbox.provisioner.stacks.storage;

import io.glassbox.provisioner.aws.AwsErrors;
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
import software.amazon.awssdk.services.s3.model.ListObjectVersionsResponse;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.PublicAccessBlockConfiguration;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.model.ServerSideEncryptionRule;
import software.amazon.awssdk.services.s3.model.Tag;

/**
 * The files bucket {@code glassbox-{env}-files-{account}}: SSE-S3 (AES-256) by default, all public access
 * blocked, versioning left disabled (the spec keeps versions in the database), the spec's CORS rule, tags.
 */
public final class BucketStep extends ResourceStep<BucketStep.LiveBucket> {

    public static final String ID = "storage.bucket";
    public static final String OUTPUT_NAME = "storage.bucket.name";
    public static final String OUTPUT_ARN = "storage.bucket.arn";
    private static final String ENCRYPTION = "encryption";
    private static final String PUBLIC_ACCESS_BLOCK = "publicAccessBlock";
    private static final String VERSIONING = "versioning";
    private static final String CORS = "cors";
    private static final String REGION = "region";
    private static final String POLICY = "policy.secureTransport";
    /** S3's "absent" codes for each bucket sub-resource (S3 API Reference, "Error responses"). */
    private static final Set<String> ABSENT = Set.of("ServerSideEncryptionConfigurationNotFoundError",
            "NoSuchPublicAccessBlockConfiguration", "NoSuchCORSConfiguration", "NoSuchTagSet", "NoSuchTagSetError",
            "NoSuchBucketPolicy");
    private static final int NOT_FOUND = 404;
    private static final int FORBIDDEN = 403;

    /** Everything we compare, read with one call per bucket sub-resource. */
    record LiveBucket(String name, String region, String encryption, PublicAccessBlockConfiguration publicAccessBlock,
                      String versioning, List<CORSRule> cors, Map<String, String> tags, String policy) {
    }

    private final StorageSpec storage;

    public BucketStep(StorageSpec storage) {
        super(ID, StackName.STORAGE);
        this.storage = storage;
    }

    @Override
    public String resourceType() {
        return "S3 bucket";
    }

    @Override
    public String resourceName(StepContext context) {
        return storage.bucketName(context.aws().accountId());
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
        List<CORSRule> cors = Optional.ofNullable(absentAsNull(() -> s3.getBucketCors(r -> r.bucket(name)).corsRules()))
                .orElse(List.of());
        Map<String, String> tags = Optional.ofNullable(absentAsNull(() -> s3.getBucketTagging(r -> r.bucket(name))
                .tagSet().stream().collect(Collectors.toMap(Tag::key, Tag::value, (a, b) -> b)))).orElse(Map.of());
        String policy = absentAsNull(() -> s3.getBucketPolicy(r -> r.bucket(name)).policy());
        return Optional.of(new LiveBucket(name, region, encryption, block, versioning, cors, tags, policy));
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
        if (!CorsRules.equal(storage.cors(), live.cors())) {
            changes.add(Change.update(CORS, CorsRules.describe(live.cors()), CorsRules.describe(storage.cors())));
        }
        if (!SecureTransportPolicy.holds(live.policy(), live.name())) {
            changes.add(Change.update(POLICY, live.policy() == null ? null : "no " + SecureTransportPolicy.SID
                    + " statement", "requests without TLS denied"));
        }
        tagChange(tags(context), live.tags()).ifPresent(changes::add);
        return changes;
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
        return "bucket with " + storage.encryptionAlgorithm() + " encryption, public access blocked, TLS only, CORS for "
                + String.join(",", storage.cors().allowedOrigins());
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
        putCors(s3, name);
        putPolicy(s3, name, null);
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
            putPolicy(s3, name, live.policy());
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

    private static void putPolicy(S3Client s3, String name, String livePolicy) {
        s3.putBucketPolicy(r -> r.bucket(name).policy(SecureTransportPolicy.merged(livePolicy, name)));
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
        context.outputs().put(OUTPUT_NAME, live.name());
        context.outputs().put(OUTPUT_ARN, "arn:aws:s3:::" + live.name());
    }

    @Override
    protected Optional<String> refuseDelete(StepContext context, LiveBucket live) {
        if (context.options().mayDelete(DeletableData.OBJECTS)) {
            return Optional.empty();
        }
        boolean empty = context.aws().s3().listObjectsV2(r -> r.bucket(live.name()).maxKeys(1)).keyCount() == 0;
        return empty ? Optional.empty() : Optional.of("S3 bucket " + live.name() + " is not empty: its files are"
                + " data; it is kept (" + DeletableData.OBJECTS.flag() + " deletes them)");
    }

    @Override
    protected void delete(StepContext context, LiveBucket live) {
        if (context.options().mayDelete(DeletableData.OBJECTS)) {
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
