package io.glassbox.verification.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import io.glassbox.verification.support.AwsProbe;
import io.glassbox.verification.support.CdkFixture;
import io.glassbox.verification.support.Cli;
import io.glassbox.verification.support.LocalEmulator;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.ec2.model.Filter;

/**
 * The account migrate starts from, as the issue found it: the CDK app's sixteen stacks own every resource, with
 * CDK-generated names where the app leaves names to CDK, and an ordinary plan would build a second VPC and a
 * second database beside the live ones while refusing the resources whose names match.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CdkFixtureIT {

    private final AwsProbe aws = new AwsProbe();

    @BeforeAll
    void deployTheCdkApp() {
        LocalEmulator.reset();
        String certificate = aws.acm.requestCertificate(r -> r.domainName("api.glassbox.io")).certificateArn();
        for (String env : List.of("staging", "production")) {
            CdkFixture.deploy(aws, env, certificate);
        }
    }

    @AfterAll
    void close() {
        aws.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void everyStackIsCompleteAndOwnsItsResources(String env) {
        for (String stack : CdkFixture.STACKS) {
            String name = CdkFixture.stackName(env, stack);
            assertThat(aws.cloudFormation.describeStacks(r -> r.stackName(name)).stacks().get(0).stackStatusAsString())
                    .as(name).isEqualTo("CREATE_COMPLETE");
        }
        boolean production = env.equals("production");
        assertThat(aws.ec2.describeVpcs(r -> r.filters(Filter.builder().name("cidr").values("10.0.0.0/16").build(),
                AwsProbe.tag("aws-cdk:stack-name", null))).vpcs()).isNotNull();
        assertThat(aws.rds.describeDBInstances().dbInstances()).filteredOn(d -> d.dbInstanceIdentifier()
                .startsWith("glassbox-" + env + "-database-instance")).as("a CDK-generated instance id").hasSize(1);
        assertThat(aws.elastiCache.describeReplicationGroups().replicationGroups())
                .filteredOn(g -> g.replicationGroupId().startsWith("glassbox-" + env + "-cache-")).hasSize(1);
        assertThat(aws.secretDocument("glassbox/" + env + "/database")).containsKeys("username", "password", "host",
                "port", "dbname", "engine").doesNotContainKey("url");
        assertThat(aws.cognito.listUserPools(r -> r.maxResults(60)).userPools())
                .filteredOn(p -> p.name().equals("glassbox-" + env + "-users")).hasSize(1);
        assertThat(aws.elb.describeLoadBalancers().loadBalancers()).filteredOn(lb -> lb.loadBalancerName()
                .startsWith("GlassB") || lb.loadBalancerName().startsWith("Glass")).isNotEmpty();
        assertThat(aws.autoScaling.describeScalableTargets(r -> r.serviceNamespace("ecs")).scalableTargets())
                .filteredOn(t -> t.resourceId().startsWith("service/glassbox-" + env + "/"))
                .singleElement().satisfies(t -> assertThat(t.maxCapacity()).isEqualTo(production ? 10 : 4));
        assertThat(aws.sqs.listQueues(r -> r.queueNamePrefix("glassbox-" + env)).queueUrls()).hasSize(4);
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void anOrdinaryPlanCannotTakeThemOver(String env) {
        Cli.Result plan = Cli.run("plan", "--env", env, "--stack", "Network", "--stack", "Messaging");
        // The VPC has a CDK name, so a deploy would build a second one; the queues have ours, but not our tag.
        assertThat(plan.toString()).contains("exists but has no ManagedBy=glassbox-provisioner tag");
    }
}
