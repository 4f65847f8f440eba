package io.glassbox.provisioner.stacks.network;

import io.glassbox.provisioner.aws.Ec2Tags;
import io.glassbox.provisioner.aws.EventualConsistency;
import io.glassbox.provisioner.aws.ResourceTags;
import io.glassbox.provisioner.engine.Change;
import io.glassbox.provisioner.engine.ResourceStep;
import io.glassbox.provisioner.engine.StepContext;
import io.glassbox.provisioner.spec.NetworkSpec;
import io.glassbox.provisioner.spec.StackName;
import io.glassbox.provisioner.spec.SubnetSpec;
import io.glassbox.provisioner.spec.SubnetTier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Route;
import software.amazon.awssdk.services.ec2.model.RouteTable;
import software.amazon.awssdk.services.ec2.model.RouteTableAssociation;

/**
 * The route table of one subnet (named like the subnet), associated with it, whose only non-local route is
 * the tier's default route: public → internet gateway, private → the NAT gateway of its zone (or the single
 * one), isolated → none at all.
 */
public final class RouteTableStep extends ResourceStep<RouteTable> {

    static final String DEFAULT_ROUTE = "0.0.0.0/0";
    private static final String ASSOCIATION = "association";
    private static final String ROUTE_PREFIX = "route ";
    private final SubnetSpec subnet;
    private final Optional<String> targetOutput;

    public RouteTableStep(SubnetSpec subnet, NetworkSpec network) {
        super(id(subnet), StackName.NETWORK, dependencies(subnet, network));
        this.subnet = subnet;
        this.targetOutput = switch (subnet.tier()) {
            case PUBLIC -> Optional.of(InternetGatewayStep.OUTPUT_ID);
            case PRIVATE -> Optional.of(NatGatewayStep.outputId(network.natZoneFor(subnet.zone())));
            case ISOLATED -> Optional.empty();
        };
    }

    private static String[] dependencies(SubnetSpec subnet, NetworkSpec network) {
        return switch (subnet.tier()) {
            case PUBLIC -> new String[] {VpcStep.ID, SubnetStep.id(subnet), InternetGatewayStep.ID};
            case PRIVATE -> new String[] {VpcStep.ID, SubnetStep.id(subnet),
                NatGatewayStep.id(network.natZoneFor(subnet.zone()))};
            case ISOLATED -> new String[] {VpcStep.ID, SubnetStep.id(subnet)};
        };
    }

    public static String id(SubnetSpec subnet) {
        return "network.route-table." + subnet.key();
    }

    @Override
    public String resourceType() {
        return "route table";
    }

    @Override
    public String resourceName(StepContext context) {
        return context.naming().routeTable(subnet);
    }

    /** The environment's route tables by name and the VPC's, two Describes shared by the steps of a plan. */
    @Override
    protected List<RouteTable> candidates(StepContext context) {
        var ec2 = context.aws().ec2();
        return Ec2Tags.union(context.reads().get("ec2.route-tables", () -> ec2.describeRouteTablesPaginator(
                        r -> r.filters(Ec2Tags.nameFilter(context.naming().base() + "-*"))).routeTables().stream().toList()),
                context.outputs().get(VpcStep.OUTPUT_ID).map(vpc -> context.reads().get("ec2.route-tables:" + vpc,
                        () -> ec2.describeRouteTablesPaginator(r -> r.filters(Ec2Tags.filter("vpc-id", vpc)))
                                .routeTables().stream().toList())).orElse(List.<RouteTable>of()),
                RouteTable::routeTableId);
    }

    @Override
    protected String nameOf(RouteTable live) {
        return Ec2Tags.name(live.tags());
    }

    @Override
    protected String idOf(RouteTable live) {
        return live.routeTableId();
    }

    @Override
    protected Map<String, String> tagsOf(RouteTable live) {
        return Ec2Tags.toMap(live.tags());
    }

    /** Desired non-local routes: destination → target id (or "known after apply"). */
    private Map<String, String> desiredRoutes(StepContext context) {
        Map<String, String> routes = new TreeMap<>();
        targetOutput.ifPresent(key -> routes.put(DEFAULT_ROUTE,
                context.outputs().getOrUnknown(key)));
        return routes;
    }

    /** Live routes other than the VPC's local route: destination → target id. */
    private static Map<String, String> liveRoutes(RouteTable live) {
        Map<String, String> routes = new TreeMap<>();
        for (Route route : live.routes()) {
            if ("local".equals(route.gatewayId()) || route.destinationCidrBlock() == null) {
                continue;
            }
            routes.put(route.destinationCidrBlock(), target(route));
        }
        return routes;
    }

    private static String target(Route route) {
        for (String id : new String[] {route.natGatewayId(), route.gatewayId(), route.transitGatewayId(),
            route.vpcPeeringConnectionId(), route.networkInterfaceId(), route.instanceId()}) {
            if (id != null) {
                return "blackhole".equals(route.stateAsString()) ? id + " (blackhole)" : id;
            }
        }
        return "(unknown target)";
    }

    @Override
    protected List<Change> diff(StepContext context, RouteTable live) {
        List<Change> changes = new ArrayList<>();
        context.outputs().get(VpcStep.OUTPUT_ID).filter(vpc -> !vpc.equals(live.vpcId()))
                .ifPresent(vpc -> changes.add(Change.replace("vpc", live.vpcId(), vpc)));
        String wantedSubnet = context.outputs().getOrUnknown(SubnetStep.outputId(subnet));
        List<String> associated = associatedSubnets(live);
        if (!associated.equals(List.of(wantedSubnet))) {
            changes.add(Change.update(ASSOCIATION, associated.isEmpty() ? null : String.join(",", associated),
                    wantedSubnet));
        }
        Map<String, String> desired = desiredRoutes(context);
        Map<String, String> observed = liveRoutes(live);
        desired.forEach((destination, target) -> {
            if (!target.equals(observed.get(destination))) {
                changes.add(Change.update(ROUTE_PREFIX + destination, observed.get(destination), target));
            }
        });
        observed.forEach((destination, target) -> {
            if (!desired.containsKey(destination)) {
                changes.add(Change.update(ROUTE_PREFIX + destination, target, null));
            }
        });
        tagChange(tags(context), tagsOf(live)).ifPresent(changes::add);
        return changes;
    }

    @Override
    protected String createSummary(StepContext context) {
        String route = switch (subnet.tier()) {
            case PUBLIC -> "default route to the internet gateway";
            case PRIVATE -> "default route to NAT gateway " + context.naming().natGateway(
                    context.spec().network().natZoneFor(subnet.zone()));
            case ISOLATED -> "no default route";
        };
        return "route table for " + context.naming().subnet(subnet) + ", " + route;
    }

    @Override
    protected RouteTable create(StepContext context) {
        Ec2Client ec2 = context.aws().ec2();
        String vpc = context.outputs().require(VpcStep.OUTPUT_ID);
        String id = EventualConsistency.retryOn(context, NetworkErrors.VPC_NOT_FOUND, () -> ec2.createRouteTable(r -> r
                .vpcId(vpc).tagSpecifications(Ec2Tags.at(ResourceType.ROUTE_TABLE, tags(context)))))
                .routeTable().routeTableId();
        RouteTable created = EventualConsistency.awaitPresent(context, "route table " + id, () -> find(context));
        reconcile(context, created);
        return EventualConsistency.awaitPresent(context, "route table " + id, () -> find(context));
    }

    @Override
    protected void update(StepContext context, RouteTable live, List<Change> changes) {
        if (touchesMoreThanTags(changes)) {
            reconcile(context, live);
        }
        if (touches(changes, TAGS)) {
            NetworkTags.apply(context.aws().ec2(), live.routeTableId(), tags(context), tagsOf(live));
        }
    }

    /** Brings association and routes to the spec; used by create (from an empty table) and update alike. */
    private void reconcile(StepContext context, RouteTable live) {
        Ec2Client ec2 = context.aws().ec2();
        String tableId = live.routeTableId();
        String subnetId = context.outputs().require(SubnetStep.outputId(subnet));
        for (RouteTableAssociation association : live.associations()) {
            if (association.subnetId() != null && !association.subnetId().equals(subnetId)) {
                ec2.disassociateRouteTable(r -> r.associationId(association.routeTableAssociationId()));
            }
        }
        if (!associatedSubnets(live).contains(subnetId)) {
            associate(context, tableId, subnetId);
        }
        Map<String, String> observed = liveRoutes(live);
        for (String destination : observed.keySet()) {
            if (targetOutput.isEmpty() || !destination.equals(DEFAULT_ROUTE)) {
                ec2.deleteRoute(r -> r.routeTableId(tableId).destinationCidrBlock(destination));
            }
        }
        if (targetOutput.isPresent()) {
            String target = context.outputs().require(targetOutput.get());
            String current = observed.get(DEFAULT_ROUTE);
            if (current == null) {
                ec2.createRoute(r -> route(r, tableId, target));
            } else if (!current.equals(target)) {
                ec2.replaceRoute(r -> replaceRoute(r, tableId, target));
            }
        }
    }

    /** Associates the table, taking the subnet over from another table if it was explicitly associated. */
    private static void associate(StepContext context, String tableId, String subnetId) {
        Ec2Client ec2 = context.aws().ec2();
        List<RouteTable> current = ec2.describeRouteTablesPaginator(r -> r.filters(
                Ec2Tags.filter("association.subnet-id", subnetId))).routeTables().stream().toList();
        Optional<String> existing = current.stream().flatMap(t -> t.associations().stream())
                .filter(a -> subnetId.equals(a.subnetId())).map(RouteTableAssociation::routeTableAssociationId)
                .findFirst();
        if (existing.isPresent()) {
            ec2.replaceRouteTableAssociation(r -> r.associationId(existing.get()).routeTableId(tableId));
        } else {
            EventualConsistency.retryOn(context, NetworkErrors.ROUTE_TABLE_NOT_FOUND,
                    () -> ec2.associateRouteTable(r -> r.routeTableId(tableId).subnetId(subnetId)));
        }
    }

    private void route(software.amazon.awssdk.services.ec2.model.CreateRouteRequest.Builder r, String table,
                       String target) {
        r.routeTableId(table).destinationCidrBlock(DEFAULT_ROUTE);
        if (subnet.tier() == SubnetTier.PRIVATE) {
            r.natGatewayId(target);
        } else {
            r.gatewayId(target);
        }
    }

    private void replaceRoute(software.amazon.awssdk.services.ec2.model.ReplaceRouteRequest.Builder r,
                              String table, String target) {
        r.routeTableId(table).destinationCidrBlock(DEFAULT_ROUTE);
        if (subnet.tier() == SubnetTier.PRIVATE) {
            r.natGatewayId(target);
        } else {
            r.gatewayId(target);
        }
    }

    private static List<String> associatedSubnets(RouteTable live) {
        return live.associations().stream().map(RouteTableAssociation::subnetId)
                .filter(java.util.Objects::nonNull).sorted().toList();
    }

    @Override
    protected void publish(StepContext context, RouteTable live) {
        context.outputs().put(id(subnet) + ".id", live.routeTableId());
    }

    @Override
    protected void delete(StepContext context, RouteTable live) {
        Ec2Client ec2 = context.aws().ec2();
        for (RouteTableAssociation association : live.associations()) {
            if (!Boolean.TRUE.equals(association.main())) {
                NetworkErrors.ignoreNotFound(() -> ec2.disassociateRouteTable(
                        r -> r.associationId(association.routeTableAssociationId())), NetworkErrors.ROUTE_TABLE_NOT_FOUND);
            }
        }
        NetworkErrors.ignoreNotFound(() -> ec2.deleteRouteTable(r -> r.routeTableId(live.routeTableId())),
                NetworkErrors.ROUTE_TABLE_NOT_FOUND);
    }

    private Map<String, String> tags(StepContext context) {
        return ResourceTags.named(context.spec().environment(), StackName.NETWORK, id().value(), resourceName(context));
    }
}
