package io.glassbox.provisioner.stacks.network;

import static org.assertj.core.api.Assertions.assertThat;

import io.glassbox.provisioner.engine.Change;
import io.glassbox.provisioner.engine.StepContext;
import io.glassbox.provisioner.spec.Environment;
import io.glassbox.provisioner.stacks.TestContexts;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;

/** FSBP EC2.2: the VPC's default security group has no rule at all. No network. */
class DefaultSecurityGroupDiffTest {

    private final StepContext context = TestContexts.context(Environment.STAGING, Map.of("network.vpc.id", "vpc-1"));
    private final DefaultSecurityGroupStep step = new DefaultSecurityGroupStep();

    @Test
    void theRulesAwsGivesANewVpcsDefaultGroupAreTakenAway() {
        // AWS's defaults: all traffic from members of the group itself, all traffic out.
        SecurityGroup fresh = SecurityGroup.builder().groupId("sg-default").groupName("default")
                .ipPermissions(IpPermission.builder().ipProtocol("-1")
                        .userIdGroupPairs(p -> p.groupId("sg-default")).build())
                .ipPermissionsEgress(IpPermission.builder().ipProtocol("-1").ipRanges(r -> r.cidrIp("0.0.0.0/0")).build())
                .build();
        assertThat(step.diff(context, fresh)).extracting(Change::describe)
                .containsExactly("rules: 1 inbound, 1 outbound → (none)");
    }

    @Test
    void aGroupWithoutRulesIsAsSpecified() {
        assertThat(step.diff(context, SecurityGroup.builder().groupId("sg-default").groupName("default").build()))
                .isEmpty();
    }
}
