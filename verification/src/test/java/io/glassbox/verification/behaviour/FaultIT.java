package io.glassbox.verification.behaviour;

import static org.assertj.core.api.Assertions.assertThat;

import io.glassbox.verification.support.AwsProbe;
import io.glassbox.verification.support.Cli;
import io.glassbox.verification.support.FaultProxy;
import io.glassbox.verification.support.LocalEmulator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A deploy converges in one run while 15 % of its requests (retries included) are throttled (429) or answered
 * 503 by a proxy in front of the emulator: the SDK's retry strategy absorbs them, and nothing is created twice.
 */
class FaultIT {

    @Test
    void aWholeDeployConvergesThroughThrottlingAnd503s() throws Exception {
        LocalEmulator.reset();
        try (FaultProxy faults = new FaultProxy(LocalEmulator.endpoint(), 0.15, 42); AwsProbe aws = new AwsProbe()) {
            Cli.Result deployed = Cli.runAgainst(faults.endpoint(), List.of(), "deploy", "--env", "production",
                    "--skip-data-plane");
            assertThat(deployed.exitCode()).as(deployed.toString()).isZero();
            assertThat(faults.throttled()).as("throttled requests").isGreaterThan(20);
            assertThat(faults.unavailable()).as("503 requests").isGreaterThan(20);

            assertThat(aws.ec2.describeVpcs(r -> r.filters(AwsProbe.tag("Environment", "production"))).vpcs()).hasSize(1);
            assertThat(aws.ec2.describeSubnets(r -> r.filters(AwsProbe.tag("Environment", "production"))).subnets())
                    .hasSize(9);
            assertThat(aws.ec2.describeNatGateways().natGateways()).hasSize(3);
            assertThat(aws.sqs.listQueues(r -> r.queueNamePrefix("glassbox-production")).queueUrls()).hasSize(4);
            assertThat(aws.cognito.listUserPools(r -> r.maxResults(60)).userPools()).hasSize(1);
            // moto treats familyPrefix as the exact family: filter here instead.
            assertThat(aws.ecs.listTaskDefinitions().taskDefinitionArns())
                    .filteredOn(arn -> arn.contains(":task-definition/glassbox-production-")).hasSize(4);
            assertThat(aws.acm.listCertificates().certificateSummaryList()).hasSize(1);

            Cli.Result plan = Cli.run("plan", "--env", "production", "--detailed-exitcode");
            assertThat(plan.exitCode()).as("converged in one run: " + plan).isZero();
        }
    }
}
