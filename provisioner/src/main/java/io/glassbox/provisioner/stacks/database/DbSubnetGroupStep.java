package io.glassbox.provisioner.stacks.database;

import io.glassbox.provisioner.aws.ResourceTags;
import io.glassbox.provisioner.engine.Change;
import io.glassbox.provisioner.engine.ResourceStep;
import io.glassbox.provisioner.engine.StepContext;
import io.glassbox.provisioner.stacks.network.VpcStep;
import io.glassbox.provisioner.spec.NetworkSpec;
import io.glassbox.provisioner.spec.StackName;
import io.glassbox.provisioner.spec.SubnetTier;
import io.glassbox.provisioner.stacks.network.TierSubnets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import software.amazon.awssdk.services.rds.model.DBSubnetGroup;
import software.amazon.awssdk.services.rds.model.DbSubnetGroupNotFoundException;
import software.amazon.awssdk.services.rds.model.Subnet;

/** The DB subnet group {@code glassbox-{env}} on the isolated subnets (no route to the internet). */
public final class DbSubnetGroupStep extends ResourceStep<DbSubnetGroupStep.LiveGroup> {

    public static final String ID = "database.subnet-group";
    private static final String SUBNETS = "subnets";

    record LiveGroup(DBSubnetGroup group, Map<String, String> tags) {
    }

    private final NetworkSpec network;

    public DbSubnetGroupStep(NetworkSpec network) {
        super(ID, StackName.DATABASE, TierSubnets.stepIds(network, SubnetTier.ISOLATED));
        this.network = network;
    }

    @Override
    public String resourceType() {
        return "DB subnet group";
    }

    @Override
    public String resourceName(StepContext context) {
        return context.naming().base();
    }

    /**
     * The subnet groups in the environment's VPC and the one with our name (one DescribeDBSubnetGroups; tags read
     * for those only), for the engine's Identity: a group taken over keeps its CloudFormation-generated name.
     */
    @Override
    protected List<LiveGroup> candidates(StepContext context) {
        Optional<String> vpc = context.outputs().get(VpcStep.OUTPUT_ID);
        return context.aws().rds().describeDBSubnetGroupsPaginator(r -> { }).dbSubnetGroups().stream()
                .filter(g -> g.dbSubnetGroupName().equalsIgnoreCase(resourceName(context))
                        || vpc.filter(v -> v.equals(g.vpcId())).isPresent())
                .map(group -> new LiveGroup(group, RdsTags.of(context, group.dbSubnetGroupArn()))).toList();
    }

    @Override
    protected String nameOf(LiveGroup live) {
        return live.group().dbSubnetGroupName();
    }

    @Override
    protected String idOf(LiveGroup live) {
        return live.group().dbSubnetGroupName();
    }

    @Override
    protected Map<String, String> tagsOf(LiveGroup live) {
        return live.tags();
    }

    @Override
    protected List<Change> diff(StepContext context, LiveGroup live) {
        List<Change> changes = new ArrayList<>();
        TreeSet<String> desired = new TreeSet<>(TierSubnets.idsOrUnknown(context, network, SubnetTier.ISOLATED));
        TreeSet<String> observed = new TreeSet<>(live.group().subnets().stream().map(Subnet::subnetIdentifier).toList());
        if (!desired.equals(observed)) {
            changes.add(Change.update(SUBNETS, String.join(",", observed), String.join(",", desired)));
        }
        tagChange(tags(context), live.tags()).ifPresent(changes::add);
        return changes;
    }

    @Override
    protected String createSummary(StepContext context) {
        return "DB subnet group on the " + network.zones().size() + " isolated subnets";
    }

    @Override
    protected LiveGroup create(StepContext context) {
        context.aws().rds().createDBSubnetGroup(r -> r.dbSubnetGroupName(resourceName(context))
                .dbSubnetGroupDescription("GlassBox " + context.spec().environment().id() + " database: isolated subnets")
                .subnetIds(requiredSubnets(context)).tags(RdsTags.toTags(tags(context))));
        return find(context).orElseThrow();
    }

    private List<String> requiredSubnets(StepContext context) {
        return TierSubnets.ids(context, network, SubnetTier.ISOLATED);
    }

    @Override
    protected void update(StepContext context, LiveGroup live, List<Change> changes) {
        if (touches(changes, SUBNETS)) {
            context.aws().rds().modifyDBSubnetGroup(r -> r.dbSubnetGroupName(live.group().dbSubnetGroupName())
                    .subnetIds(requiredSubnets(context)));
        }
        if (touches(changes, TAGS)) {
            RdsTags.add(context, live.group().dbSubnetGroupArn(), ResourceTags.missing(tags(context), live.tags()));
        }
    }

    @Override
    protected void publish(StepContext context, LiveGroup live) {
        context.outputs().put(ID + ".name", live.group().dbSubnetGroupName());
    }

    @Override
    protected void delete(StepContext context, LiveGroup live) {
        try {
            context.aws().rds().deleteDBSubnetGroup(r -> r.dbSubnetGroupName(live.group().dbSubnetGroupName()));
        } catch (DbSubnetGroupNotFoundException e) {
            // Already gone.
        }
    }

    private Map<String, String> tags(StepContext context) {
        return ResourceTags.of(context.spec().environment(), StackName.DATABASE, id().value());
    }
}
