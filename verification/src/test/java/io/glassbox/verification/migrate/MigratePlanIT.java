package io.glassbox.verification.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.glassbox.verification.support.AwsProbe;
import io.glassbox.verification.support.CallRecorder;
import io.glassbox.verification.support.CdkFixture;
import io.glassbox.verification.support.Cli;
import io.glassbox.verification.support.KnownEmulatorGaps;
import io.glassbox.verification.support.LocalEmulator;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The account migrate starts from, as the issue found it: the CDK app's sixteen stacks own every resource, with
 * CDK-generated names where the app leaves names to CDK, and an ordinary plan would build a second VPC and a
 * second database beside the live ones while refusing the resources whose names match.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MigratePlanIT {

    private final AwsProbe aws = new AwsProbe();
    private final java.util.Map<String, String> certificates = new java.util.HashMap<>();

    @BeforeAll
    void deployTheCdkApp() {
        LocalEmulator.reset();
        for (String env : List.of("staging", "production")) {
            certificates.put(env, CdkFixture.certificate(aws, env));
            CdkFixture.deploy(aws, env, certificates.get(env));
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
        assertThat(aws.ec2.describeVpcs(r -> r.filters(AwsProbe.tag("Name", "GlassBox-" + env + "-Network/Vpc"))).vpcs())
                .as("the VPC under its CDK name").singleElement().satisfies(v -> assertThat(v.cidrBlock()).isEqualTo("10.0.0.0/16"));
        assertThat(aws.rds.describeDBInstances().dbInstances()).filteredOn(d -> d.dbInstanceIdentifier()
                .startsWith("glassbox-" + env + "-database-instance")).as("a CDK-generated instance id").hasSize(1);
        assertThat(aws.elastiCache.describeReplicationGroups().replicationGroups())
                .filteredOn(g -> g.replicationGroupId().startsWith("glassbox-" + env + "-cache-")).hasSize(1);
        // Production's secret has our name; staging's the one CloudFormation generated.
        String secret = production ? "glassbox/production/database" : aws.secrets.listSecrets().secretList().stream()
                .filter(s -> s.name().startsWith("GlassBoxstagingDatabaseInstanceSecret")).findFirst().orElseThrow().arn();
        assertThat(aws.secretDocument(secret)).containsKeys("username", "password", "host", "port", "dbname", "engine")
                .doesNotContainKey("url");
        assertThat(aws.cognito.listUserPools(r -> r.maxResults(60)).userPools())
                .filteredOn(p -> p.name().equals("glassbox-" + env + "-users")).hasSize(1);
        assertThat(aws.elb.describeLoadBalancers().loadBalancers()).as("a CloudFormation-generated name")
                .filteredOn(lb -> lb.loadBalancerName().startsWith("GlassBox-" + env + "-")).hasSize(1);
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

    private String physicalId(String env, String stack, String logicalId) {
        // ListStackResources: moto answers DescribeStackResource with HTTP 500.
        return aws.cloudFormation.listStackResourcesPaginator(r -> r.stackName(CdkFixture.stackName(env, stack)))
                .stackResourceSummaries().stream().filter(r -> logicalId.equals(r.logicalResourceId())).findFirst()
                .orElseThrow().physicalResourceId();
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void theTakeoverPlanMatchesEveryResourceToItsStepAndChangesNothing(String env) {
        CallRecorder recorder = new CallRecorder();
        Cli.Result plan = Cli.run(List.of(recorder), "migrate", "--env", env, "--from-cloudformation");
        assertThat(plan.exitCode()).as(plan.toString()).isEqualTo(3);
        assertThat(plan.err()).contains("nothing was changed");
        assertThat(recorder.mutating()).as("read calls only").isEmpty();
        String stacks = "GlassBox-" + env + "-";
        assertThat(plan.out())
                .contains("network.vpc: take over " + physicalId(env, "Network", "Vpc8378EB38") + " from " + stacks
                        + "Network/Vpc8378EB38")
                .contains("network.subnet.isolated-b: take over " + physicalId(env, "Network",
                        "VpcisolatedSubnet2Subnet39217055"))
                .contains("network.security-group.rds: take over " + physicalId(env, "Network", "RdsSecurityGroup632A77E4"))
                .contains("network.security-group.ecs.references: keep AWS::EC2::SecurityGroupIngress")
                .contains("database.instance: take over " + physicalId(env, "Database", "InstanceC1063A87"))
                .contains("compute.load-balancer: take over " + physicalId(env, "Compute", "LoadBalancerBE9EEC3A"))
                .contains("storage.bucket: take over glassbox-" + env + "-files-" + AwsProbe.ACCOUNT)
                .contains("messaging.queue.agent-jobs-dlq: take over")
                .contains("auth.user-pool: take over").contains("cache.replication-group: take over")
                .contains("compute.service.agent-worker: take over " + physicalId(env, "Compute",
                        "AgentWorkerServiceDE58B9C3"))
                .contains("ApiTaskExecutionRoleC2344606 (AWS::IAM::Role): replaced by compute.role.execution")
                .contains("Dlq15F85BD1E (AWS::CloudWatch::Alarm): replaced by monitoring.alarm.dlq-file-processing")
                .contains("ApiTask011D0955 (AWS::ECS::TaskDefinition): replaced by compute.task-definition.api")
                .contains("CDKMetadata (AWS::CDK::Metadata): CDK's version metadata");
        // Then: what the deploy after the takeover changes, each resource taken over as it is (our tags, the spec).
        assertThat(plan.out()).contains("  <=  network.vpc: take over " + physicalId(env, "Network", "Vpc8378EB38")
                + " from " + stacks + "Network/Vpc8378EB38\n        then ~ enableDnsHostnames: false → true")
                .contains("then ~ tags: Environment=(none), ManagedBy=(none), Name=GlassBox-" + env + "-Network/Vpc,")
                .contains("glassbox:step=network.vpc");
        // Nothing taken over is created again: where CloudFormation reports no physical id (moto, for the DB and
        // cache subnet groups and the replication group), CloudFormation's own tags identify the resource.
        List<String> createdAgain = new java.util.ArrayList<>();
        String[] lines = plan.out().split("\n");
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].startsWith("        then + ") && lines[i - 1].startsWith("  <=  ")) {
                createdAgain.add(lines[i - 1].substring(6, lines[i - 1].indexOf(':')));
            }
        }
        // Only staging's credentials, which live under CloudFormation's name, are copied into a secret of ours.
        assertThat(createdAgain).as(KnownEmulatorGaps.CLOUDFORMATION_NO_PHYSICAL_ID.name())
                .isEqualTo(env.equals("staging") ? List.of("database.secret") : List.of());
        if (env.equals("staging")) {
            assertThat(plan.out()).contains("then + secret with the username and password of arn:aws:secretsmanager:"
                    + "us-east-1:" + AwsProbe.ACCOUNT + ":secret:GlassBoxstagingDatabaseInstanceSecret");
        }
        // The certificate the app passed in as a parameter is the one the HTTPS listener goes on serving.
        assertThat(plan.out()).contains("compute.certificate: take over " + certificates.get(env) + " from " + stacks
                + "Compute/CertificateArn");
        // What only the provisioner has; everything else has its counterpart in the CDK app.
        assertThat(plan.out()).contains("Not in CloudFormation, created by the deploy that follows: "
                + "network.default-security-group, network.flow-logs.log-group, network.flow-logs.role, network.flow-logs,"
                + " database.parameter-group, storage.logs-bucket, compute.role.execution, compute.role.task.api,"
                + " compute.role.task.agent-worker, compute.role.task.file-worker,"
                + " compute.task-definition.api, compute.task-definition.data-plane, compute.task-definition.agent-worker,"
                + " compute.task-definition.file-worker,"
                + " monitoring.key, monitoring.alarm.api-5xx-rate, monitoring.alarm.api-latency-p99, monitoring.alarm.rds-cpu,"
                + " monitoring.alarm.rds-connections, monitoring.alarm.redis-memory, monitoring.alarm.dlq-agent-jobs,"
                + " monitoring.alarm.dlq-file-processing\n");
        assertThat(plan.out()).contains("deleted in this order, nothing in them deleted: " + stacks + "Monitoring, "
                + stacks + "Compute, " + stacks + "Auth, " + stacks + "Messaging, " + stacks + "Storage, " + stacks
                + "Cache, " + stacks + "Database, " + stacks + "Network.");
    }

    @org.junit.jupiter.api.Test
    void anotherPrefixHasNothingToTakeOver() {
        Cli.Result plan = Cli.run("migrate", "--env", "staging", "--from-cloudformation", "--stack-prefix", "Legacy");
        assertThat(plan.exitCode()).as(plan.toString()).isZero();
        assertThat(plan.out()).contains("Nothing left to take over: no CloudFormation stack of staging remains.");
    }

    @org.junit.jupiter.api.Test
    void badInputIsOneLineAndNoCall() {
        CallRecorder recorder = new CallRecorder();
        for (List<String> args : List.of(List.of("migrate", "--env", "staging"),
                List.of("migrate", "--env", "staging", "--from-cloudformation", "--stack-prefix", "no spaces"))) {
            Cli.Result bad = Cli.run(List.of(recorder), args.toArray(String[]::new));
            assertThat(bad.exitCode()).as(bad.toString()).isEqualTo(1);
            assertThat(bad.err().strip().lines()).hasSize(1);
        }
        assertThat(recorder.all()).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void theLibraryTakesOverOnlyWhenItsPolicyApproves() {
        CallRecorder recorder = new CallRecorder();
        try (io.glassbox.provisioner.Provisioner provisioner = io.glassbox.provisioner.Provisioner.builder()
                .environment(io.glassbox.provisioner.spec.Environment.STAGING).region("us-east-1")
                .endpoint(LocalEmulator.endpoint()).interceptor(recorder)
                .credentials(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("testing", "testing")))
                .build()) {
            var plan = provisioner.takeoverPlan("GlassBox");
            List<String> asked = new java.util.ArrayList<>();
            assertThatThrownBy(() -> provisioner.migrate(plan, (p, risky) -> {
                asked.addAll(risky);
                return false;
            })).isInstanceOf(io.glassbox.provisioner.engine.RefusedException.class)
                    .hasMessageContaining("nothing was changed");
            // Asked once, about releasing the stacks first of all.
            assertThat(asked.get(0)).startsWith("release 8 CloudFormation stacks");
            assertThatThrownBy(() -> provisioner.migrate(plan, io.glassbox.provisioner.engine.ApprovalPolicy.refuseRisky()))
                    .isInstanceOf(io.glassbox.provisioner.engine.RefusedException.class);
        }
        assertThat(recorder.mutating()).as("a refused takeover changes nothing").isEmpty();
        assertThat(aws.cloudFormation.describeStacks(r -> r.stackName(CdkFixture.stackName("staging", "Network")))
                .stacks().get(0).stackStatusAsString()).isEqualTo("CREATE_COMPLETE");
    }
}
