package io.glassbox.provisioner.stacks.compute;

import io.glassbox.provisioner.spec.EnvironmentSpec;
import java.time.Duration;
import io.glassbox.provisioner.aws.ResourceTags;
import io.glassbox.provisioner.aws.Timeouts;
import io.glassbox.provisioner.aws.Waits;
import io.glassbox.provisioner.engine.Change;
import io.glassbox.provisioner.engine.DeletableData;
import io.glassbox.provisioner.engine.RefusedException;
import io.glassbox.provisioner.engine.ResourceStep;
import io.glassbox.provisioner.engine.StepContext;
import io.glassbox.provisioner.spec.NetworkSpec;
import io.glassbox.provisioner.spec.SecurityGroupRole;
import io.glassbox.provisioner.spec.StackName;
import io.glassbox.provisioner.spec.SubnetTier;
import io.glassbox.provisioner.stacks.network.InternetGatewayStep;
import io.glassbox.provisioner.stacks.network.SecurityGroupStep;
import io.glassbox.provisioner.stacks.network.TierSubnets;
import io.glassbox.provisioner.stacks.network.VpcStep;
import io.glassbox.provisioner.stacks.storage.BucketStep;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.AvailabilityZone;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerAttribute;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerSchemeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerTypeEnum;

/**
 * The Application Load Balancer {@code glassbox-{env}}: internet-facing, in the public subnets, behind the ALB
 * SG, idle timeout 60 s. Scheme and type cannot change in place (replacement, with approval).
 */
public final class LoadBalancerStep extends ResourceStep<LoadBalancerStep.LiveLoadBalancer> {

    public static final String ID = "compute.load-balancer";
    public static final String OUTPUT_ARN = ID + ".arn";
    public static final String OUTPUT_DNS = ID + ".dns-name";
    /** {@code app/glassbox-staging/50dc6c495c0c9188}: the ALB's CloudWatch {@code LoadBalancer} dimension. */
    public static final String OUTPUT_METRIC_ID = ID + ".metric-dimension";
    static final String IDLE_TIMEOUT = "idle_timeout.timeout_seconds";
    /** ELB's own default idle timeout (ELB User Guide, "Connection idle timeout"); moto omits it until set. */
    private static final String DEFAULT_IDLE_TIMEOUT = "60";
    /** The spec's idle timeout ("Application Load Balancer": 60 seconds). */
    static final String SPEC_IDLE_TIMEOUT = "60";
    /**
     * FSBP ELB.4: the load balancer drops HTTP headers with invalid field names rather than pass them to the targets
     * (ELB User Guide, "Application Load Balancer attributes"; off by default).
     */
    static final String DROP_INVALID_HEADERS = "routing.http.drop_invalid_header_fields.enabled";

    /** FSBP ELB.6 (production): DeleteLoadBalancer fails while it is on (ELBv2 API Reference, DeleteLoadBalancer). */
    static final String DELETION_PROTECTION = "deletion_protection.enabled";

    /** Each attribute we set: the value we want, and the one AWS reports when it was never set. */
    private record Attribute(String key, String desired, String awsDefault) {
    }

    /**
     * FSBP ELB.5: access logs to the environment's logs bucket, under {@code alb/} (ELB User Guide, "Access logs for
     * your Application Load Balancer"; AWS checks at this call that the bucket's policy lets it write).
     */
    static final String ACCESS_LOGS = "access_logs.s3.enabled";
    static final String ACCESS_LOGS_BUCKET = "access_logs.s3.bucket";
    static final String ACCESS_LOGS_PREFIX = "access_logs.s3.prefix";

    private static List<Attribute> attributes(StepContext context) {
        return List.of(
                new Attribute(IDLE_TIMEOUT, SPEC_IDLE_TIMEOUT, DEFAULT_IDLE_TIMEOUT),
                new Attribute(DROP_INVALID_HEADERS, "true", "false"),
                new Attribute(ACCESS_LOGS, "true", "false"),
                new Attribute(ACCESS_LOGS_BUCKET, context.outputs().getOrUnknown(BucketStep.LOGS_OUTPUT_NAME), ""),
                new Attribute(ACCESS_LOGS_PREFIX, BucketStep.LOAD_BALANCER_LOG_PREFIX, ""),
                new Attribute(DELETION_PROTECTION,
                        String.valueOf(context.spec().compute().loadBalancerDeletionProtection()), "false"));
    }

    /** The load balancer, its attributes and its tags. */
    record LiveLoadBalancer(LoadBalancer loadBalancer, Map<String, String> attributes, Map<String, String> tags) {
    }

    private final NetworkSpec network;

    public LoadBalancerStep(NetworkSpec network) {
        // An internet-facing load balancer needs the VPC's internet gateway attached, and holds public addresses
        // that keep it from being detached (ELBv2 API Reference, CreateLoadBalancer: InvalidSubnet): created after
        // the gateway, deleted before it.
        super(ID, StackName.COMPUTE, Stream.concat(Stream.of(TierSubnets.stepIds(network, SubnetTier.PUBLIC)),
                Stream.of(SecurityGroupStep.id(SecurityGroupRole.ALB), BucketStep.LOGS_ID, InternetGatewayStep.ID))
                .toArray(String[]::new));
        this.network = network;
    }

    @Override
    public String resourceType() {
        return "load balancer";
    }

    @Override
    public String resourceName(StepContext context) {
        return context.naming().base();
    }

    /** An ALB is active about 2 minutes after CreateLoadBalancer (measured). */
    @Override
    public Duration typicalCreation(EnvironmentSpec spec) {
        return Duration.ofMinutes(2);
    }

    /**
     * The load balancers in the environment's VPC and the one with our name, their tags in one DescribeTags (up to
     * 20 ARNs a call), for the engine's Identity: a load balancer taken over keeps its generated name and DNS name.
     */
    @Override
    protected List<LiveLoadBalancer> candidates(StepContext context) {
        ElasticLoadBalancingV2Client elb = context.aws().elbv2();
        Optional<String> vpc = context.outputs().get(VpcStep.OUTPUT_ID);
        List<LoadBalancer> found = elb.describeLoadBalancersPaginator(r -> { }).loadBalancers().stream()
                .filter(lb -> lb.loadBalancerName().equals(resourceName(context))
                        || vpc.filter(v -> v.equals(lb.vpcId())).isPresent()).toList();
        Map<String, Map<String, String>> tags = ElbTags.ofAll(elb, found.stream().map(LoadBalancer::loadBalancerArn).toList());
        return found.stream().map(lb -> new LiveLoadBalancer(lb, Map.of(), tags.getOrDefault(lb.loadBalancerArn(), Map.of())))
                .toList();
    }

    @Override
    protected String nameOf(LiveLoadBalancer live) {
        return live.loadBalancer().loadBalancerName();
    }

    /** The attributes, read for the picked load balancer only. */
    @Override
    protected LiveLoadBalancer complete(StepContext context, LiveLoadBalancer candidate) {
        Map<String, String> attributes = new LinkedHashMap<>();
        context.aws().elbv2().describeLoadBalancerAttributes(r -> r.loadBalancerArn(candidate.loadBalancer()
                .loadBalancerArn())).attributes().forEach(a -> attributes.put(a.key(), a.value()));
        return new LiveLoadBalancer(candidate.loadBalancer(), attributes, candidate.tags());
    }

    @Override
    protected String idOf(LiveLoadBalancer live) {
        return live.loadBalancer().loadBalancerArn();
    }

    @Override
    protected Map<String, String> tagsOf(LiveLoadBalancer live) {
        return live.tags();
    }

    @Override
    protected List<Change> diff(StepContext context, LiveLoadBalancer live) {
        List<Change> changes = new ArrayList<>();
        LoadBalancer lb = live.loadBalancer();
        if (lb.scheme() != LoadBalancerSchemeEnum.INTERNET_FACING) {
            changes.add(Change.replace("scheme", lb.schemeAsString(), LoadBalancerSchemeEnum.INTERNET_FACING));
        }
        if (lb.type() != LoadBalancerTypeEnum.APPLICATION) {
            changes.add(Change.replace("type", lb.typeAsString(), LoadBalancerTypeEnum.APPLICATION));
        }
        TreeSet<String> subnets = new TreeSet<>(lb.availabilityZones().stream().map(AvailabilityZone::subnetId).toList());
        TreeSet<String> wantedSubnets = new TreeSet<>(TierSubnets.idsOrUnknown(context, network, SubnetTier.PUBLIC));
        if (!subnets.equals(wantedSubnets)) {
            changes.add(Change.update("subnets", subnets, wantedSubnets));
        }
        TreeSet<String> groups = new TreeSet<>(lb.securityGroups());
        TreeSet<String> wantedGroups = new TreeSet<>(List.of(securityGroup(context)));
        if (!groups.equals(wantedGroups)) {
            changes.add(Change.broadening("securityGroups", groups, wantedGroups));
        }
        for (Attribute attribute : attributes(context)) {
            String value = live.attributes().getOrDefault(attribute.key(), attribute.awsDefault());
            if (!value.equals(attribute.desired())) {
                changes.add(Change.update(attribute.key(), value, attribute.desired()));
            }
        }
        tagChange(tags(context), live.tags()).ifPresent(changes::add);
        return changes;
    }

    private static String securityGroup(StepContext context) {
        return context.outputs().getOrUnknown(SecurityGroupStep.outputId(SecurityGroupRole.ALB));
    }

    @Override
    protected String createSummary(StepContext context) {
        return "internet-facing application load balancer in the public subnets, ALB SG, idle timeout 60 s, invalid"
                + " header fields dropped, access logs to the logs bucket"
                + (context.spec().compute().loadBalancerDeletionProtection()
                ? ", deletion protection" : "");
    }

    @Override
    protected LiveLoadBalancer create(StepContext context) {
        ElasticLoadBalancingV2Client elb = context.aws().elbv2();
        // CreateLoadBalancer is idempotent for the same name and settings (ELBv2 API Reference).
        LoadBalancer lb = elb.createLoadBalancer(r -> r.name(resourceName(context))
                .type(LoadBalancerTypeEnum.APPLICATION).scheme(LoadBalancerSchemeEnum.INTERNET_FACING)
                .subnets(TierSubnets.ids(context, network, SubnetTier.PUBLIC))
                .securityGroups(context.outputs().require(SecurityGroupStep.outputId(SecurityGroupRole.ALB)))
                .tags(ElbTags.list(tags(context)))).loadBalancers().get(0);
        setAttributes(context, lb.loadBalancerArn(), attributes(context));
        awaitAvailable(context, lb.loadBalancerArn());
        return find(context).orElseThrow();
    }

    private static void setAttributes(StepContext context, String arn, List<Attribute> attributes) {
        context.aws().elbv2().modifyLoadBalancerAttributes(r -> r.loadBalancerArn(arn).attributes(attributes.stream()
                .map(a -> LoadBalancerAttribute.builder().key(a.key()).value(a.desired()).build()).toList()));
    }

    @Override
    protected LiveLoadBalancer awaitUsable(StepContext context, LiveLoadBalancer live) {
        awaitAvailable(context, live.loadBalancer().loadBalancerArn());
        return live;
    }

    private static void awaitAvailable(StepContext context, String arn) {
        context.aws().elbv2().waiter().waitUntilLoadBalancerAvailable(r -> r.loadBalancerArns(arn),
                Waits.upTo(context, "load balancer " + arn + " to be active", Timeouts.LOAD_BALANCER_AVAILABLE));
    }

    @Override
    protected void update(StepContext context, LiveLoadBalancer live, List<Change> changes) {
        ElasticLoadBalancingV2Client elb = context.aws().elbv2();
        String arn = live.loadBalancer().loadBalancerArn();
        if (touches(changes, "subnets")) {
            elb.setSubnets(r -> r.loadBalancerArn(arn).subnets(TierSubnets.ids(context, network, SubnetTier.PUBLIC)));
        }
        if (touches(changes, "securityGroups")) {
            elb.setSecurityGroups(r -> r.loadBalancerArn(arn)
                    .securityGroups(context.outputs().require(SecurityGroupStep.outputId(SecurityGroupRole.ALB))));
        }
        // Access logs are enabled together with their bucket and prefix, or ELB refuses the call.
        boolean accessLogs = changes.stream().anyMatch(c -> c.path().startsWith("access_logs."));
        List<Attribute> changed = attributes(context).stream().filter(a -> touches(changes, a.key())
                || (accessLogs && a.key().startsWith("access_logs."))).toList();
        if (!changed.isEmpty()) {
            setAttributes(context, arn, changed);
        }
        if (touches(changes, TAGS)) {
            elb.addTags(r -> r.resourceArns(arn).tags(ElbTags.list(ResourceTags.missing(tags(context), live.tags()))));
        }
    }

    @Override
    protected void publish(StepContext context, LiveLoadBalancer live) {
        String arn = live.loadBalancer().loadBalancerArn();
        context.outputs().put(OUTPUT_ARN, arn);
        context.outputs().put(OUTPUT_DNS, live.loadBalancer().dnsName());
        context.outputs().put(OUTPUT_METRIC_ID, arn.substring(arn.indexOf(":loadbalancer/") + ":loadbalancer/".length()));
    }

    private static boolean isProtected(LiveLoadBalancer live) {
        return "true".equals(live.attributes().get(DELETION_PROTECTION));
    }

    @Override
    protected Optional<String> refuseDelete(StepContext context, LiveLoadBalancer live) {
        return isProtected(live) && !context.options().mayDelete(DeletableData.PROTECTED_LOAD_BALANCER)
                ? Optional.of("load balancer " + live.loadBalancer().loadBalancerName() + " has deletion protection on:"
                        + " it and its DNS name stay (" + DeletableData.PROTECTED_LOAD_BALANCER.flag()
                        + " turns protection off and deletes it)")
                : Optional.empty();
    }

    /** A replacement deletes the protected load balancer (and its DNS name) too: refused up front alike. */
    @Override
    protected Optional<String> refuseReplace(StepContext context, LiveLoadBalancer live) {
        return refuseDelete(context, live);
    }

    @Override
    protected void delete(StepContext context, LiveLoadBalancer live) {
        String arn = live.loadBalancer().loadBalancerArn();
        if (isProtected(live)) {
            // refuseDelete stops destroy before this; protection is never lifted as a side effect of anything else.
            if (!context.options().mayDelete(DeletableData.PROTECTED_LOAD_BALANCER)) {
                throw new RefusedException("load balancer " + live.loadBalancer().loadBalancerName()
                        + " has deletion protection on", List.of(DeletableData.PROTECTED_LOAD_BALANCER.flag()
                        + " is the only way to turn it off"));
            }
            context.aws().elbv2().modifyLoadBalancerAttributes(r -> r.loadBalancerArn(arn).attributes(
                    LoadBalancerAttribute.builder().key(DELETION_PROTECTION).value("false").build()));
        }
        context.aws().elbv2().deleteLoadBalancer(r -> r.loadBalancerArn(arn));
        context.aws().elbv2().waiter().waitUntilLoadBalancersDeleted(r -> r.loadBalancerArns(arn),
                Waits.upTo(context, "load balancer " + arn + " to be deleted", Timeouts.LOAD_BALANCER_AVAILABLE));
    }

    private Map<String, String> tags(StepContext context) {
        return ResourceTags.of(context.spec().environment(), StackName.COMPUTE, id().value());
    }
}
