package io.glassbox.provisioner.stacks.network;

import static org.assertj.core.api.Assertions.assertThat;

import io.glassbox.provisioner.engine.Change;
import io.glassbox.provisioner.engine.StepContext;
import io.glassbox.provisioner.spec.Environment;
import io.glassbox.provisioner.spec.EnvironmentSpecs;
import io.glassbox.provisioner.spec.SecurityGroupRole;
import io.glassbox.provisioner.stacks.TestContexts;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.UserIdGroupPair;

class SecurityGroupDiffTest {

    private final StepContext context = TestContexts.context(Environment.STAGING, Map.of(
            VpcStep.OUTPUT_ID, "vpc-1", SecurityGroupStep.outputId(SecurityGroupRole.ECS), "sg-ecs"));
    private final SecurityGroupStep rds = new SecurityGroupStep(
            EnvironmentSpecs.forEnvironment(Environment.STAGING).network().securityGroup(SecurityGroupRole.RDS));
    private final SecurityGroupReferencesStep rdsReferences = new SecurityGroupReferencesStep(
            EnvironmentSpecs.forEnvironment(Environment.STAGING).network().securityGroup(SecurityGroupRole.RDS));

    private static final List<Tag> TAGS = List.of(
            Tag.builder().key("Project").value("glassbox").build(),
            Tag.builder().key("Environment").value("staging").build(),
            Tag.builder().key("ManagedBy").value("glassbox-provisioner").build(),
            Tag.builder().key("Stack").value("GlassBox-staging-Network").build(),
            Tag.builder().key("Name").value("glassbox-staging-rds").build(),
            Tag.builder().key("glassbox:step").value("network.security-group.rds").build());

    private static IpPermission fromGroup(int port, String group) {
        return IpPermission.builder().ipProtocol("tcp").fromPort(port).toPort(port)
                .userIdGroupPairs(UserIdGroupPair.builder().groupId(group).build()).build();
    }

    private static SecurityGroup group(List<IpPermission> ingress, List<IpPermission> egress) {
        return SecurityGroup.builder().groupId("sg-rds").groupName("glassbox-staging-rds").vpcId("vpc-1")
                .ipPermissions(ingress).ipPermissionsEgress(egress).tags(TAGS).build();
    }

    @Test
    void matchingGroupHasNoChanges() {
        assertThat(rds.diff(context, group(List.of(fromGroup(5432, "sg-ecs")), List.of()))).isEmpty();
        assertThat(rdsReferences.diff(context, group(List.of(fromGroup(5432, "sg-ecs")), List.of()))).isEmpty();
    }

    @Test
    void eachStepKeepsItsOwnShareOfTheRulesAndLeavesTheOthersAlone() {
        IpPermission ssh = IpPermission.builder().ipProtocol("tcp").fromPort(22).toPort(22)
                .ipRanges(IpRange.builder().cidrIp("10.9.0.0/16").build()).build();
        SecurityGroup live = group(List.of(fromGroup(5432, "sg-other"), ssh), List.of());

        assertThat(rds.diff(context, live)).extracting(Change::describe)
                .containsExactly("ingress: tcp 22 10.9.0.0/16 → (none)");
        assertThat(rdsReferences.diff(context, live)).extracting(Change::describe).containsExactlyInAnyOrder(
                "ingress: (none) → tcp 5432 sg-ecs", "ingress: tcp 5432 sg-other → (none)");
    }

    @Test
    void groupsWaitOnlyForTheVpcAndTheirReferencesForBothGroups() {
        assertThat(rds.dependencies()).extracting(io.glassbox.provisioner.engine.StepId::value)
                .containsExactly(VpcStep.ID);
        assertThat(rdsReferences.dependencies()).extracting(io.glassbox.provisioner.engine.StepId::value)
                .containsExactlyInAnyOrder("network.security-group.rds", "network.security-group.ecs");
    }

    @Test
    void extraIngressAndDefaultEgressAreRevokedAsNarrowingUpdates() {
        IpPermission ssh = IpPermission.builder().ipProtocol("tcp").fromPort(22).toPort(22)
                .ipRanges(IpRange.builder().cidrIp("0.0.0.0/0").build()).build();
        IpPermission allOut = IpPermission.builder().ipProtocol("-1")
                .ipRanges(IpRange.builder().cidrIp("0.0.0.0/0").build()).build();
        List<Change> changes = rds.diff(context, group(List.of(fromGroup(5432, "sg-ecs"), ssh), List.of(allOut)));
        assertThat(rdsReferences.diff(context, group(List.of(fromGroup(5432, "sg-ecs"), ssh), List.of(allOut)))).isEmpty();
        assertThat(changes).extracting(Change::describe).containsExactlyInAnyOrder(
                "ingress: tcp 22 0.0.0.0/0 → (none)",
                "egress: all traffic 0.0.0.0/0 → (none)");
        assertThat(changes).noneMatch(Change::needsApproval);
    }

    @Test
    void missingRuleIsAddedAndInternetIngressIsBroadening() {
        List<Change> changes = rdsReferences.diff(context, group(List.of(), List.of()));
        assertThat(changes).extracting(Change::describe).containsExactly("ingress: (none) → tcp 5432 sg-ecs");
        assertThat(changes.get(0).needsApproval()).isFalse();

        SecurityGroupStep alb = new SecurityGroupStep(
                EnvironmentSpecs.forEnvironment(Environment.STAGING).network().securityGroup(SecurityGroupRole.ALB));
        SecurityGroup httpOnly = SecurityGroup.builder().groupId("sg-alb").groupName("glassbox-staging-alb")
                .vpcId("vpc-1").tags(TAGS).ipPermissions(IpPermission.builder().ipProtocol("tcp").fromPort(80)
                        .toPort(80).ipRanges(r -> r.cidrIp("0.0.0.0/0")).build()).build();
        assertThat(alb.diff(context, httpOnly)).filteredOn(Change::broadening).extracting(Change::desired)
                .containsExactly("tcp 443 0.0.0.0/0");
    }

    @Test
    void rulesOfAGroupLeftWithoutIngressByACrashCompleteItsCreate() {
        SecurityGroupStep alb = new SecurityGroupStep(
                EnvironmentSpecs.forEnvironment(Environment.STAGING).network().securityGroup(SecurityGroupRole.ALB));
        SecurityGroup bare = SecurityGroup.builder().groupId("sg-alb").groupName("glassbox-staging-alb")
                .vpcId("vpc-1").tags(TAGS).build();
        assertThat(alb.diff(context, bare)).extracting(Change::describe)
                .contains("ingress: (none) → tcp 80 0.0.0.0/0", "ingress: (none) → tcp 443 0.0.0.0/0");
        assertThat(alb.diff(context, bare)).noneMatch(Change::needsApproval);
    }

    @Test
    void unknownPeerGroupIsKnownAfterApply() {
        StepContext noEcs = TestContexts.context(Environment.STAGING, Map.of(VpcStep.OUTPUT_ID, "vpc-1"));
        assertThat(rdsReferences.diff(noEcs, group(List.of(fromGroup(5432, "sg-old")), List.of())))
                .extracting(Change::describe).containsExactlyInAnyOrder(
                        "ingress: (none) → tcp 5432 " + Change.KNOWN_AFTER_APPLY,
                        "ingress: tcp 5432 sg-old → (none)");
    }

    @Test
    void rulesRoundTripThroughPermissions() {
        var rules = SecurityGroupRules.of(List.of(fromGroup(8080, "sg-a"), IpPermission.builder().ipProtocol("6")
                .fromPort(80).toPort(80).ipRanges(IpRange.builder().cidrIp("0.0.0.0/0").build()).build()));
        assertThat(SecurityGroupRules.of(SecurityGroupRules.toPermissions(rules))).isEqualTo(rules);
    }
}
