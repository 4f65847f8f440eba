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
import io.glassbox.provisioner.spec.SubnetSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.AttributeBooleanValue;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Subnet;

/** One subnet of the layout ({@code glassbox-{env}-{tier}-{az}}) with the spec's CIDR in its zone. */
public final class SubnetStep extends ResourceStep<Subnet> {

    private static final String MAP_PUBLIC_IP = "mapPublicIpOnLaunch";
    private final SubnetSpec subnet;

    public SubnetStep(SubnetSpec subnet) {
        super(id(subnet), StackName.NETWORK, VpcStep.ID);
        this.subnet = subnet;
    }

    public static String id(SubnetSpec subnet) {
        return "network.subnet." + subnet.key();
    }

    /** The output holding the subnet's id: {@code network.subnet.private-a.id}. */
    public static String outputId(SubnetSpec subnet) {
        return id(subnet) + ".id";
    }

    @Override
    public String resourceType() {
        return "subnet";
    }

    @Override
    public String resourceName(StepContext context) {
        return context.naming().subnet(subnet);
    }

    /**
     * The environment's subnets by name and the VPC's subnets (where a step-tagged one, or one a takeover names
     * under its CDK name, is), two Describes shared by the subnet steps of a plan; the engine's Identity picks.
     */
    @Override
    protected List<Subnet> candidates(StepContext context) {
        List<Subnet> named = context.reads().get("ec2.subnets", () -> context.aws().ec2().describeSubnetsPaginator(
                r -> r.filters(Ec2Tags.nameFilter(context.naming().base() + "-*"))).subnets().stream().toList());
        List<Subnet> inVpc = context.outputs().get(VpcStep.OUTPUT_ID).map(vpc -> context.reads().get(
                "ec2.subnets:" + vpc, () -> context.aws().ec2().describeSubnetsPaginator(
                        r -> r.filters(Ec2Tags.filter("vpc-id", vpc))).subnets().stream().toList())).orElse(List.of());
        return Ec2Tags.union(named, inVpc, Subnet::subnetId);
    }

    @Override
    protected String nameOf(Subnet live) {
        return Ec2Tags.name(live.tags());
    }

    @Override
    protected String idOf(Subnet live) {
        return live.subnetId();
    }

    @Override
    protected Map<String, String> tagsOf(Subnet live) {
        return Ec2Tags.toMap(live.tags());
    }

    @Override
    protected List<Change> diff(StepContext context, Subnet live) {
        List<Change> changes = new ArrayList<>();
        if (!subnet.cidr().equals(live.cidrBlock())) {
            changes.add(Change.replace("cidr", live.cidrBlock(), subnet.cidr()));
        }
        String zone = zone(context);
        if (!zone.equals(live.availabilityZone())) {
            changes.add(Change.replace("availabilityZone", live.availabilityZone(), zone));
        }
        context.outputs().get(VpcStep.OUTPUT_ID).filter(vpc -> !vpc.equals(live.vpcId()))
                .ifPresent(vpc -> changes.add(Change.replace("vpc", live.vpcId(), vpc)));
        if (subnet.mapPublicIpOnLaunch() != Boolean.TRUE.equals(live.mapPublicIpOnLaunch())) {
            changes.add(Change.update(MAP_PUBLIC_IP, live.mapPublicIpOnLaunch(), subnet.mapPublicIpOnLaunch()));
        }
        tagChange(tags(context), tagsOf(live)).ifPresent(changes::add);
        return changes;
    }

    @Override
    protected String createSummary(StepContext context) {
        return subnet.tier().id() + " subnet " + subnet.cidr() + " in " + zone(context);
    }

    @Override
    protected Subnet create(StepContext context) {
        Ec2Client ec2 = context.aws().ec2();
        String vpc = context.outputs().require(VpcStep.OUTPUT_ID);
        String id = EventualConsistency.retryOn(context, NetworkErrors.VPC_NOT_FOUND, () -> ec2.createSubnet(r -> r
                .vpcId(vpc).cidrBlock(subnet.cidr()).availabilityZone(zone(context))
                .tagSpecifications(Ec2Tags.at(ResourceType.SUBNET, tags(context))))).subnet().subnetId();
        ec2.waiter().waitUntilSubnetAvailable(r -> r.subnetIds(id), Waits.upTo(context,
                "subnet " + id + " to be available", Timeouts.VPC_AVAILABLE));
        if (subnet.mapPublicIpOnLaunch()) {
            setMapPublicIp(ec2, id);
        }
        return EventualConsistency.awaitPresent(context, "subnet " + id, () -> find(context));
    }

    @Override
    protected void update(StepContext context, Subnet live, List<Change> changes) {
        Ec2Client ec2 = context.aws().ec2();
        if (touches(changes, MAP_PUBLIC_IP)) {
            setMapPublicIp(ec2, live.subnetId());
        }
        if (touches(changes, TAGS)) {
            NetworkTags.apply(ec2, live.subnetId(), tags(context), tagsOf(live));
        }
    }

    private void setMapPublicIp(Ec2Client ec2, String subnetId) {
        ec2.modifySubnetAttribute(r -> r.subnetId(subnetId)
                .mapPublicIpOnLaunch(AttributeBooleanValue.builder().value(subnet.mapPublicIpOnLaunch()).build()));
    }

    @Override
    protected void publish(StepContext context, Subnet live) {
        context.outputs().put(outputId(subnet), live.subnetId());
    }

    @Override
    protected void delete(StepContext context, Subnet live) {
        context.retrying(NetworkErrors.LINGERING_INTERFACES, () -> NetworkErrors.ignoreNotFound(
                () -> context.aws().ec2().deleteSubnet(r -> r.subnetId(live.subnetId())),
                NetworkErrors.SUBNET_NOT_FOUND));
    }

    private String zone(StepContext context) {
        return subnet.zone().nameIn(context.aws().region());
    }

    private Map<String, String> tags(StepContext context) {
        return ResourceTags.named(context.spec().environment(), StackName.NETWORK, id().value(), resourceName(context));
    }
}
