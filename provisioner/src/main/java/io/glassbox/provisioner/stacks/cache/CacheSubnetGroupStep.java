package io.glassbox.provisioner.stacks.cache;

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
import software.amazon.awssdk.services.elasticache.model.CacheSubnetGroup;
import software.amazon.awssdk.services.elasticache.model.CacheSubnetGroupNotFoundException;
import software.amazon.awssdk.services.elasticache.model.Subnet;

/** The cache subnet group {@code glassbox-{env}} on the isolated subnets. */
public final class CacheSubnetGroupStep extends ResourceStep<CacheSubnetGroupStep.LiveGroup> {

    public static final String ID = "cache.subnet-group";
    private static final String SUBNETS = "subnets";

    record LiveGroup(CacheSubnetGroup group, Map<String, String> tags) {
    }

    private final NetworkSpec network;

    public CacheSubnetGroupStep(NetworkSpec network) {
        super(ID, StackName.CACHE, TierSubnets.stepIds(network, SubnetTier.ISOLATED));
        this.network = network;
    }

    @Override
    public String resourceType() {
        return "cache subnet group";
    }

    @Override
    public String resourceName(StepContext context) {
        return context.naming().base();
    }

    /**
     * The cache subnet groups in the environment's VPC and the one with our name (one Describe; tags read for
     * those only), for the engine's Identity: a group taken over keeps its CloudFormation-generated name.
     */
    @Override
    protected List<LiveGroup> candidates(StepContext context) {
        Optional<String> vpc = context.outputs().get(VpcStep.OUTPUT_ID);
        return context.aws().elastiCache().describeCacheSubnetGroupsPaginator(r -> { }).cacheSubnetGroups().stream()
                .filter(g -> g.cacheSubnetGroupName().equalsIgnoreCase(resourceName(context))
                        || vpc.filter(v -> v.equals(g.vpcId())).isPresent())
                .map(group -> new LiveGroup(group, CacheTags.of(context, group.arn()))).toList();
    }

    @Override
    protected String nameOf(LiveGroup live) {
        return live.group().cacheSubnetGroupName();
    }

    @Override
    protected String idOf(LiveGroup live) {
        return live.group().cacheSubnetGroupName();
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
        return "cache subnet group on the " + network.zones().size() + " isolated subnets";
    }

    private List<String> requiredSubnets(StepContext context) {
        return TierSubnets.ids(context, network, SubnetTier.ISOLATED);
    }

    @Override
    protected LiveGroup create(StepContext context) {
        context.aws().elastiCache().createCacheSubnetGroup(r -> r.cacheSubnetGroupName(resourceName(context))
                .cacheSubnetGroupDescription("GlassBox " + context.spec().environment().id() + " Redis: isolated subnets")
                .subnetIds(requiredSubnets(context)).tags(CacheTags.toTags(tags(context))));
        return find(context).orElseThrow();
    }

    @Override
    protected void update(StepContext context, LiveGroup live, List<Change> changes) {
        if (touches(changes, SUBNETS)) {
            context.aws().elastiCache().modifyCacheSubnetGroup(r -> r.cacheSubnetGroupName(live.group().cacheSubnetGroupName())
                    .subnetIds(requiredSubnets(context)));
        }
        if (touches(changes, TAGS)) {
            CacheTags.add(context, live.group().arn(), ResourceTags.missing(tags(context), live.tags()));
        }
    }

    @Override
    protected void publish(StepContext context, LiveGroup live) {
        context.outputs().put(ID + ".name", live.group().cacheSubnetGroupName());
    }

    @Override
    protected void delete(StepContext context, LiveGroup live) {
        try {
            context.aws().elastiCache().deleteCacheSubnetGroup(r -> r.cacheSubnetGroupName(live.group().cacheSubnetGroupName()));
        } catch (CacheSubnetGroupNotFoundException e) {
            // Already gone.
        }
    }

    private Map<String, String> tags(StepContext context) {
        return ResourceTags.of(context.spec().environment(), StackName.CACHE, id().value());
    }
}
