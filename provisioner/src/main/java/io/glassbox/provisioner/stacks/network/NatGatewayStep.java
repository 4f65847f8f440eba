package io.glassbox.provisioner.stacks.network;

import io.glassbox.provisioner.spec.EnvironmentSpec;
import java.time.Duration;
import io.glassbox.provisioner.aws.Ec2Tags;
import io.glassbox.provisioner.aws.EventualConsistency;
import io.glassbox.provisioner.aws.IdempotencyTokens;
import io.glassbox.provisioner.aws.ResourceTags;
import io.glassbox.provisioner.aws.Timeouts;
import io.glassbox.provisioner.aws.Waits;
import io.glassbox.provisioner.engine.Change;
import io.glassbox.provisioner.engine.ResourceStep;
import io.glassbox.provisioner.engine.StepContext;
import io.glassbox.provisioner.spec.AvailabilityZone;
import io.glassbox.provisioner.spec.StackName;
import io.glassbox.provisioner.spec.SubnetSpec;
import io.glassbox.provisioner.spec.SubnetTier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.NatGateway;
import software.amazon.awssdk.services.ec2.model.NatGatewayAddress;
import software.amazon.awssdk.services.ec2.model.NatGatewayState;
import software.amazon.awssdk.services.ec2.model.ResourceType;

/**
 * The NAT gateway of one zone ({@code glassbox-{env}-nat-{az}}) in that zone's public subnet, with its
 * Elastic IP. A gateway still {@code pending} from a crashed run is adopted and waited for, not duplicated.
 */
public final class NatGatewayStep extends ResourceStep<NatGateway> {

    /** States in which a gateway counts as existing; failed and deleted ones are history. */
    private static final List<String> LIVE_STATES = List.of(
            NatGatewayState.PENDING.toString(), NatGatewayState.AVAILABLE.toString());
    private final AvailabilityZone zone;
    private final SubnetSpec publicSubnet;

    public NatGatewayStep(AvailabilityZone zone, SubnetSpec publicSubnet) {
        super(id(zone), StackName.NETWORK, SubnetStep.id(publicSubnet), ElasticIpStep.id(zone),
                // A NAT gateway routes through the internet gateway; CDK orders them the same way.
                InternetGatewayStep.ID);
        if (publicSubnet.tier() != SubnetTier.PUBLIC) {
            throw new IllegalArgumentException("a NAT gateway belongs in a public subnet");
        }
        this.zone = zone;
        this.publicSubnet = publicSubnet;
    }

    public static String id(AvailabilityZone zone) {
        return "network.nat-gateway." + zone.letter();
    }

    public static String outputId(AvailabilityZone zone) {
        return id(zone) + ".id";
    }

    @Override
    public String resourceType() {
        return "NAT gateway";
    }

    @Override
    public String resourceName(StepContext context) {
        return context.naming().natGateway(zone);
    }

    /** About 2 minutes (measured; Amazon VPC User Guide, "NAT gateways"). */
    @Override
    public Duration typicalCreation(EnvironmentSpec spec) {
        return Duration.ofMinutes(2);
    }

    @Override
    protected List<NatGateway> candidates(StepContext context) {
        var ec2 = context.aws().ec2();
        var live = Ec2Tags.filter("state", LIVE_STATES.toArray(String[]::new));
        // The VPC's NAT gateways: those tagged with a step, and those a takeover names under their CDK names.
        List<NatGateway> inVpc = context.outputs().get(VpcStep.OUTPUT_ID).map(vpc -> ec2.describeNatGatewaysPaginator(
                r -> r.filter(Ec2Tags.filter("vpc-id", vpc), live)).natGateways().stream().toList()).orElse(List.of());
        return Ec2Tags.union(ec2.describeNatGatewaysPaginator(r -> r.filter(Ec2Tags.nameFilter(resourceName(context)),
                                live)).natGateways().stream().toList(), inVpc,
                NatGateway::natGatewayId).stream().filter(n -> LIVE_STATES.contains(n.stateAsString())).toList();
    }

    @Override
    protected String nameOf(NatGateway live) {
        return Ec2Tags.name(live.tags());
    }

    @Override
    protected String idOf(NatGateway live) {
        return live.natGatewayId();
    }

    @Override
    protected Map<String, String> tagsOf(NatGateway live) {
        return Ec2Tags.toMap(live.tags());
    }

    @Override
    protected List<Change> diff(StepContext context, NatGateway live) {
        List<Change> changes = new ArrayList<>();
        context.outputs().get(SubnetStep.outputId(publicSubnet)).filter(s -> !s.equals(live.subnetId()))
                .ifPresent(s -> changes.add(Change.replace("subnet", live.subnetId(), s)));
        String allocation = context.outputs().getOrUnknown(ElasticIpStep.outputAllocationId(zone));
        List<String> liveAllocations = live.natGatewayAddresses().stream().map(NatGatewayAddress::allocationId).toList();
        if (!liveAllocations.contains(allocation)) {
            changes.add(Change.replace("elasticIp", String.join(",", liveAllocations), allocation));
        }
        if (NatGatewayState.PENDING.equals(live.state())) {
            // Apply waits for it (awaitUsable); nothing is called to change it.
            changes.add(Change.update("state", live.stateAsString(), NatGatewayState.AVAILABLE.toString()));
        }
        tagChange(tags(context), tagsOf(live)).ifPresent(changes::add);
        return changes;
    }

    @Override
    protected String createSummary(StepContext context) {
        return "NAT gateway in " + context.naming().subnet(publicSubnet);
    }

    @Override
    protected NatGateway create(StepContext context) {
        Ec2Client ec2 = context.aws().ec2();
        String subnet = context.outputs().require(SubnetStep.outputId(publicSubnet));
        String allocation = context.outputs().require(ElasticIpStep.outputAllocationId(zone));
        String token = IdempotencyTokens.derive(context.spec().environment().id(), id().value(), subnet, allocation);
        String id = ec2.createNatGateway(r -> r.subnetId(subnet).allocationId(allocation).clientToken(token)
                .tagSpecifications(Ec2Tags.at(ResourceType.NATGATEWAY, tags(context)))).natGateway().natGatewayId();
        waitAvailable(context, ec2, id);
        return EventualConsistency.awaitPresent(context, "NAT gateway " + id, () -> find(context));
    }

    private static void waitAvailable(StepContext context, Ec2Client ec2, String id) {
        EventualConsistency.retryOn(context, NetworkErrors.NAT_NOT_FOUND, () -> ec2.waiter().waitUntilNatGatewayAvailable(
                r -> r.natGatewayIds(id), Waits.upTo(context, "NAT gateway " + id
                        + " to be available", Timeouts.NAT_GATEWAY_AVAILABLE)));
    }

    @Override
    protected void update(StepContext context, NatGateway live, List<Change> changes) {
        if (touches(changes, TAGS)) {
            NetworkTags.apply(context.aws().ec2(), live.natGatewayId(), tags(context), tagsOf(live));
        }
    }

    @Override
    protected NatGateway awaitUsable(StepContext context, NatGateway live) {
        if (!NatGatewayState.PENDING.equals(live.state())) {
            return live;
        }
        // Left pending by an interrupted run: wait for it rather than create a second one.
        waitAvailable(context, context.aws().ec2(), live.natGatewayId());
        return EventualConsistency.awaitPresent(context, "NAT gateway " + live.natGatewayId(), () -> find(context));
    }

    @Override
    protected void publish(StepContext context, NatGateway live) {
        context.outputs().put(outputId(zone), live.natGatewayId());
    }

    @Override
    protected void delete(StepContext context, NatGateway live) {
        Ec2Client ec2 = context.aws().ec2();
        NetworkErrors.ignoreNotFound(() -> ec2.deleteNatGateway(r -> r.natGatewayId(live.natGatewayId())),
                NetworkErrors.NAT_NOT_FOUND);
        // Its Elastic IP can be released only once the gateway is deleted.
        ec2.waiter().waitUntilNatGatewayDeleted(r -> r.natGatewayIds(live.natGatewayId()),
                Waits.upTo(context, "NAT gateway " + live.natGatewayId() + " to be deleted",
                        Timeouts.NAT_GATEWAY_DELETED));
    }

    private Map<String, String> tags(StepContext context) {
        return ResourceTags.named(context.spec().environment(), StackName.NETWORK, id().value(), resourceName(context));
    }
}
