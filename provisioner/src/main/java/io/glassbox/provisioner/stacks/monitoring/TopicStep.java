package io.glassbox.provisioner.stacks.monitoring;

import io.glassbox.provisioner.aws.ResourceTags;
import io.glassbox.provisioner.engine.Change;
import io.glassbox.provisioner.engine.ResourceStep;
import io.glassbox.provisioner.engine.StepContext;
import io.glassbox.provisioner.spec.StackName;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.NotFoundException;
import software.amazon.awssdk.services.sns.model.Tag;

/**
 * The SNS topic {@code glassbox-{env}-alarms} that every alarm notifies, encrypted at rest with the environment's
 * KMS key (FSBP SNS.1).
 */
public final class TopicStep extends ResourceStep<TopicStep.LiveTopic> {

    public static final String ID = "monitoring.topic";
    public static final String OUTPUT_ARN = ID + ".arn";
    /** The topic attribute naming its KMS key (SNS API Reference, SetTopicAttributes). */
    static final String KMS_KEY = "KmsMasterKeyId";

    /** The topic's ARN, the key it is encrypted with (null: none) and its tags. */
    record LiveTopic(String arn, String kmsKey, Map<String, String> tags) {
    }

    public TopicStep() {
        super(ID, StackName.MONITORING, KeyStep.ID);
    }

    @Override
    public String resourceType() {
        return "SNS topic";
    }

    @Override
    public String resourceName(StepContext context) {
        return context.naming().alarmTopic();
    }

    private String arn(StepContext context) {
        return "arn:aws:sns:" + context.aws().region() + ":" + context.aws().accountId() + ":" + resourceName(context);
    }

    @Override
    protected Optional<LiveTopic> find(StepContext context) {
        SnsClient sns = context.aws().sns();
        String arn = arn(context);
        String kmsKey;
        try {
            kmsKey = sns.getTopicAttributes(r -> r.topicArn(arn)).attributes().get(KMS_KEY);
        } catch (NotFoundException e) {
            return Optional.empty();
        }
        Map<String, String> tags = new LinkedHashMap<>();
        sns.listTagsForResource(r -> r.resourceArn(arn)).tags().forEach(t -> tags.put(t.key(), t.value()));
        return Optional.of(new LiveTopic(arn, kmsKey, tags));
    }

    @Override
    protected String idOf(LiveTopic live) {
        return live.arn();
    }

    @Override
    protected Map<String, String> tagsOf(LiveTopic live) {
        return live.tags();
    }

    @Override
    protected List<Change> diff(StepContext context, LiveTopic live) {
        List<Change> changes = new ArrayList<>();
        String key = context.outputs().getOrUnknown(KeyStep.OUTPUT_ARN);
        if (!key.equals(live.kmsKey())) {
            changes.add(Change.update(KMS_KEY, live.kmsKey() == null || live.kmsKey().isBlank() ? "(not encrypted)"
                    : live.kmsKey(), key));
        }
        tagChange(tags(context), live.tags()).ifPresent(changes::add);
        return changes;
    }

    @Override
    protected String createSummary(StepContext context) {
        return "topic for alarm notifications, encrypted with " + context.naming().keyAlias()
                + context.spec().alarmEmail().map(e -> " (email subscription)").orElse("");
    }

    @Override
    protected LiveTopic create(StepContext context) {
        // CreateTopic returns the existing topic for the same name and attributes (SNS API Reference).
        context.aws().sns().createTopic(r -> r.name(resourceName(context))
                .attributes(Map.of(KMS_KEY, context.outputs().require(KeyStep.OUTPUT_ARN)))
                .tags(snsTags(tags(context))));
        return find(context).orElseThrow();
    }

    @Override
    protected void update(StepContext context, LiveTopic live, List<Change> changes) {
        if (touches(changes, KMS_KEY)) {
            context.aws().sns().setTopicAttributes(r -> r.topicArn(live.arn()).attributeName(KMS_KEY)
                    .attributeValue(context.outputs().require(KeyStep.OUTPUT_ARN)));
        }
        if (touches(changes, TAGS)) {
            context.aws().sns().tagResource(r -> r.resourceArn(live.arn())
                    .tags(snsTags(ResourceTags.missing(tags(context), live.tags()))));
        }
    }

    @Override
    protected void publish(StepContext context, LiveTopic live) {
        context.outputs().put(OUTPUT_ARN, live.arn());
    }

    @Override
    protected void delete(StepContext context, LiveTopic live) {
        context.aws().sns().deleteTopic(r -> r.topicArn(live.arn()));
    }

    private static List<Tag> snsTags(Map<String, String> tags) {
        return tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
    }

    private Map<String, String> tags(StepContext context) {
        return ResourceTags.of(context.spec().environment(), StackName.MONITORING, id().value());
    }
}
