package io.glassbox.provisioner.stacks.monitoring;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.glassbox.provisioner.aws.PolicyStatements;
import io.glassbox.provisioner.aws.ResourceTags;
import io.glassbox.provisioner.engine.Change;
import io.glassbox.provisioner.engine.ProvisionerException;
import io.glassbox.provisioner.engine.ResourceStep;
import io.glassbox.provisioner.engine.StepContext;
import io.glassbox.provisioner.spec.StackName;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.KeyState;
import software.amazon.awssdk.services.kms.model.NotFoundException;
import software.amazon.awssdk.services.kms.model.Tag;

/**
 * The environment's customer managed KMS key {@code alias/glassbox-{env}}, which encrypts the alarm topic (FSBP SNS.1):
 * symmetric, yearly rotation on, and a key policy that lets the account administer it and CloudWatch publish alarms
 * to the topic it encrypts. CloudWatch cannot use the AWS managed key {@code alias/aws/sns}, whose policy no one can
 * change (SNS Developer Guide, "Configure AWS KMS permissions for AWS services"). destroy schedules the key's deletion
 * with the longest waiting period and keeps the alias, so a deploy within those 30 days cancels the deletion and the
 * topic's messages stay readable.
 */
public final class KeyStep extends ResourceStep<KeyStep.LiveKey> {

    public static final String ID = "monitoring.key";
    public static final String OUTPUT_ARN = ID + ".arn";
    /** KMS waits 7 to 30 days before deleting a key (KMS API Reference, ScheduleKeyDeletion): the longest. */
    static final int DELETION_WINDOW_DAYS = 30;
    static final String ADMINISTRATION_SID = "AccountAdministersTheKey";
    static final String CLOUDWATCH_SID = "CloudWatchAlarmsPublishToTheTopic";
    private static final String STATE = "state";
    private static final String ROTATION = "rotation";
    private static final String POLICY = "keyPolicy";
    private static final String ALIAS = "alias";

    /**
     * The key, whether rotation is on, its key policy and tags (rotation and policy are null for a key pending
     * deletion, which KMS does not describe further), and whether the alias points at it (not after a run killed
     * between CreateKey and CreateAlias).
     */
    record LiveKey(KeyMetadata key, Boolean rotation, String policy, Map<String, String> tags, boolean aliased) {
        boolean pendingDeletion() {
            return key.keyState() == KeyState.PENDING_DELETION;
        }
    }

    public KeyStep() {
        super(ID, StackName.MONITORING);
    }

    @Override
    public String resourceType() {
        return "KMS key";
    }

    @Override
    public String resourceName(StepContext context) {
        return context.naming().keyAlias();
    }

    /**
     * The key the alias points at; without the alias, a key of ours that a killed run created but did not alias
     * (found by our step tag, which CreateKey sets), so a re-run never makes a second key.
     */
    @Override
    protected Optional<LiveKey> find(StepContext context) {
        KmsClient kms = context.aws().kms();
        try {
            KeyMetadata key = kms.describeKey(r -> r.keyId(resourceName(context))).keyMetadata();
            return Optional.of(read(kms, key, tagsOf(kms, key.keyId()), true));
        } catch (NotFoundException e) {
            return unaliased(context);
        }
    }

    private Optional<LiveKey> unaliased(StepContext context) {
        KmsClient kms = context.aws().kms();
        String environment = context.spec().environment().id();
        for (var listed : kms.listKeysPaginator(r -> { }).keys()) {
            Map<String, String> tags = tagsOf(kms, listed.keyId());
            if (id().value().equals(tags.get(ResourceTags.STEP)) && environment.equals(tags.get(ResourceTags.ENVIRONMENT))) {
                KeyMetadata key = kms.describeKey(r -> r.keyId(listed.keyId())).keyMetadata();
                if (key.keyState() != KeyState.PENDING_DELETION) {
                    return Optional.of(read(kms, key, tags, false));
                }
            }
        }
        return Optional.empty();
    }

    private static Map<String, String> tagsOf(KmsClient kms, String keyId) {
        Map<String, String> tags = new LinkedHashMap<>();
        kms.listResourceTagsPaginator(r -> r.keyId(keyId)).tags().forEach(t -> tags.put(t.tagKey(), t.tagValue()));
        return tags;
    }

    private static LiveKey read(KmsClient kms, KeyMetadata key, Map<String, String> tags, boolean aliased) {
        if (key.keyState() == KeyState.PENDING_DELETION) {
            return new LiveKey(key, null, null, tags, aliased);
        }
        boolean rotation = kms.getKeyRotationStatus(r -> r.keyId(key.keyId())).keyRotationEnabled();
        String policy = kms.getKeyPolicy(r -> r.keyId(key.keyId()).policyName("default")).policy();
        return new LiveKey(key, rotation, policy, tags, aliased);
    }

    @Override
    protected String idOf(LiveKey live) {
        return live.key().arn();
    }

    @Override
    protected Map<String, String> tagsOf(LiveKey live) {
        return live.tags();
    }

    /** Our statements of the key policy; any other statement is the operator's and is kept. */
    static List<ObjectNode> statements(String accountId) {
        ObjectNode administration = PolicyStatements.statement(ADMINISTRATION_SID, "Allow");
        // Without it, IAM policies cannot grant use of the key and no one can manage it (KMS Developer Guide,
        // "Default key policy").
        administration.putObject("Principal").put("AWS", "arn:aws:iam::" + accountId + ":root");
        administration.put("Action", "kms:*").put("Resource", "*");
        ObjectNode cloudWatch = PolicyStatements.statement(CLOUDWATCH_SID, "Allow");
        cloudWatch.putObject("Principal").put("Service", "cloudwatch.amazonaws.com");
        cloudWatch.putArray("Action").add("kms:Decrypt").add("kms:GenerateDataKey*");
        cloudWatch.put("Resource", "*");
        // Only on behalf of this account's alarms (IAM User Guide, "The confused deputy problem").
        cloudWatch.putObject("Condition").putObject("StringEquals").put("aws:SourceAccount", accountId);
        return List.of(administration, cloudWatch);
    }

    @Override
    protected List<Change> diff(StepContext context, LiveKey live) {
        List<Change> changes = new ArrayList<>();
        if (!live.aliased()) {
            changes.add(Change.update(ALIAS, "(none)", resourceName(context)));
        }
        if (live.pendingDeletion()) {
            changes.add(Change.update(STATE, "pending deletion", "enabled (deletion cancelled, rotation and key policy"
                    + " checked)"));
        } else {
            if (live.key().keyState() != KeyState.ENABLED) {
                changes.add(Change.update(STATE, live.key().keyStateAsString(), "Enabled"));
            }
            if (!Boolean.TRUE.equals(live.rotation())) {
                changes.add(Change.update(ROTATION, "off", "on (yearly)"));
            }
            PolicyStatements.change(POLICY, live.policy(), statements(accountOf(live))).ifPresent(changes::add);
        }
        tagChange(tags(context), live.tags()).ifPresent(changes::add);
        return changes;
    }

    /** The account in the key's ARN ({@code arn:aws:kms:region:account:key/id}): no call needed for a plan. */
    private static String accountOf(LiveKey live) {
        return live.key().arn().split(":")[4];
    }

    @Override
    protected String createSummary(StepContext context) {
        return "customer managed key for the alarm topic, yearly rotation, CloudWatch may publish with it";
    }

    @Override
    protected LiveKey create(StepContext context) {
        KmsClient kms = context.aws().kms();
        String keyId = kms.createKey(r -> r.description("GlassBox " + context.spec().environment().id()
                        + ": encrypts the alarm topic")
                .policy(PolicyStatements.merged(null, statements(context.aws().accountId())))
                .tags(kmsTags(tags(context)))).keyMetadata().keyId();
        kms.enableKeyRotation(r -> r.keyId(keyId));
        kms.createAlias(r -> r.aliasName(resourceName(context)).targetKeyId(keyId));
        return find(context).orElseThrow(() -> new ProvisionerException("KMS key " + keyId + " has no alias "
                + resourceName(context) + " after create"));
    }

    @Override
    protected void update(StepContext context, LiveKey live, List<Change> changes) {
        KmsClient kms = context.aws().kms();
        String keyId = live.key().keyId();
        if (touches(changes, ALIAS)) {
            kms.createAlias(r -> r.aliasName(resourceName(context)).targetKeyId(keyId));
        }
        if (touches(changes, STATE)) {
            if (live.pendingDeletion()) {
                kms.cancelKeyDeletion(r -> r.keyId(keyId));
            }
            // A cancelled deletion leaves the key disabled (KMS API Reference, CancelKeyDeletion).
            kms.enableKey(r -> r.keyId(keyId));
        }
        boolean restored = live.pendingDeletion();
        if (restored || touches(changes, ROTATION)) {
            kms.enableKeyRotation(r -> r.keyId(keyId));
        }
        if (restored || touches(changes, POLICY)) {
            String policy = restored ? kms.getKeyPolicy(r -> r.keyId(keyId).policyName("default")).policy() : live.policy();
            kms.putKeyPolicy(r -> r.keyId(keyId).policyName("default")
                    .policy(PolicyStatements.merged(policy, statements(accountOf(live)))));
        }
        if (touches(changes, TAGS)) {
            kms.tagResource(r -> r.keyId(keyId).tags(kmsTags(ResourceTags.missing(tags(context), live.tags()))));
        }
    }

    @Override
    protected void publish(StepContext context, LiveKey live) {
        context.outputs().put(OUTPUT_ARN, live.key().arn());
    }

    /** Scheduled, not deleted: what the key encrypted stays readable for the waiting period, and a deploy restores it. */
    /** A key pending deletion is gone as far as destroy is concerned (deploy cancels the deletion). */
    @Override
    protected boolean deletionUnderway(LiveKey live) {
        return live.pendingDeletion();
    }

    @Override
    protected void delete(StepContext context, LiveKey live) {
        if (!live.pendingDeletion()) {
            context.aws().kms().scheduleKeyDeletion(r -> r.keyId(live.key().keyId())
                    .pendingWindowInDays(DELETION_WINDOW_DAYS));
        }
    }

    private static List<Tag> kmsTags(Map<String, String> tags) {
        return tags.entrySet().stream().map(e -> Tag.builder().tagKey(e.getKey()).tagValue(e.getValue()).build()).toList();
    }

    private Map<String, String> tags(StepContext context) {
        return ResourceTags.of(context.spec().environment(), StackName.MONITORING, id().value());
    }
}
