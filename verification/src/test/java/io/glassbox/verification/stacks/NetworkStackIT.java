package io.glassbox.verification.stacks;

import static io.glassbox.verification.support.AwsProbe.expectedTags;
import static io.glassbox.verification.support.AwsProbe.tag;
import static io.glassbox.verification.support.AwsProbe.tags;
import static org.assertj.core.api.Assertions.assertThat;

import io.glassbox.verification.support.AwsProbe;
import io.glassbox.verification.support.Cli;
import io.glassbox.verification.support.LocalEmulator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.NatGateway;
import software.amazon.awssdk.services.ec2.model.Route;
import software.amazon.awssdk.services.ec2.model.RouteTable;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.ec2.model.Vpc;
import software.amazon.awssdk.services.ec2.model.VpcAttributeName;

/** Every row of the spec's Network stack, for both environments, read back with plain EC2 calls. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NetworkStackIT {

    private final AwsProbe aws = new AwsProbe();

    @BeforeAll
    void deployBothEnvironments() {
        LocalEmulator.reset();
        for (String env : List.of("staging", "production")) {
            Cli.Result result = Cli.run("deploy", "--env", env, "--stack", "Network");
            assertThat(result.exitCode()).as(result.toString()).isZero();
        }
    }

    @AfterAll
    void close() {
        aws.close();
    }

    private Vpc vpc(String env) {
        List<Vpc> vpcs = aws.ec2.describeVpcs(r -> r.filters(tag("Name", "glassbox-" + env))).vpcs();
        assertThat(vpcs).hasSize(1);
        return vpcs.get(0);
    }

    private static int zones(String env) {
        return env.equals("production") ? 3 : 2;
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void vpcHasTheSpecsCidrDnsAndTags(String env) {
        Vpc vpc = vpc(env);
        assertThat(vpc.cidrBlock()).isEqualTo("10.0.0.0/16");
        assertThat(tags(vpc.tags())).containsAllEntriesOf(expectedTags(env, "Network", "glassbox-" + env));
        assertThat(aws.ec2.describeVpcAttribute(r -> r.vpcId(vpc.vpcId())
                .attribute(VpcAttributeName.ENABLE_DNS_HOSTNAMES)).enableDnsHostnames().value()).isTrue();
        assertThat(aws.ec2.describeVpcAttribute(r -> r.vpcId(vpc.vpcId())
                .attribute(VpcAttributeName.ENABLE_DNS_SUPPORT)).enableDnsSupport().value()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void subnetsPerTierAndZoneWithTheSpecsCidrs(String env) {
        List<Subnet> subnets = aws.ec2.describeSubnets(r -> r.filters(
                software.amazon.awssdk.services.ec2.model.Filter.builder().name("vpc-id").values(vpc(env).vpcId()).build()))
                .subnets();
        Map<String, Subnet> byName = subnets.stream().collect(Collectors.toMap(s -> tags(s.tags()).get("Name"), s -> s));
        assertThat(byName).hasSize(3 * zones(env));
        String[] letters = {"a", "b", "c"};
        for (int zone = 0; zone < zones(env); zone++) {
            String letter = letters[zone];
            assertSubnet(byName.get("glassbox-" + env + "-public-" + letter), "10.0." + zone + ".0/24", letter, true, env);
            assertSubnet(byName.get("glassbox-" + env + "-private-" + letter), "10.0." + (10 + zone) + ".0/24", letter, false, env);
            assertSubnet(byName.get("glassbox-" + env + "-isolated-" + letter), "10.0." + (20 + zone) + ".0/24", letter, false, env);
        }
    }

    private static void assertSubnet(Subnet subnet, String cidr, String zone, boolean publicIp, String env) {
        assertThat(subnet).isNotNull();
        assertThat(subnet.cidrBlock()).isEqualTo(cidr);
        assertThat(subnet.availabilityZone()).isEqualTo("us-east-1" + zone);
        assertThat(subnet.mapPublicIpOnLaunch()).isEqualTo(publicIp);
        assertThat(tags(subnet.tags())).containsAllEntriesOf(expectedTags(env, "Network", tags(subnet.tags()).get("Name")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void internetGatewayIsAttached(String env) {
        var gateways = aws.ec2.describeInternetGateways(r -> r.filters(tag("Name", "glassbox-" + env))).internetGateways();
        assertThat(gateways).hasSize(1);
        assertThat(gateways.get(0).attachments()).extracting(a -> a.vpcId()).containsExactly(vpc(env).vpcId());
        assertThat(tags(gateways.get(0).tags())).containsAllEntriesOf(expectedTags(env, "Network", "glassbox-" + env));
    }

    private List<NatGateway> natGateways(String env) {
        String vpcId = vpc(env).vpcId();
        // Filtered by VPC on the server and by tag here: moto ignores tag filters on DescribeNatGateways.
        return aws.ec2.describeNatGateways(r -> r.filter(software.amazon.awssdk.services.ec2.model.Filter.builder()
                .name("vpc-id").values(vpcId).build())).natGateways().stream()
                .filter(n -> n.stateAsString().equals("available")).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void natGatewaysOnePerZoneOrOneWithTheirElasticIps(String env) {
        int expected = env.equals("production") ? 3 : 1;
        List<NatGateway> nats = natGateways(env);
        assertThat(nats).hasSize(expected);
        Map<String, String> subnetNames = aws.ec2.describeSubnets(r -> r.filters(software.amazon.awssdk.services.ec2
                .model.Filter.builder().name("vpc-id").values(vpc(env).vpcId()).build())).subnets().stream()
                .collect(Collectors.toMap(Subnet::subnetId, s -> tags(s.tags()).get("Name")));
        Set<String> allocations = aws.ec2.describeAddresses(r -> r.filters(tag("Environment", env))).addresses()
                .stream().map(a -> a.allocationId()).collect(Collectors.toSet());
        assertThat(allocations).hasSize(expected);
        for (NatGateway nat : nats) {
            String name = tags(nat.tags()).get("Name");
            String letter = name.substring(name.length() - 1);
            assertThat(name).isEqualTo("glassbox-" + env + "-nat-" + letter);
            assertThat(subnetNames.get(nat.subnetId())).isEqualTo("glassbox-" + env + "-public-" + letter);
            assertThat(nat.natGatewayAddresses()).extracting(a -> a.allocationId()).allMatch(allocations::contains);
            assertThat(tags(nat.tags())).containsAllEntriesOf(expectedTags(env, "Network", name));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void routeTablesSendEachTierWhereTheSpecSays(String env) {
        String vpcId = vpc(env).vpcId();
        String igw = aws.ec2.describeInternetGateways(r -> r.filters(tag("Name", "glassbox-" + env)))
                .internetGateways().get(0).internetGatewayId();
        Map<String, String> natByLetter = natGateways(env).stream().collect(Collectors.toMap(
                n -> tags(n.tags()).get("Name").substring(("glassbox-" + env + "-nat-").length()), NatGateway::natGatewayId));
        Map<String, String> subnetIds = aws.ec2.describeSubnets(r -> r.filters(software.amazon.awssdk.services.ec2
                .model.Filter.builder().name("vpc-id").values(vpcId).build())).subnets().stream()
                .collect(Collectors.toMap(s -> tags(s.tags()).get("Name"), Subnet::subnetId));
        String[] letters = {"a", "b", "c"};
        for (int zone = 0; zone < zones(env); zone++) {
            String letter = letters[zone];
            for (String tier : List.of("public", "private", "isolated")) {
                String subnetName = "glassbox-" + env + "-" + tier + "-" + letter;
                List<RouteTable> tables = aws.ec2.describeRouteTables(r -> r.filters(
                        software.amazon.awssdk.services.ec2.model.Filter.builder().name("association.subnet-id")
                                .values(subnetIds.get(subnetName)).build())).routeTables();
                assertThat(tables).as(subnetName).hasSize(1);
                RouteTable table = tables.get(0);
                assertThat(tags(table.tags())).containsAllEntriesOf(expectedTags(env, "Network", subnetName));
                Map<String, Route> routes = table.routes().stream().filter(rt -> !"local".equals(rt.gatewayId()))
                        .collect(Collectors.toMap(Route::destinationCidrBlock, rt -> rt));
                switch (tier) {
                    case "public" -> assertThat(routes.get("0.0.0.0/0").gatewayId()).isEqualTo(igw);
                    case "private" -> assertThat(routes.get("0.0.0.0/0").natGatewayId())
                            .isEqualTo(natByLetter.get(env.equals("production") ? letter : "a"));
                    default -> assertThat(routes).as("isolated subnets have no default route").isEmpty();
                }
            }
        }
    }

    private SecurityGroup group(String env, String role) {
        List<SecurityGroup> groups = aws.ec2.describeSecurityGroups(r -> r.filters(
                tag("Name", "glassbox-" + env + "-" + role), // a group taken over keeps CDK's group name
                software.amazon.awssdk.services.ec2.model.Filter.builder().name("vpc-id").values(vpc(env).vpcId()).build()))
                .securityGroups();
        assertThat(groups).hasSize(1);
        assertThat(tags(groups.get(0).tags())).containsAllEntriesOf(
                expectedTags(env, "Network", "glassbox-" + env + "-" + role));
        return groups.get(0);
    }

    /** One "protocol from-to peer" line per rule, peers as CIDR or group id. */
    private static Set<String> rules(List<IpPermission> permissions) {
        return permissions.stream().flatMap(p -> {
            String ports = p.ipProtocol().equals("-1") ? "all" : p.ipProtocol() + " " + p.fromPort() + "-" + p.toPort();
            return java.util.stream.Stream.concat(
                    p.ipRanges().stream().map(r -> ports + " " + r.cidrIp()),
                    p.userIdGroupPairs().stream().map(g -> ports + " " + g.groupId()));
        }).collect(Collectors.toSet());
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void securityGroupsHaveExactlyTheSpecsRules(String env) {
        SecurityGroup alb = group(env, "alb");
        SecurityGroup ecs = group(env, "ecs");
        SecurityGroup rds = group(env, "rds");
        SecurityGroup redis = group(env, "redis");
        assertThat(rules(alb.ipPermissions())).containsExactlyInAnyOrder("tcp 80-80 0.0.0.0/0", "tcp 443-443 0.0.0.0/0");
        assertThat(rules(alb.ipPermissionsEgress())).containsExactly("all 10.0.0.0/16");
        assertThat(rules(ecs.ipPermissions())).containsExactly("tcp 8080-8080 " + alb.groupId());
        assertThat(rules(ecs.ipPermissionsEgress())).containsExactly("all 0.0.0.0/0");
        assertThat(rules(rds.ipPermissions())).containsExactly("tcp 5432-5432 " + ecs.groupId());
        assertThat(rds.ipPermissionsEgress()).as("RDS SG has no egress rule at all").isEmpty();
        assertThat(rules(redis.ipPermissions())).containsExactly("tcp 6379-6379 " + ecs.groupId());
        assertThat(redis.ipPermissionsEgress()).as("Redis SG has no egress rule at all").isEmpty();
    }
}
