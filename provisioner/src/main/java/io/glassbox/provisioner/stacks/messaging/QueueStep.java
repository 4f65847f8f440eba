package io.glassbox.provisioner.stacks.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.glassbox.provisioner.aws.AwsErrors;
import io.glassbox.provisioner.aws.EventualConsistency;
import io.glassbox.provisioner.aws.ResourceTags;
import io.glassbox.provisioner.engine.Change;
import io.glassbox.provisioner.engine.ResourceStep;
import io.glassbox.provisioner.engine.StepContext;
import io.glassbox.provisioner.spec.QueueSpec;
import io.glassbox.provisioner.spec.StackName;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;
import software.amazon.awssdk.services.sqs.model.SqsException;

/**
 * One SQS queue: a work queue (visibility timeout, redrive to its DLQ after maxReceiveCount receives) or its
 * dead-letter queue (14-day retention). Both have SQS-managed server-side encryption on.
 */
public final class QueueStep extends ResourceStep<QueueStep.LiveQueue> {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** SQS refuses a recently deleted name for 60 s (SQS API Reference, DeleteQueue): wait it out. */
    private static final Set<String> NAME_RECENTLY_DELETED = Set.of("AWS.SimpleQueueService.QueueDeletedRecently",
            "QueueDeletedRecently");
    /**
     * SQS speaks JSON but keeps its query-protocol codes for compatibility: a missing queue may come back as
     * QueueDoesNotExist or as the legacy AWS.SimpleQueueService.NonExistentQueue (SQS API Reference, GetQueueUrl).
     */
    private static final Set<String> NOT_FOUND = Set.of("QueueDoesNotExist", "AWS.SimpleQueueService.NonExistentQueue");
    private static final String REDRIVE = QueueAttributeName.REDRIVE_POLICY.toString();

    /** The queue's URL, every attribute and its tags. */
    record LiveQueue(String url, Map<String, String> attributes, Map<String, String> tags) {
    }

    private final QueueSpec queue;
    private final boolean deadLetter;

    private QueueStep(QueueSpec queue, boolean deadLetter, String... dependencies) {
        super(id(queue, deadLetter), StackName.MESSAGING, dependencies);
        this.queue = queue;
        this.deadLetter = deadLetter;
    }

    /** The work queue, which depends on its DLQ for the redrive policy. */
    public static QueueStep workQueue(QueueSpec queue) {
        return new QueueStep(queue, false, id(queue, true));
    }

    public static QueueStep deadLetterQueue(QueueSpec queue) {
        return new QueueStep(queue, true);
    }

    public static String id(QueueSpec queue, boolean deadLetter) {
        return "messaging.queue." + queue.baseName() + (deadLetter ? "-dlq" : "");
    }

    public static String outputUrl(QueueSpec queue, boolean deadLetter) {
        return id(queue, deadLetter) + ".url";
    }

    public static String outputArn(QueueSpec queue, boolean deadLetter) {
        return id(queue, deadLetter) + ".arn";
    }

    @Override
    public String resourceType() {
        return "SQS queue";
    }

    @Override
    public String resourceName(StepContext context) {
        return deadLetter ? context.naming().deadLetterQueue(queue.baseName()) : context.naming().queue(queue.baseName());
    }

    @Override
    protected Optional<LiveQueue> find(StepContext context) {
        SqsClient sqs = context.aws().sqs();
        String url;
        try {
            url = sqs.getQueueUrl(r -> r.queueName(resourceName(context))).queueUrl();
        } catch (SqsException e) {
            if (isNotFound(e)) {
                return Optional.empty();
            }
            throw e;
        }
        Map<String, String> attributes = sqs.getQueueAttributes(r -> r.queueUrl(url)
                .attributeNames(QueueAttributeName.ALL)).attributesAsStrings();
        Map<String, String> tags = sqs.listQueueTags(r -> r.queueUrl(url)).tags();
        return Optional.of(new LiveQueue(url, attributes, tags == null ? Map.of() : tags));
    }

    @Override
    protected String idOf(LiveQueue live) {
        return live.url();
    }

    @Override
    protected Map<String, String> tagsOf(LiveQueue live) {
        return live.tags();
    }

    /** The attributes the spec sets; the redrive policy's DLQ ARN is "known after apply" until the DLQ exists. */
    private Map<String, String> desiredAttributes(StepContext context) {
        Map<String, String> attributes = new LinkedHashMap<>();
        if (deadLetter) {
            attributes.put(QueueAttributeName.MESSAGE_RETENTION_PERIOD.toString(),
                    String.valueOf(queue.dlqRetentionSeconds()));
        } else {
            attributes.put(QueueAttributeName.VISIBILITY_TIMEOUT.toString(),
                    String.valueOf(queue.visibilityTimeoutSeconds()));
            String dlqArn = context.outputs().getOrUnknown(outputArn(queue, true));
            attributes.put(REDRIVE, "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":"
                    + queue.maxReceiveCount() + "}");
        }
        if (context.spec().messaging().serverSideEncryption()) {
            attributes.put(QueueAttributeName.SQS_MANAGED_SSE_ENABLED.toString(), "true");
        }
        return attributes;
    }

    @Override
    protected List<Change> diff(StepContext context, LiveQueue live) {
        List<Change> changes = new ArrayList<>();
        desiredAttributes(context).forEach((name, desired) -> {
            String observed = live.attributes().get(name);
            if (!sameAttribute(name, desired, observed)) {
                changes.add(Change.update(name, observed, desired));
            }
        });
        tagChange(tags(context), live.tags()).ifPresent(changes::add);
        return changes;
    }

    /** Redrive policies are JSON whose number may be quoted or not; compare their meaning. */
    private static boolean sameAttribute(String name, String desired, String observed) {
        if (observed == null) {
            return false;
        }
        if (!name.equals(REDRIVE)) {
            return desired.equals(observed);
        }
        try {
            JsonNode a = JSON.readTree(desired);
            JsonNode b = JSON.readTree(observed);
            return a.path("deadLetterTargetArn").asText().equals(b.path("deadLetterTargetArn").asText())
                    && a.path("maxReceiveCount").asInt() == b.path("maxReceiveCount").asInt();
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    protected String createSummary(StepContext context) {
        return deadLetter
                ? "dead-letter queue, retention " + queue.dlqRetentionSeconds() + " s, SSE on"
                : queue.purpose() + " queue, visibility " + queue.visibilityTimeoutSeconds() + " s, DLQ after "
                + queue.maxReceiveCount() + " receives, SSE on";
    }

    @Override
    protected LiveQueue create(StepContext context) {
        SqsClient sqs = context.aws().sqs();
        Map<String, String> attributes = requiredAttributes(context);
        // CreateQueue is idempotent for the same name and attributes, and applies the tags with the queue.
        EventualConsistency.retryOn(context, NAME_RECENTLY_DELETED, () -> sqs.createQueue(r -> r
                .queueName(resourceName(context)).attributesWithStrings(attributes).tags(tags(context))));
        return EventualConsistency.awaitPresent(context, "SQS queue " + resourceName(context), () -> find(context));
    }

    @Override
    protected void update(StepContext context, LiveQueue live, List<Change> changes) {
        SqsClient sqs = context.aws().sqs();
        Map<String, String> wanted = requiredAttributes(context);
        Map<String, String> changed = new LinkedHashMap<>();
        changes.stream().map(Change::path).filter(wanted::containsKey).forEach(p -> changed.put(p, wanted.get(p)));
        if (!changed.isEmpty()) {
            sqs.setQueueAttributes(r -> r.queueUrl(live.url()).attributesWithStrings(changed));
        }
        if (touches(changes, TAGS)) {
            sqs.tagQueue(r -> r.queueUrl(live.url()).tags(ResourceTags.missing(tags(context), live.tags())));
        }
    }

    private Map<String, String> requiredAttributes(StepContext context) {
        Map<String, String> attributes = desiredAttributes(context);
        if (!deadLetter) {
            context.outputs().require(outputArn(queue, true));
        }
        return attributes;
    }

    @Override
    protected void publish(StepContext context, LiveQueue live) {
        context.outputs().put(outputUrl(queue, deadLetter), live.url());
        context.outputs().put(outputArn(queue, deadLetter), live.attributes().get(QueueAttributeName.QUEUE_ARN.toString()));
    }

    @Override
    protected void delete(StepContext context, LiveQueue live) {
        try {
            context.aws().sqs().deleteQueue(r -> r.queueUrl(live.url()));
        } catch (SqsException e) {
            if (!isNotFound(e)) {
                throw e;
            }
        }
    }

    private static boolean isNotFound(SqsException e) {
        return e instanceof QueueDoesNotExistException || AwsErrors.hasCode(e, NOT_FOUND);
    }

    private Map<String, String> tags(StepContext context) {
        return ResourceTags.of(context.spec().environment(), StackName.MESSAGING, id().value());
    }
}
