package io.glassbox.provisioner.quotas;

import static org.assertj.core.api.Assertions.assertThat;

import io.glassbox.provisioner.engine.Change;
import io.glassbox.provisioner.engine.Plan;
import io.glassbox.provisioner.engine.StepId;
import io.glassbox.provisioner.engine.StepPlan;
import io.glassbox.provisioner.spec.Environment;
import io.glassbox.provisioner.spec.EnvironmentSpecs;
import io.glassbox.provisioner.spec.NetworkSpec;
import io.glassbox.provisioner.spec.StackName;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class QuotaNeedsTest {

    private final NetworkSpec production = EnvironmentSpecs.forEnvironment(Environment.PRODUCTION).network();

    @Test
    void anEmptyAccountNeedsAVpcAGatewayThreeAddressesANatGatewayPerZoneTheGroupsAndALoadBalancer() {
        Plan plan = plan(List.of(create("network.vpc"), create("network.internet-gateway"),
                create("network.eip.nat-a"), create("network.eip.nat-b"), create("network.eip.nat-c"),
                create("network.nat-gateway.a"), create("network.nat-gateway.b"), create("network.nat-gateway.c"),
                create("network.security-group.alb"), create("network.security-group.ecs"),
                create("network.security-group.rds"), create("network.security-group.redis"),
                create("compute.load-balancer"), create("storage.bucket")));

        assertThat(QuotaNeeds.of(plan, production, "us-east-1")).containsExactly(
                new QuotaNeed(Quota.VPCS, "us-east-1", 1),
                new QuotaNeed(Quota.INTERNET_GATEWAYS, "us-east-1", 1),
                new QuotaNeed(Quota.ELASTIC_IPS, "us-east-1", 3),
                new QuotaNeed(Quota.NAT_GATEWAYS_PER_ZONE, "us-east-1a", 1),
                new QuotaNeed(Quota.NAT_GATEWAYS_PER_ZONE, "us-east-1b", 1),
                new QuotaNeed(Quota.NAT_GATEWAYS_PER_ZONE, "us-east-1c", 1),
                new QuotaNeed(Quota.SECURITY_GROUPS, "us-east-1", 4),
                new QuotaNeed(Quota.APPLICATION_LOAD_BALANCERS, "us-east-1", 1));
    }

    @Test
    void whatExistsOrIsOnlyUpdatedNeedsNothing() {
        StepPlan existingAddress = new StepPlan(StepId.of("network.eip.nat-a"), StackName.NETWORK, "Elastic IP",
                "glassbox-production-nat-a", Optional.of("eipalloc-1"), List.of(Change.update("tags", "a", "b")));
        StepPlan unchangedVpc = new StepPlan(StepId.of("network.vpc"), StackName.NETWORK, "VPC", "glassbox-production",
                Optional.of("vpc-1"), List.of());
        Plan plan = plan(List.of(existingAddress, unchangedVpc, create("network.eip.nat-b")));

        assertThat(QuotaNeeds.of(plan, production, "eu-west-1"))
                .containsExactly(new QuotaNeed(Quota.ELASTIC_IPS, "eu-west-1", 1));
        assertThat(QuotaNeeds.of(plan(List.of(unchangedVpc)), production, "eu-west-1")).isEmpty();
    }

    @Test
    void aShortfallNamesTheQuotaItsValueWhatIsUsedAndNeededAndTheCodeToRequest() {
        Shortfall shortfall = new Shortfall(new QuotaNeed(Quota.ELASTIC_IPS, "us-east-1", 3), 5.0, 4);
        assertThat(shortfall.describe()).isEqualTo("EC2-VPC Elastic IPs in us-east-1: quota 5, 4 used, 3 needed by"
                + " this deploy; request 2 more (Service Quotas, service ec2, quota code L-0263D0A3)");
    }

    private static StepPlan create(String id) {
        return new StepPlan(StepId.of(id), StackName.NETWORK, "resource", id, Optional.empty(),
                List.of(Change.create("create " + id)));
    }

    private static Plan plan(List<StepPlan> steps) {
        return new Plan(Environment.PRODUCTION, steps, Map.of(), Map.of());
    }
}
