package io.glassbox.verification.behaviour;

import static org.assertj.core.api.Assertions.assertThat;

import io.glassbox.verification.support.AwsProbe;
import io.glassbox.verification.support.JarProcess;
import io.glassbox.verification.support.LocalEmulator;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A deploy killed with {@code kill -9} at several points (with steps in flight, since up to eight run at once)
 * and run again converges to the spec with no duplicate resource: everything is found by name or tags, and the
 * killed run's lock is recognised as dead (its process on this machine is gone) instead of blocking the re-run.
 */
class CrashIT {

    @ParameterizedTest(name = "killed after {0} steps")
    @ValueSource(ints = {2, 15, 45})
    void killedDeployRunAgainConvergesWithoutDuplicates(int finishedSteps) throws Exception {
        LocalEmulator.reset();
        // The bucket first: moto drops the tags CreateBucket carries (KnownEmulatorGaps.S3_CREATE_BUCKET_IGNORES_TAGS).
        JarProcess.Run storage = JarProcess.run("deploy", "--env", "production", "--stack", "Storage");
        assertThat(storage.exitCode()).as(storage.toString()).isZero();
        Process deploy = JarProcess.start("deploy", "--env", "production", "--skip-data-plane", "--json");
        int finished = 0;
        try (BufferedReader events = new BufferedReader(new InputStreamReader(deploy.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while (finished < finishedSteps && (line = events.readLine()) != null) {
                if (line.contains("\"event\":\"step_finished\"")) {
                    finished++;
                }
            }
            deploy.destroyForcibly(); // SIGKILL: no shutdown hook, no cleanup, the lock left behind
        }
        assertThat(deploy.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(finished).as("the deploy was killed before it finished").isEqualTo(finishedSteps);
        assertThat(deploy.exitValue()).as("killed, not finished").isNotZero();

        JarProcess.Run again = JarProcess.run("deploy", "--env", "production", "--skip-data-plane");
        assertThat(again.exitCode()).as(again.toString()).isZero();

        try (AwsProbe aws = new AwsProbe()) {
            var production = AwsProbe.tag("Environment", "production");
            assertThat(aws.ec2.describeVpcs(r -> r.filters(production)).vpcs()).hasSize(1);
            assertThat(aws.ec2.describeSubnets(r -> r.filters(production)).subnets()).hasSize(9);
            assertThat(aws.ec2.describeInternetGateways(r -> r.filters(production)).internetGateways()).hasSize(1);
            assertThat(aws.ec2.describeAddresses(r -> r.filters(production)).addresses()).hasSize(3);
            assertThat(aws.ec2.describeNatGateways().natGateways()).hasSize(3);
            assertThat(aws.ec2.describeRouteTables(r -> r.filters(production)).routeTables()).hasSize(9);
            assertThat(aws.ec2.describeSecurityGroups(r -> r.filters(production)).securityGroups()).hasSize(4);
            assertThat(aws.rds.describeDBInstances().dbInstances()).hasSize(1);
            assertThat(aws.secrets.listSecrets().secretList()).hasSize(2);
            assertThat(aws.cognito.listUserPools(r -> r.maxResults(60)).userPools()).hasSize(1);
            String pool = aws.cognito.listUserPools(r -> r.maxResults(60)).userPools().get(0).id();
            assertThat(aws.cognito.listUserPoolClients(r -> r.userPoolId(pool)).userPoolClients()).hasSize(1);
            assertThat(aws.ecs.listTaskDefinitions().taskDefinitionArns()).as("three services and the data plane").hasSize(4);
            assertThat(aws.ecs.listServices(r -> r.cluster("glassbox-production")).serviceArns()).hasSize(3);
            assertThat(aws.elb.describeLoadBalancers().loadBalancers()).hasSize(1);
            String lb = aws.elb.describeLoadBalancers().loadBalancers().get(0).loadBalancerArn();
            assertThat(aws.elb.describeListeners(r -> r.loadBalancerArn(lb)).listeners()).hasSize(2);
            assertThat(aws.acm.listCertificates().certificateSummaryList()).hasSize(1);
            // The execution role, three task roles and the flow logs' role.
            assertThat(aws.iam.listRoles().roles()).filteredOn(r -> r.roleName().startsWith("glassbox-")).hasSize(5);
            assertThat(aws.ec2.describeFlowLogs().flowLogs()).hasSize(1);
            assertThat(aws.kms.listKeys().keys()).as("one key, aliased").hasSize(1);
            assertThat(aws.kms.listAliases().aliases()).filteredOn(a -> a.aliasName().startsWith("alias/glassbox-"))
                    .singleElement().satisfies(a -> assertThat(a.aliasName()).isEqualTo("alias/glassbox-production"));
            assertThat(aws.s3.listBuckets().buckets()).hasSize(2);
            assertThat(aws.cloudWatch.describeAlarms(r -> r.alarmNamePrefix("glassbox-")).metricAlarms()).hasSize(7);
        }
        JarProcess.Run plan = JarProcess.run("plan", "--env", "production", "--detailed-exitcode");
        assertThat(plan.exitCode()).as("converged: " + plan).isZero();
    }
}
