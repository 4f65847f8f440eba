package io.glassbox.provisioner.stacks.monitoring;

import io.glassbox.provisioner.aws.EventualConsistency;
import io.glassbox.provisioner.aws.ResourceTags;
import io.glassbox.provisioner.engine.Change;
import io.glassbox.provisioner.engine.ResourceStep;
import io.glassbox.provisioner.engine.StepContext;
import io.glassbox.provisioner.spec.StackName;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.sns.model.Subscription;

/**
 * The alarm topic's email subscriptions: exactly the configured {@code alarmEmail}, or none without one. An address
 * the config no longer names (removed or changed) is unsubscribed, as any setting removed from the config goes back
 * to the spec. SNS sends a new address a confirmation link; until it is followed the subscription is
 * "PendingConfirmation" and cannot be removed by API (SNS deletes it unconfirmed after three days, and deleting the
 * topic removes it): such a one is left, with a plan notice.
 */
public final class EmailSubscriptionStep extends ResourceStep<EmailSubscriptionStep.Subscriptions> {

    public static final String ID = "monitoring.subscription.email";
    private static final String PENDING = "PendingConfirmation";
    private static final String EMAILS = "emails";

    /** The topic's email subscriptions (none when the topic does not exist yet). */
    public record Subscriptions(Optional<String> topicArn, List<Subscription> email) {

        List<String> endpoints() {
            return email.stream().map(s -> s.endpoint().toLowerCase(Locale.ROOT)).sorted().toList();
        }
    }

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

    /**
     * The topic's email subscriptions, found when there is at least one: the set is what is reconciled, so one that
     * the config no longer names is seen (and removed) even without an {@code alarmEmail}.
     */
    @Override
    protected Optional<Subscriptions> find(StepContext context) {
        return context.outputs().get(TopicStep.OUTPUT_ARN).flatMap(arn -> {
            List<Subscription> email = context.aws().sns().listSubscriptionsByTopicPaginator(r -> r.topicArn(arn))
                    .subscriptions().stream().filter(s -> "email".equals(s.protocol())).toList();
            return email.isEmpty() ? Optional.empty() : Optional.of(new Subscriptions(Optional.of(arn), email));
        });
    }

    /** Only an {@code alarmEmail} asks for a subscription; without one, none is made. */
    @Override
    protected boolean wanted(StepContext context) {
        return context.spec().alarmEmail().isPresent();
    }

    /** Subscriptions still pending confirmation cannot be removed: SNS deletes them (and the topic's delete does). */
    @Override
    protected boolean deletionUnderway(Subscriptions live) {
        return live.email().stream().allMatch(s -> PENDING.equals(s.subscriptionArn()));
    }

    @Override
    protected String idOf(Subscriptions live) {
        return live.topicArn().orElseThrow();
    }

    @Override
    protected Map<String, String> tagsOf(Subscriptions live) {
        return Map.of();
    }

    /** Subscriptions carry no tags; these belong to our topic, whose tags TopicStep has checked. */
    @Override
    protected Map<String, String> ownershipTags(StepContext context, Subscriptions live) {
        return ResourceTags.of(context.spec().environment(), StackName.MONITORING, id().value());
    }

    @Override
    protected List<Change> diff(StepContext context, Subscriptions live) {
        List<String> desired = desired(context);
        List<String> kept = new ArrayList<>(live.endpoints());
        kept.removeAll(pendingStale(context, live));
        return kept.equals(desired) ? List.of()
                : List.of(Change.update(EMAILS, live.endpoints().isEmpty() ? "(none)" : String.join(", ", kept),
                        desired.isEmpty() ? "(none)" : String.join(", ", desired)));
    }

    @Override
    protected List<String> notices(StepContext context, Subscriptions live) {
        return pendingStale(context, live).stream().map(e -> e + " no longer configured but still pending"
                + " confirmation: SNS allows no unsubscribe until it is confirmed and deletes it unconfirmed after"
                + " three days").toList();
    }

    private static List<String> desired(StepContext context) {
        return context.spec().alarmEmail().map(e -> List.of(e.toLowerCase(Locale.ROOT))).orElse(List.of());
    }

    private static List<String> pendingStale(StepContext context, Subscriptions live) {
        List<String> desired = desired(context);
        return live.email().stream().filter(s -> PENDING.equals(s.subscriptionArn()))
                .map(s -> s.endpoint().toLowerCase(Locale.ROOT)).filter(e -> !desired.contains(e)).toList();
    }

    @Override
    protected String createSummary(StepContext context) {
        return "email subscription (the address must confirm it)";
    }

    @Override
    protected Subscriptions create(StepContext context) {
        String topic = context.outputs().require(TopicStep.OUTPUT_ARN);
        String email = context.spec().alarmEmail().orElseThrow();
        context.aws().sns().subscribe(r -> r.topicArn(topic).protocol("email").endpoint(email));
        return EventualConsistency.awaitPresent(context, "the subscription of " + email, () -> find(context));
    }

    @Override
    protected void update(StepContext context, Subscriptions live, List<Change> changes) {
        List<String> desired = desired(context);
        for (Subscription subscription : live.email()) {
            if (!desired.contains(subscription.endpoint().toLowerCase(Locale.ROOT))
                    && !PENDING.equals(subscription.subscriptionArn())) {
                context.aws().sns().unsubscribe(r -> r.subscriptionArn(subscription.subscriptionArn()));
            }
        }
        context.spec().alarmEmail().filter(e -> !live.endpoints().contains(e.toLowerCase(Locale.ROOT)))
                .ifPresent(email -> context.aws().sns().subscribe(r -> r
                        .topicArn(context.outputs().require(TopicStep.OUTPUT_ARN)).protocol("email").endpoint(email)));
    }

    @Override
    protected void publish(StepContext context, Subscriptions live) {
        String wanted = context.spec().alarmEmail().orElse("");
        live.email().stream().filter(s -> s.endpoint().equalsIgnoreCase(wanted)).findFirst()
                .ifPresent(s -> context.outputs().put(ID + ".arn", s.subscriptionArn()));
    }

    @Override
    protected void delete(StepContext context, Subscriptions live) {
        for (Subscription subscription : live.email()) {
            if (!PENDING.equals(subscription.subscriptionArn())) {
                context.aws().sns().unsubscribe(r -> r.subscriptionArn(subscription.subscriptionArn()));
            }
        }
    }
}
