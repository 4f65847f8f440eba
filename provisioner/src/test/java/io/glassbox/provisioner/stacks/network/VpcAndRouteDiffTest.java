package io.glassbox.provisioner.stacks.network;

import static org.assertj.core.api.Assertions.assertThat;

import io.glassbox.provisioner.engine.Change;
import io.glassbox.provisioner.engine.ChangeKind;
import io.glassbox.provisioner.engine.StepContext;
import io.glassbox.provisioner.spec.Environment;
import io.glassbox.provisioner.spec.EnvironmentSpecs;
import io.glassbox.provisioner.spec.NetworkSpec;
import io.glassbox.provisioner.spec.SubnetSpec;
import io.glassbox.provisioner.spec.SubnetTier;
import io.glassbox.provisioner.stacks.TestContexts;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.Route;
import software.amazon.awssdk.services.ec2.model.RouteTable;
import software.amazon.awssdk.services.ec2.model.RouteTableAssociation;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.Vpc;

class VpcAndRouteDiffTest {

    private final NetworkSpec network = EnvironmentSpecs.forEnvironment(Environment.STAGING).network();

    private static List<Tag> tags(String name) {
        String step = name.equals("glassbox-staging") ? "network.vpc"
                : "network.route-table." + name.substring("glassbox-staging-".length());
        return List.of(Tag.builder().key("Project").value("glassbox").build(),
                Tag.builder().key("Environment").value("staging").build(),
                Tag.builder().key("ManagedBy").value("glassbox-provisioner").build(),
                Tag.builder().key("Stack").value("GlassBox-staging-Network").build(),
                Tag.builder().key("Name").value(name).build(),
                Tag.builder().key("glassbox:step").value(step).build());
    }

    @Test
    void vpcCidrIsImmutableAndDnsIsUpdatedInPlace() {
        StepContext context = TestContexts.context(Environment.STAGING, Map.of());
        Vpc vpc = Vpc.builder().vpcId("vpc-1").cidrBlock("10.1.0.0/16").tags(tags("glassbox-staging")).build();
        List<Change> changes = new VpcStep().diff(context, new VpcStep.LiveVpc(vpc, true, false));
        assertThat(changes).extracting(Change::kind, Change::path).containsExactly(
                org.assertj.core.groups.Tuple.tuple(ChangeKind.REPLACE, "cidr"),
                org.assertj.core.groups.Tuple.tuple(ChangeKind.UPDATE, "enableDnsHostnames"));
    }

    @Test
    void missingTagIsAnUpdate() {
        StepContext context = TestContexts.context(Environment.STAGING, Map.of());
        Vpc vpc = Vpc.builder().vpcId("vpc-1").cidrBlock("10.0.0.0/16")
                .tags(tags("glassbox-staging").subList(2, 5)).build();
        assertThat(new VpcStep().diff(context, new VpcStep.LiveVpc(vpc, true, true)))
                .extracting(Change::describe)
                .containsExactly("tags: Environment=(none), Project=(none), glassbox:step=(none) → Environment=staging,"
                        + " Project=glassbox, glassbox:step=network.vpc");
    }

    @Test
    void privateRouteTablePointsAtItsNatAndIsolatedHasNoDefaultRoute() {
        SubnetSpec privateA = network.subnets(SubnetTier.PRIVATE).get(0);
        SubnetSpec isolatedA = network.subnets(SubnetTier.ISOLATED).get(0);
        StepContext context = TestContexts.context(Environment.STAGING, Map.of(
                VpcStep.OUTPUT_ID, "vpc-1",
                SubnetStep.outputId(privateA), "subnet-p",
                SubnetStep.outputId(isolatedA), "subnet-i",
                NatGatewayStep.outputId(privateA.zone()), "nat-1"));
        Route local = Route.builder().destinationCidrBlock("10.0.0.0/16").gatewayId("local").build();
        Route toNat = Route.builder().destinationCidrBlock("0.0.0.0/0").natGatewayId("nat-1").build();
        RouteTable privateTable = RouteTable.builder().routeTableId("rtb-p").vpcId("vpc-1")
                .routes(local, toNat).associations(RouteTableAssociation.builder().subnetId("subnet-p").build())
                .tags(tags("glassbox-staging-private-a")).build();
        assertThat(new RouteTableStep(privateA, network).diff(context, privateTable)).isEmpty();

        RouteTable isolatedWithDefault = RouteTable.builder().routeTableId("rtb-i").vpcId("vpc-1")
                .routes(local, toNat).associations(RouteTableAssociation.builder().subnetId("subnet-i").build())
                .tags(tags("glassbox-staging-isolated-a")).build();
        assertThat(new RouteTableStep(isolatedA, network).diff(context, isolatedWithDefault))
                .extracting(Change::describe).containsExactly("route 0.0.0.0/0: nat-1 → (none)");
    }

    @Test
    void routeToAnotherNatIsRepointed() {
        SubnetSpec privateB = network.subnets(SubnetTier.PRIVATE).get(1);
        StepContext context = TestContexts.context(Environment.STAGING, Map.of(
                VpcStep.OUTPUT_ID, "vpc-1", SubnetStep.outputId(privateB), "subnet-b",
                NatGatewayStep.outputId(network.natZoneFor(privateB.zone())), "nat-a"));
        RouteTable table = RouteTable.builder().routeTableId("rtb").vpcId("vpc-1")
                .routes(Route.builder().destinationCidrBlock("0.0.0.0/0").natGatewayId("nat-old").build())
                .tags(tags("glassbox-staging-private-b")).build();
        assertThat(new RouteTableStep(privateB, network).diff(context, table)).extracting(Change::describe)
                .containsExactly("association: (none) → subnet-b", "route 0.0.0.0/0: nat-old → nat-a");
    }
}
