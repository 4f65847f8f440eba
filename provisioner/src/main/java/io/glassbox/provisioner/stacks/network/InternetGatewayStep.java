package io.glassbox.provisioner.stacks.network;

import io.glassbox.provisioner.aws.Ec2Tags;
import io.glassbox.provisioner.aws.EventualConsistency;
import io.glassbox.provisioner.aws.ResourceTags;
import io.glassbox.provisioner.engine.Change;
import io.glassbox.provisioner.engine.ResourceStep;
import io.glassbox.provisioner.engine.StepContext;
import io.glassbox.provisioner.spec.StackName;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.InternetGateway;
import software.amazon.awssdk.services.ec2.model.InternetGatewayAttachment;
import software.amazon.awssdk.services.ec2.model.ResourceType;

/** The internet gateway (tag Name {@code glassbox-{env}}), attached to our VPC. */
public final class InternetGatewayStep extends ResourceStep<InternetGateway> {

    public static final String ID = "network.internet-gateway";
    public static final String OUTPUT_ID = "network.internet-gateway.id";
    private static final String ATTACHMENT = "attachment";

    public InternetGatewayStep() {
        super(ID, StackName.NETWORK, VpcStep.ID);
    }

    @Override
    public String resourceType() {
        return "internet gateway";
    }

    @Override
    public String resourceName(StepContext context) {
        return context.naming().internetGateway();
    }

    @Override
    protected List<InternetGateway> candidates(StepContext context) {
        var ec2 = context.aws().ec2();
        return Ec2Tags.union(ec2.describeInternetGatewaysPaginator(r -> r.filters(Ec2Tags.nameFilter(
                        resourceName(context)))).internetGateways().stream().toList(),
                context.outputs().get(VpcStep.OUTPUT_ID).map(vpc -> ec2.describeInternetGatewaysPaginator(
                        r -> r.filters(Ec2Tags.filter("attachment.vpc-id", vpc))).internetGateways().stream().toList())
                        .orElse(List.of()),
                InternetGateway::internetGatewayId);
    }

    @Override
    protected String nameOf(InternetGateway live) {
        return Ec2Tags.name(live.tags());
    }

    @Override
    protected String idOf(InternetGateway live) {
        return live.internetGatewayId();
    }

    @Override
    protected Map<String, String> tagsOf(InternetGateway live) {
        return Ec2Tags.toMap(live.tags());
    }

    @Override
    protected List<Change> diff(StepContext context, InternetGateway live) {
        List<Change> changes = new ArrayList<>();
        String vpc = context.outputs().getOrUnknown(VpcStep.OUTPUT_ID);
        List<String> attached = attachedVpcs(live);
        if (!attached.equals(List.of(vpc))) {
            changes.add(Change.update(ATTACHMENT, attached.isEmpty() ? null : String.join(",", attached), vpc));
        }
        tagChange(tags(context), tagsOf(live)).ifPresent(changes::add);
        return changes;
    }

    @Override
    protected String createSummary(StepContext context) {
        return "internet gateway attached to the VPC";
    }

    @Override
    protected InternetGateway create(StepContext context) {
        Ec2Client ec2 = context.aws().ec2();
        String id = ec2.createInternetGateway(r -> r.tagSpecifications(
                Ec2Tags.at(ResourceType.INTERNET_GATEWAY, tags(context)))).internetGateway().internetGatewayId();
        attach(context, id);
        return EventualConsistency.awaitPresent(context, "internet gateway " + id, () -> find(context));
    }

    @Override
    protected void update(StepContext context, InternetGateway live, List<Change> changes) {
        Ec2Client ec2 = context.aws().ec2();
        if (touches(changes, ATTACHMENT)) {
            String vpc = context.outputs().require(VpcStep.OUTPUT_ID);
            for (String other : attachedVpcs(live)) {
                if (!other.equals(vpc)) {
                    ec2.detachInternetGateway(r -> r.internetGatewayId(live.internetGatewayId()).vpcId(other));
                }
            }
            if (!attachedVpcs(live).contains(vpc)) {
                attach(context, live.internetGatewayId());
            }
        }
        if (touches(changes, TAGS)) {
            NetworkTags.apply(ec2, live.internetGatewayId(), tags(context), tagsOf(live));
        }
    }

    private static void attach(StepContext context, String gatewayId) {
        String vpc = context.outputs().require(VpcStep.OUTPUT_ID);
        EventualConsistency.retryOn(context, NetworkErrors.GATEWAY_NOT_FOUND, () -> context.aws().ec2()
                .attachInternetGateway(r -> r.internetGatewayId(gatewayId).vpcId(vpc)));
    }

    @Override
    protected void publish(StepContext context, InternetGateway live) {
        context.outputs().put(OUTPUT_ID, live.internetGatewayId());
    }

    @Override
    protected void delete(StepContext context, InternetGateway live) {
        Ec2Client ec2 = context.aws().ec2();
        for (String vpc : attachedVpcs(live)) {
            // A load balancer or NAT gateway deleted just before still has its public addresses mapped for a while.
            context.retrying(NetworkErrors.LINGERING_INTERFACES, () -> NetworkErrors.ignoreNotFound(
                    () -> ec2.detachInternetGateway(r -> r.internetGatewayId(live.internetGatewayId()).vpcId(vpc)),
                    NetworkErrors.GATEWAY_NOT_FOUND));
        }
        NetworkErrors.ignoreNotFound(() -> ec2.deleteInternetGateway(
                r -> r.internetGatewayId(live.internetGatewayId())), NetworkErrors.GATEWAY_NOT_FOUND);
    }

    private static List<String> attachedVpcs(InternetGateway live) {
        return live.attachments().stream().map(InternetGatewayAttachment::vpcId).sorted().toList();
    }

    private static Map<String, String> tags(StepContext context) {
        return ResourceTags.named(context.spec().environment(), StackName.NETWORK, ID, context.naming().internetGateway());
    }
}
