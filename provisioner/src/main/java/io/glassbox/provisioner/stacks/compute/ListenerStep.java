package io.glassbox.provisioner.stacks.compute;

import io.glassbox.provisioner.aws.ResourceTags;
import io.glassbox.provisioner.aws.Timeouts;
import io.glassbox.provisioner.aws.Waits;
import io.glassbox.provisioner.engine.Change;
import io.glassbox.provisioner.engine.ProvisionerException;
import io.glassbox.provisioner.engine.ResourceStep;
import io.glassbox.provisioner.engine.StepContext;
import io.glassbox.provisioner.spec.StackName;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.acm.model.CertificateDetail;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Certificate;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RedirectActionStatusCodeEnum;

/**
 * A listener of the load balancer: HTTP 80 answering with a permanent redirect to HTTPS, or HTTPS 443
 * forwarding to the API's target group with the ACM certificate. Before the HTTPS listener is created it
 * waits (bounded) for the certificate to be issued: ELB refuses a certificate still pending validation.
 */
public final class ListenerStep extends ResourceStep<ListenerStep.LiveListener> {

    /** TLS 1.3 and 1.2 only: ELB's recommended policy (ELB User Guide, "Security policies"). */
    static final String SSL_POLICY = "ELBSecurityPolicy-TLS13-1-2-2021-06";
    private static final String ACTION = "defaultAction";

    /** The listener and its tags. */
    record LiveListener(Listener listener, Map<String, String> tags) {
    }

    private final boolean https;

    private ListenerStep(boolean https, String... dependencies) {
        super(id(https), StackName.COMPUTE, dependencies);
        this.https = https;
    }

    public static ListenerStep http() {
        return new ListenerStep(false, LoadBalancerStep.ID);
    }

    public static ListenerStep https() {
        return new ListenerStep(true, LoadBalancerStep.ID, TargetGroupStep.ID, CertificateStep.ID);
    }

    public static String id(boolean https) {
        return "compute.listener." + (https ? "https" : "http");
    }

    private int port() {
        return https ? 443 : 80;
    }

    @Override
    public String resourceType() {
        return "listener";
    }

    @Override
    public String resourceName(StepContext context) {
        return context.naming().base() + ":" + port();
    }

    @Override
    protected Optional<LiveListener> find(StepContext context) {
        Optional<String> lb = context.outputs().get(LoadBalancerStep.OUTPUT_ARN);
        if (lb.isEmpty()) {
            return Optional.empty(); // no load balancer yet, so no listener
        }
        ElasticLoadBalancingV2Client elb = context.aws().elbv2();
        return elb.describeListenersPaginator(r -> r.loadBalancerArn(lb.get())).listeners().stream()
                .filter(l -> l.port() == port()).findFirst()
                .map(l -> new LiveListener(l, ElbTags.of(elb, l.listenerArn())));
    }

    @Override
    protected String idOf(LiveListener live) {
        return live.listener().listenerArn();
    }

    @Override
    protected Map<String, String> tagsOf(LiveListener live) {
        return live.tags();
    }

    @Override
    protected List<Change> diff(StepContext context, LiveListener live) {
        Listener listener = live.listener();
        List<Change> changes = new ArrayList<>();
        if (listener.protocol() != protocol()) {
            changes.add(Change.update("protocol", listener.protocolAsString(), protocol()));
        }
        String action = describe(listener.defaultActions());
        String wanted = describe(List.of(action(context, false)));
        if (!action.equals(wanted)) {
            changes.add(Change.update(ACTION, action, wanted));
        }
        if (https) {
            String certificate = listener.certificates().stream().map(Certificate::certificateArn).findFirst().orElse(null);
            String wantedCertificate = context.outputs().getOrUnknown(CertificateStep.OUTPUT_ARN);
            if (!Objects.equals(certificate, wantedCertificate)) {
                changes.add(Change.update("certificate", certificate, wantedCertificate));
            }
            if (!SSL_POLICY.equals(listener.sslPolicy())) {
                changes.add(Change.update("sslPolicy", listener.sslPolicy(), SSL_POLICY));
            }
        }
        tagChange(tags(context), live.tags()).ifPresent(changes::add);
        return changes;
    }

    private ProtocolEnum protocol() {
        return https ? ProtocolEnum.HTTPS : ProtocolEnum.HTTP;
    }

    /** Forward to the target group, or redirect to HTTPS with a 301. */
    private Action action(StepContext context, boolean required) {
        if (https) {
            String targetGroup = required ? context.outputs().require(TargetGroupStep.OUTPUT_ARN)
                    : context.outputs().getOrUnknown(TargetGroupStep.OUTPUT_ARN);
            return Action.builder().type(ActionTypeEnum.FORWARD).targetGroupArn(targetGroup).build();
        }
        return Action.builder().type(ActionTypeEnum.REDIRECT).redirectConfig(r -> r.protocol("HTTPS").port("443")
                .statusCode(RedirectActionStatusCodeEnum.HTTP_301)).build();
    }

    private static String describe(List<Action> actions) {
        return actions.stream().map(a -> a.type() == ActionTypeEnum.REDIRECT && a.redirectConfig() != null
                ? "redirect to " + a.redirectConfig().protocol() + ":" + a.redirectConfig().port() + " ("
                + a.redirectConfig().statusCodeAsString() + ")"
                : a.typeAsString() + " to " + a.targetGroupArn()).toList().toString();
    }

    @Override
    protected String createSummary(StepContext context) {
        return https ? "HTTPS 443 forwarding to the API target group, certificate for " + context.spec().domain()
                + ", " + SSL_POLICY : "HTTP 80 redirecting to HTTPS 443 (301)";
    }

    @Override
    protected LiveListener create(StepContext context) {
        String lb = context.outputs().require(LoadBalancerStep.OUTPUT_ARN);
        if (https) {
            String certificate = awaitIssued(context);
            context.aws().elbv2().createListener(r -> r.loadBalancerArn(lb).port(port()).protocol(protocol())
                    .sslPolicy(SSL_POLICY).certificates(c -> c.certificateArn(certificate))
                    .defaultActions(action(context, true)).tags(ElbTags.list(tags(context))));
        } else {
            context.aws().elbv2().createListener(r -> r.loadBalancerArn(lb).port(port()).protocol(protocol())
                    .defaultActions(action(context, true)).tags(ElbTags.list(tags(context))));
        }
        return find(context).orElseThrow();
    }

    /** Waits until ACM has issued the certificate; says which DNS record is missing when it does not. */
    private String awaitIssued(StepContext context) {
        String arn = context.outputs().require(CertificateStep.OUTPUT_ARN);
        Duration limit = context.options().cap(Timeouts.CERTIFICATE_VALIDATED);
        try {
            // The SDK waiter polls every 60 s by default; the run's poll returns as soon as ACM issues it.
            context.aws().acm().waiter().waitUntilCertificateValidated(r -> r.certificateArn(arn),
                    Waits.upTo(context, "ACM to validate certificate " + arn
                            + " (its DNS validation record must exist)", Timeouts.CERTIFICATE_VALIDATED));
            return arn;
        } catch (SdkClientException e) {
            CertificateDetail detail = context.aws().acm().describeCertificate(r -> r.certificateArn(arn)).certificate();
            String record = CertificateStep.validationRecord(detail).map(r -> ": create the DNS record " + r)
                    .orElse("");
            throw new ProvisionerException("certificate for " + detail.domainName() + " is " + detail.statusAsString()
                    + " after " + limit.toSeconds() + " s" + record + ", then run deploy again (or set certificateArn)");
        }
    }

    @Override
    protected void update(StepContext context, LiveListener live, List<Change> changes) {
        ElasticLoadBalancingV2Client elb = context.aws().elbv2();
        String arn = live.listener().listenerArn();
        if (touchesMoreThanTags(changes)) {
            if (https) {
                String certificate = awaitIssued(context);
                elb.modifyListener(r -> r.listenerArn(arn).port(port()).protocol(protocol()).sslPolicy(SSL_POLICY)
                        .certificates(c -> c.certificateArn(certificate)).defaultActions(action(context, true)));
            } else {
                elb.modifyListener(r -> r.listenerArn(arn).port(port()).protocol(protocol())
                        .defaultActions(action(context, true)));
            }
        }
        if (touches(changes, TAGS)) {
            elb.addTags(r -> r.resourceArns(arn).tags(ElbTags.list(ResourceTags.missing(tags(context), live.tags()))));
        }
    }

    @Override
    protected void publish(StepContext context, LiveListener live) {
        context.outputs().put(id().value() + ".arn", live.listener().listenerArn());
    }

    @Override
    protected void delete(StepContext context, LiveListener live) {
        context.aws().elbv2().deleteListener(r -> r.listenerArn(live.listener().listenerArn()));
    }

    private Map<String, String> tags(StepContext context) {
        return ResourceTags.of(context.spec().environment(), StackName.COMPUTE, id().value());
    }
}
