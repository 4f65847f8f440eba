package io.glassbox.verification.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.glassbox.verification.support.AwsProbe;
import io.glassbox.verification.support.CallRecorder;
import io.glassbox.verification.support.Cli;
import io.glassbox.verification.support.LocalEmulator;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.rds.model.DBInstance;

/**
 * Identity that survives generated names: every resource carries the step that owns it ({@code glassbox:step}),
 * and finders look for that tag before the deterministic name, so a resource under a CDK-generated name is found,
 * kept (same id) and never duplicated.
 */
class IdentityIT {

    private final AwsProbe aws = new AwsProbe();

    @BeforeEach
    void deploy() {
        LocalEmulator.reset();
        Cli.Result deployed = Cli.run("deploy", "--env", "staging", "--stack", "Network", "--stack", "Database",
                "--skip-data-plane");
        assertThat(deployed.exitCode()).as(deployed.toString()).isZero();
    }

    @AfterEach
    void close() {
        aws.close();
    }

    @Test
    void everyResourceCarriesItsStep() {
        String vpc = aws.ec2.describeVpcs(r -> r.filters(AwsProbe.tag("Name", "glassbox-staging"))).vpcs().get(0).vpcId();
        assertThat(AwsProbe.tags(aws.ec2.describeVpcs(r -> r.vpcIds(vpc)).vpcs().get(0).tags()))
                .containsEntry("glassbox:step", "network.vpc");
        DBInstance db = aws.rds.describeDBInstances(r -> r.dbInstanceIdentifier("glassbox-staging")).dbInstances().get(0);
        assertThat(db.tagList()).anyMatch(t -> t.key().equals("glassbox:step") && t.value().equals("database.instance"));
    }

    @Test
    void aVpcAndSubnetUnderCdkNamesAreFoundByTheirStepTag() {
        String vpc = aws.ec2.describeVpcs(r -> r.filters(AwsProbe.tag("Name", "glassbox-staging"))).vpcs().get(0).vpcId();
        String subnet = aws.ec2.describeSubnets(r -> r.filters(AwsProbe.tag("Name", "glassbox-staging-private-b")))
                .subnets().get(0).subnetId();
        String routeTable = aws.ec2.describeRouteTables(r -> r.filters(AwsProbe.tag("Name", "glassbox-staging-private-b")))
                .routeTables().get(0).routeTableId();
        String gateway = aws.ec2.describeInternetGateways(r -> r.filters(AwsProbe.tag("Name", "glassbox-staging")))
                .internetGateways().get(0).internetGatewayId();
        String nat = aws.ec2.describeNatGateways(r -> r.filter(AwsProbe.tag("Name", "glassbox-staging-nat-a")))
                .natGateways().get(0).natGatewayId();
        String eip = aws.ec2.describeAddresses(r -> r.filters(AwsProbe.tag("Name", "glassbox-staging-nat-a")))
                .addresses().get(0).allocationId();
        // The names CDK gives them; the step tags stay.
        Map<String, String> cdkNames = Map.of(vpc, "GlassBox-staging-Network/Vpc",
                subnet, "GlassBox-staging-Network/Vpc/privateSubnet2",
                routeTable, "GlassBox-staging-Network/Vpc/privateSubnet2", gateway, "GlassBox-staging-Network/Vpc",
                nat, "GlassBox-staging-Network/Vpc/publicSubnet1", eip, "GlassBox-staging-Network/Vpc/publicSubnet1");
        cdkNames.forEach((id, name) -> aws.ec2.createTags(r -> r.resources(id)
                .tags(Tag.builder().key("Name").value(name).build())));

        Cli.Result plan = Cli.run("plan", "--env", "staging", "--stack", "Network", "--detailed-exitcode");
        assertThat(plan.exitCode()).as(plan.toString()).isEqualTo(2);
        assertThat(plan.out()).contains("~   VPC glassbox-staging (" + vpc + ")")
                .contains("~   subnet glassbox-staging-private-b (" + subnet + ")")
                .contains("~   route table glassbox-staging-private-b (" + routeTable + ")")
                .contains("~   internet gateway glassbox-staging (" + gateway + ")")
                .contains("~   NAT gateway glassbox-staging-nat-a (" + nat + ")")
                .contains("~   Elastic IP glassbox-staging-nat-a (" + eip + ")")
                .contains("Name=GlassBox-staging-Network/Vpc → Name=glassbox-staging")
                .contains("Plan: 0 to create, 6 to update");

        Cli.Result deployed = Cli.run("deploy", "--env", "staging", "--stack", "Network");
        assertThat(deployed.exitCode()).as(deployed.toString()).isZero();
        assertThat(aws.ec2.describeVpcs(r -> r.filters(Filter.builder().name("cidr").values("10.0.0.0/16").build()))
                .vpcs()).as("no second VPC").extracting(v -> v.vpcId()).containsExactly(vpc);
    }

    @Test
    void aSecurityGroupUnderACdkNameIsFoundByItsStepTag() {
        String vpc = aws.ec2.describeVpcs(r -> r.filters(AwsProbe.tag("Name", "glassbox-staging"))).vpcs().get(0).vpcId();
        var ours = aws.ec2.describeSecurityGroups(r -> r.filters(Filter.builder().name("group-name")
                .values("glassbox-staging-redis").build())).securityGroups().get(0);
        aws.ec2.revokeSecurityGroupIngress(r -> r.groupId(ours.groupId()).ipPermissions(ours.ipPermissions()));
        aws.ec2.deleteSecurityGroup(r -> r.groupId(ours.groupId()));
        // As CloudFormation names a group the template does not name, tagged as a takeover leaves it.
        String cdk = aws.ec2.createSecurityGroup(r -> r.vpcId(vpc).description("GlassBox Redis")
                .groupName("GlassBox-staging-Network-RedisSecurityGroupB05951F6-1X2Y3Z")
                .tagSpecifications(t -> t.resourceType("security-group").tags(ours.tags()))).groupId();
        aws.ec2.describeSecurityGroups(r -> r.groupIds(cdk)).securityGroups().get(0).ipPermissionsEgress()
                .forEach(egress -> aws.ec2.revokeSecurityGroupEgress(r -> r.groupId(cdk).ipPermissions(egress)));

        Cli.Result plan = Cli.run("plan", "--env", "staging", "--stack", "Network");
        assertThat(plan.out()).doesNotContain("+   security group glassbox-staging-redis")
                .contains("security group rules glassbox-staging-redis (" + cdk + ")");
        Cli.Result deployed = Cli.run("deploy", "--env", "staging", "--stack", "Network");
        assertThat(deployed.exitCode()).as(deployed.toString()).isZero();
        var groups = aws.ec2.describeSecurityGroups(r -> r.filters(Filter.builder().name("vpc-id").values(vpc).build()))
                .securityGroups();
        assertThat(groups).filteredOn(g -> g.description().equals("GlassBox Redis") || g.groupName().contains("redis"))
                .extracting(g -> g.groupId()).containsExactly(cdk);
        assertThat(groups).filteredOn(g -> g.groupId().equals(cdk)).singleElement()
                .satisfies(g -> assertThat(g.ipPermissions()).anyMatch(p -> p.fromPort() == 6379));
    }

    @Test
    void aDatabaseUnderAGeneratedIdentifierIsFoundKeptAndNeverDuplicated() {
        DBInstance ours = aws.rds.describeDBInstances(r -> r.dbInstanceIdentifier("glassbox-staging")).dbInstances().get(0);
        // The same instance as CloudFormation would have named it: renamed out of band, tags and all kept.
        String generated = "glassbox-staging-database-instancec1063a87-4b5rv0j8t5zk";
        aws.rds.modifyDBInstance(r -> r.dbInstanceIdentifier("glassbox-staging").newDBInstanceIdentifier(generated)
                .applyImmediately(true));

        CallRecorder recorder = new CallRecorder();
        Cli.Result plan = Cli.run(List.of(recorder), "plan", "--env", "staging", "--stack", "Database",
                "--detailed-exitcode", "--skip-data-plane");
        assertThat(plan.out()).doesNotContain("+   RDS instance");
        Cli.Result deployed = Cli.run("deploy", "--env", "staging", "--stack", "Database", "--skip-data-plane", "--yes");
        assertThat(deployed.exitCode()).as(deployed.toString()).isZero();
        List<DBInstance> all = aws.rds.describeDBInstances().dbInstances();
        assertThat(all).as("no second database, the identifier kept").extracting(DBInstance::dbInstanceIdentifier)
                .containsExactly(generated);
        assertThat(all.get(0).instanceCreateTime()).isEqualTo(ours.instanceCreateTime());
        assertThat(aws.secretDocument("glassbox/staging/database").get("host"))
                .as("the secret follows the instance's endpoint").isEqualTo(all.get(0).endpoint().address());
    }

    @Test
    void aCacheUnderCloudFormationIdsIsFoundAndNeverDuplicated() {
        List<String> isolated = aws.ec2.describeSubnets(r -> r.filters(AwsProbe.tag("Name", "glassbox-staging-isolated-*")))
                .subnets().stream().map(s -> s.subnetId()).toList();
        String redisGroup = aws.ec2.describeSecurityGroups(r -> r.filters(Filter.builder().name("group-name")
                .values("glassbox-staging-redis").build())).securityGroups().get(0).groupId();
        List<software.amazon.awssdk.services.elasticache.model.Tag> tags = List.of(
                cacheTag("Project", "glassbox"), cacheTag("Environment", "staging"),
                cacheTag("ManagedBy", "glassbox-provisioner"), cacheTag("Stack", "GlassBox-staging-Cache"));
        String subnetGroup = "glassbox-staging-cache-subnetgroup-q875q3g6bgwx";
        String groupId = "glassbox-staging-cache-redi-yjiwvh2m01ca";
        aws.elastiCache.createCacheSubnetGroup(r -> r.cacheSubnetGroupName(subnetGroup).cacheSubnetGroupDescription("x")
                .subnetIds(isolated).tags(with(tags, "cache.subnet-group")));
        aws.elastiCache.createReplicationGroup(r -> r.replicationGroupId(groupId).replicationGroupDescription("x")
                .engine("redis").engineVersion("7.1").cacheNodeType("cache.t3.micro").numNodeGroups(1)
                .replicasPerNodeGroup(0).transitEncryptionEnabled(true).atRestEncryptionEnabled(false)
                .multiAZEnabled(false).automaticFailoverEnabled(false).cacheSubnetGroupName(subnetGroup)
                .securityGroupIds(redisGroup).port(6379).tags(with(tags, "cache.replication-group")));
        // As in an account where it has been running: available, not "creating" (ELASTICACHE_BUSY_STATES).
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).until(() -> "available".equals(
                aws.elastiCache.describeReplicationGroups(r -> r.replicationGroupId(groupId)).replicationGroups().get(0)
                        .status()));

        Cli.Result deployed = Cli.run("deploy", "--env", "staging", "--stack", "Cache", "--skip-data-plane");
        assertThat(deployed.exitCode()).as(deployed.toString()).isZero();
        assertThat(aws.elastiCache.describeReplicationGroups().replicationGroups())
                .as("no second cache").extracting(g -> g.replicationGroupId()).containsExactly(groupId);
        assertThat(aws.elastiCache.describeCacheSubnetGroups().cacheSubnetGroups())
                .extracting(g -> g.cacheSubnetGroupName()).containsExactly(subnetGroup);
    }

    private static software.amazon.awssdk.services.elasticache.model.Tag cacheTag(String key, String value) {
        return software.amazon.awssdk.services.elasticache.model.Tag.builder().key(key).value(value).build();
    }

    private static List<software.amazon.awssdk.services.elasticache.model.Tag> with(
            List<software.amazon.awssdk.services.elasticache.model.Tag> tags, String step) {
        List<software.amazon.awssdk.services.elasticache.model.Tag> all = new java.util.ArrayList<>(tags);
        all.add(cacheTag("glassbox:step", step));
        return all;
    }
}
