package io.glassbox.provisioner.stacks.network;

import io.glassbox.provisioner.aws.Ec2Tags;
import io.glassbox.provisioner.aws.EventualConsistency;
import io.glassbox.provisioner.aws.ResourceTags;
import io.glassbox.provisioner.aws.Timeouts;
import io.glassbox.provisioner.aws.Waits;
import io.glassbox.provisioner.engine.Change;
import io.glassbox.provisioner.engine.ResourceStep;
import io.glassbox.provisioner.engine.StepContext;
import io.glassbox.provisioner.spec.StackName;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.AttributeBooleanValue;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Vpc;
import software.amazon.awssdk.services.ec2.model.VpcAttributeName;

/** The VPC (tag Name {@code glassbox-{env}}), with DNS support and DNS host names on as CDK's VPC has them. */
public final class VpcStep extends ResourceStep<VpcStep.LiveVpc> {

    public static final String ID = "network.vpc";
    public static final String OUTPUT_ID = "network.vpc.id";
    public static final String OUTPUT_CIDR = "network.vpc.cidr";

    /** The VPC and the two DNS attributes that DescribeVpcs does not return. */
    record LiveVpc(Vpc vpc, boolean dnsSupport, boolean dnsHostnames) {
    }

    public VpcStep() {
        super(ID, StackName.NETWORK);
    }

    @Override
    public String resourceType() {
        return "VPC";
    }

    @Override
    public String resourceName(StepContext context) {
        return context.naming().vpc();
    }

    /**
     * Every VPC of the region (one DescribeVpcs: an account has a handful per region), for the engine's Identity
     * to pick ours: the one tagged with this step, a taken-over VPC under its CDK name included; else the one named
     * {@code glassbox-{env}}.
     */
    @Override
    protected List<LiveVpc> candidates(StepContext context) {
        return context.aws().ec2().describeVpcsPaginator(r -> { }).vpcs().stream()
                .map(vpc -> new LiveVpc(vpc, false, false)).toList();
    }

    @Override
    protected String nameOf(LiveVpc live) {
        return Ec2Tags.name(live.vpc().tags());
    }

    /** The DNS attributes, read for the picked VPC only. */
    @Override
    protected LiveVpc complete(StepContext context, LiveVpc candidate) {
        Ec2Client ec2 = context.aws().ec2();
        String vpcId = candidate.vpc().vpcId();
        return new LiveVpc(candidate.vpc(), attribute(ec2, vpcId, VpcAttributeName.ENABLE_DNS_SUPPORT),
                attribute(ec2, vpcId, VpcAttributeName.ENABLE_DNS_HOSTNAMES));
    }

    private static boolean attribute(Ec2Client ec2, String vpcId, VpcAttributeName name) {
        var response = ec2.describeVpcAttribute(r -> r.vpcId(vpcId).attribute(name));
        AttributeBooleanValue value = name == VpcAttributeName.ENABLE_DNS_SUPPORT
                ? response.enableDnsSupport() : response.enableDnsHostnames();
        return value != null && Boolean.TRUE.equals(value.value());
    }

    @Override
    protected String idOf(LiveVpc live) {
        return live.vpc().vpcId();
    }

    @Override
    protected Map<String, String> tagsOf(LiveVpc live) {
        return Ec2Tags.toMap(live.vpc().tags());
    }

    @Override
    protected List<Change> diff(StepContext context, LiveVpc live) {
        List<Change> changes = new ArrayList<>();
        String cidr = context.spec().network().vpcCidr();
        if (!cidr.equals(live.vpc().cidrBlock())) {
            changes.add(Change.replace("cidr", live.vpc().cidrBlock(), cidr));
        }
        if (!live.dnsSupport()) {
            changes.add(Change.update("enableDnsSupport", false, true));
        }
        if (!live.dnsHostnames()) {
            changes.add(Change.update("enableDnsHostnames", false, true));
        }
        tagChange(tags(context), tagsOf(live)).ifPresent(changes::add);
        return changes;
    }

    @Override
    protected String createSummary(StepContext context) {
        return "VPC " + context.spec().network().vpcCidr() + " with DNS support and host names";
    }

    @Override
    protected LiveVpc create(StepContext context) {
        Ec2Client ec2 = context.aws().ec2();
        // CreateVpc takes no client token: the Name tag set by the call itself is what a re-run finds.
        String vpcId = ec2.createVpc(r -> r.cidrBlock(context.spec().network().vpcCidr())
                .tagSpecifications(Ec2Tags.at(ResourceType.VPC, tags(context)))).vpc().vpcId();
        ec2.waiter().waitUntilVpcAvailable(r -> r.vpcIds(vpcId), Waits.upTo(context,
                "VPC " + vpcId + " to be available", Timeouts.VPC_AVAILABLE));
        EventualConsistency.retryOn(context, NetworkErrors.VPC_NOT_FOUND, () -> ec2.modifyVpcAttribute(
                r -> r.vpcId(vpcId).enableDnsHostnames(AttributeBooleanValue.builder().value(true).build())));
        return EventualConsistency.awaitPresent(context, "VPC " + vpcId, () -> find(context));
    }

    @Override
    protected void update(StepContext context, LiveVpc live, List<Change> changes) {
        Ec2Client ec2 = context.aws().ec2();
        String vpcId = live.vpc().vpcId();
        // ModifyVpcAttribute takes one attribute per call (EC2 API Reference).
        if (touches(changes, "enableDnsSupport")) {
            ec2.modifyVpcAttribute(r -> r.vpcId(vpcId).enableDnsSupport(AttributeBooleanValue.builder().value(true).build()));
        }
        if (touches(changes, "enableDnsHostnames")) {
            ec2.modifyVpcAttribute(r -> r.vpcId(vpcId).enableDnsHostnames(AttributeBooleanValue.builder().value(true).build()));
        }
        if (touches(changes, TAGS)) {
            NetworkTags.apply(ec2, vpcId, tags(context), tagsOf(live));
        }
    }

    @Override
    protected void publish(StepContext context, LiveVpc live) {
        context.outputs().put(OUTPUT_ID, live.vpc().vpcId());
        context.outputs().put(OUTPUT_CIDR, live.vpc().cidrBlock());
    }

    @Override
    protected void delete(StepContext context, LiveVpc live) {
        context.retrying(NetworkErrors.LINGERING_INTERFACES, () -> NetworkErrors.ignoreNotFound(
                () -> context.aws().ec2().deleteVpc(r -> r.vpcId(live.vpc().vpcId())), NetworkErrors.VPC_NOT_FOUND));
    }

    private static Map<String, String> tags(StepContext context) {
        return ResourceTags.named(context.spec().environment(), StackName.NETWORK, ID, context.naming().vpc());
    }
}
