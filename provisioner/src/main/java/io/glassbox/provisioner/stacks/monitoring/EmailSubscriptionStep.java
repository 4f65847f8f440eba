package io.glassbox.provisioner.stacks.monitoring;

import io.glassbox.provisioner.aws.ResourceTags;
import io.glassbox.provisioner.engine.Change;
import io.glassbox.provisioner.engine.ResourceStep;
import io.glassbox.provisioner.engine.StepContext;
import io.glassbox.provisioner.spec.StackName;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.sns.model.Subscription;

/**
 * The alarm topic's email subscription to the configured {@code alarmEmail}. SNS sends the address a
 * confirmation link; until it is followed the subscription is "PendingConfirmation" and cannot be removed
 * by API (deleting the topic removes it).
 */
public final class EmailSubscriptionStep extends ResourceStep<Subscription> {

    public static final String ID = "monitoring.subscription.email";
    private static final String PENDING = "PendingConfirmation";

    public EmailSubscriptionStep() {
        super(ID, StackName.MONITORING, TopicStep.ID);
    }

    @Override
    public String resourceType() {
        return "SNS subscription";
    }

    @Override
    public String resourceName(StepContext context) {
        return context.naming().alarmTopic() + " → " + context.spec().alarmEmail().orElse("(none)");
    }

    @Override
    protected Optional<Subscription> find(StepContext context) {
        Optional<String> topic = context.outputs().get(TopicStep.OUTPUT_ARN);
        Optional<String> email = context.spec().alarmEmail();
        if (topic.isEmpty() || email.isEmpty()) {
            return Optional.empty();
        }
        return context.aws().sns().listSubscriptionsByTopicPaginator(r -> r.topicArn(topic.get())).subscriptions()
                .stream().filter(s -> "email".equals(s.protocol()) && email.get().equalsIgnoreCase(s.endpoint()))
                .findFirst();
    }

    @Override
    protected String idOf(Subscription live) {
        return live.subscriptionArn();
    }

    @Override
    protected Map<String, String> tagsOf(Subscription live) {
        return Map.of();
    }

    /** Subscriptions carry no tags; this one belongs to our topic, whose tags TopicStep has checked. */
    @Override
    protected Map<String, String> ownershipTags(StepContext context, Subscription live) {
        return ResourceTags.of(context.spec().environment(), StackName.MONITORING, id().value());
    }

    @Override
    protected List<Change> diff(StepContext context, Subscription live) {
        return List.of();
    }

    @Override
    protected String createSummary(StepContext context) {
        return "email subscription (the address must confirm it)";
    }

    @Override
    protected Subscription create(StepContext context) {
        context.aws().sns().subscribe(r -> r.topicArn(context.outputs().require(TopicStep.OUTPUT_ARN))
                .protocol("email").endpoint(context.spec().alarmEmail().orElseThrow()));
        return find(context).orElseThrow();
    }

    @Override
    protected void update(StepContext context, Subscription live, List<Change> changes) {
        // nothing to change on a subscription
    }

    @Override
    protected void publish(StepContext context, Subscription live) {
        context.outputs().put(ID + ".arn", live.subscriptionArn());
    }

    @Override
    protected void delete(StepContext context, Subscription live) {
        if (!PENDING.equals(live.subscriptionArn())) {
            context.aws().sns().unsubscribe(r -> r.subscriptionArn(live.subscriptionArn()));
        }
    }
}
