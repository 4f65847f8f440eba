package io.glassbox.verification.behaviour;

import static org.assertj.core.api.Assertions.assertThat;

import io.glassbox.verification.support.AwsProbe;
import io.glassbox.verification.support.CallRecorder;
import io.glassbox.verification.support.Cli;
import io.glassbox.verification.support.LocalEmulator;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/**
 * Off a terminal, deploy goes ahead on creates and safe updates but refuses (exit 3, listing them, changing
 * nothing) a security-broadening change or a replacement unless {@code --yes}; immutable drift is planned as
 * "requires replacement", never done silently.
 */
class ApprovalIT {

    private final AwsProbe aws = new AwsProbe();

    @BeforeEach
    void deployNetwork() {
        LocalEmulator.reset();
        Cli.Result deployed = Cli.run("deploy", "--env", "staging", "--stack", "Network");
        assertThat(deployed.exitCode()).as(deployed.toString()).isZero();
    }

    private String groupId(String name) {
        return aws.ec2.describeSecurityGroups(r -> r.filters(Filter.builder().name("group-name").values(name).build()))
                .securityGroups().get(0).groupId();
    }

    @Test
    void wideningIngressAgainNeedsYes() {
        String alb = groupId("glassbox-staging-alb");
        aws.ec2.revokeSecurityGroupIngress(r -> r.groupId(alb).ipPermissions(IpPermission.builder().ipProtocol("tcp")
                .fromPort(443).toPort(443).ipRanges(i -> i.cidrIp("0.0.0.0/0")).build()));

        CallRecorder recorder = new CallRecorder();
        Cli.Result refused = Cli.run(List.of(recorder), "deploy", "--env", "staging", "--stack", "Network");
        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(3);
        assertThat(refused.err()).contains("need approval (--yes); nothing was changed")
                .contains("security group glassbox-staging-alb: ingress: (none) → tcp 443 0.0.0.0/0");
        assertThat(recorder.mutating()).isEmpty();

        Cli.Result approved = Cli.run("deploy", "--env", "staging", "--stack", "Network", "--yes");
        assertThat(approved.exitCode()).as(approved.toString()).isZero();
        assertThat(aws.ec2.describeSecurityGroups(r -> r.groupIds(alb)).securityGroups().get(0).ipPermissions())
                .anyMatch(p -> p.fromPort() == 443);
    }

    @Test
    void immutableDriftIsAReplacementThatIsNeverDoneSilently() {
        String vpc = aws.ec2.describeVpcs(r -> r.filters(AwsProbe.tag("Environment", "staging"))).vpcs().get(0).vpcId();
        String subnet = aws.ec2.describeSubnets(r -> r.filters(AwsProbe.tag("Name", "glassbox-staging-isolated-b")))
                .subnets().get(0).subnetId();
        // The subnet is recreated by hand with the right name and tags but another CIDR, which EC2 cannot change.
        var tags = aws.ec2.describeSubnets(r -> r.subnetIds(subnet)).subnets().get(0).tags();
        aws.ec2.describeRouteTables(r -> r.filters(Filter.builder().name("association.subnet-id").values(subnet).build()))
                .routeTables().forEach(t -> t.associations().stream().filter(a -> subnet.equals(a.subnetId()))
                        .forEach(a -> aws.ec2.disassociateRouteTable(r -> r.associationId(a.routeTableAssociationId()))));
        aws.ec2.deleteSubnet(r -> r.subnetId(subnet));
        aws.ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock("10.0.99.0/24").availabilityZone("us-east-1b")
                .tagSpecifications(TagSpecification.builder().resourceType(ResourceType.SUBNET)
                        .tags(tags.toArray(Tag[]::new)).build()));

        Cli.Result plan = Cli.run("plan", "--env", "staging", "--stack", "Network", "--detailed-exitcode");
        assertThat(plan.exitCode()).as(plan.toString()).isEqualTo(2);
        assertThat(plan.out()).contains("-/+ subnet glassbox-staging-isolated-b")
                .contains("10.0.99.0/24 → 10.0.21.0/24  (requires replacement)");

        CallRecorder recorder = new CallRecorder();
        Cli.Result refused = Cli.run(List.of(recorder), "deploy", "--env", "staging", "--stack", "Network");
        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(3);
        assertThat(refused.err()).contains("subnet glassbox-staging-isolated-b").contains("requires replacement");
        assertThat(recorder.mutating()).as("nothing was changed").isEmpty();
        assertThat(aws.ec2.describeSubnets(r -> r.filters(AwsProbe.tag("Name", "glassbox-staging-isolated-b")))
                .subnets()).extracting(s -> s.cidrBlock()).containsExactly("10.0.99.0/24");
    }
}
