package io.glassbox.provisioner.stacks.network;

import io.glassbox.provisioner.aws.Ec2Tags;
import io.glassbox.provisioner.aws.EventualConsistency;
import io.glassbox.provisioner.aws.ResourceTags;
import io.glassbox.provisioner.engine.Change;
import io.glassbox.provisioner.engine.ResourceStep;
import io.glassbox.provisioner.engine.StepContext;
import io.glassbox.provisioner.spec.AvailabilityZone;
import io.glassbox.provisioner.spec.StackName;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.model.Address;
import software.amazon.awssdk.services.ec2.model.DomainType;
import software.amazon.awssdk.services.ec2.model.ResourceType;

/** The Elastic IP of one NAT gateway ({@code glassbox-{env}-nat-{az}}), tagged at allocation. */
public final class ElasticIpStep extends ResourceStep<Address> {

    private final AvailabilityZone zone;

    public ElasticIpStep(AvailabilityZone zone) {
        super(id(zone), StackName.NETWORK);
        this.zone = zone;
    }

    public static String id(AvailabilityZone zone) {
        return "network.eip.nat-" + zone.letter();
    }

    /** The output holding the allocation id: {@code network.eip.nat-a.allocation-id}. */
    public static String outputAllocationId(AvailabilityZone zone) {
        return id(zone) + ".allocation-id";
    }

    @Override
    public String resourceType() {
        return "Elastic IP";
    }

    @Override
    public String resourceName(StepContext context) {
        return context.naming().natGateway(zone);
    }

    @Override
    protected List<Address> candidates(StepContext context) {
        // Every VPC address of the region: ours by name or step tag, and any a takeover names by its public IP
        // (ours are all allocated in the VPC domain, so one Describe holds them all).
        return context.aws().ec2().describeAddresses(r -> r.filters(Ec2Tags.filter("domain", "vpc"))).addresses();
    }

    /** CloudFormation reports an Elastic IP by its public address (AWS::EC2::EIP's Ref). */
    @Override
    protected boolean isPhysicalId(Address live, String physicalId) {
        return physicalId.equals(live.publicIp()) || physicalId.equals(live.allocationId());
    }

    @Override
    protected String nameOf(Address live) {
        return Ec2Tags.name(live.tags());
    }

    @Override
    protected String idOf(Address live) {
        return live.allocationId();
    }

    @Override
    protected Map<String, String> tagsOf(Address live) {
        return Ec2Tags.toMap(live.tags());
    }

    @Override
    protected List<Change> diff(StepContext context, Address live) {
        List<Change> changes = new ArrayList<>();
        tagChange(tags(context), tagsOf(live)).ifPresent(changes::add);
        return changes;
    }

    @Override
    protected String createSummary(StepContext context) {
        return "Elastic IP for the NAT gateway in zone " + zone.letter();
    }

    @Override
    protected Address create(StepContext context) {
        // AllocateAddress takes no client token; the tags it applies are what a re-run finds.
        String id = context.aws().ec2().allocateAddress(r -> r.domain(DomainType.VPC)
                .tagSpecifications(Ec2Tags.at(ResourceType.ELASTIC_IP, tags(context)))).allocationId();
        return EventualConsistency.awaitPresent(context, "Elastic IP " + id, () -> find(context));
    }

    @Override
    protected void update(StepContext context, Address live, List<Change> changes) {
        NetworkTags.apply(context.aws().ec2(), live.allocationId(), tags(context), tagsOf(live));
    }

    @Override
    protected void publish(StepContext context, Address live) {
        context.outputs().put(outputAllocationId(zone), live.allocationId());
        context.outputs().put(id(zone) + ".public-ip", live.publicIp());
    }

    @Override
    protected void delete(StepContext context, Address live) {
        NetworkErrors.ignoreNotFound(() -> context.aws().ec2().releaseAddress(
                r -> r.allocationId(live.allocationId())), NetworkErrors.ADDRESS_NOT_FOUND);
    }

    private Map<String, String> tags(StepContext context) {
        return ResourceTags.named(context.spec().environment(), StackName.NETWORK, id().value(), resourceName(context));
    }
}
