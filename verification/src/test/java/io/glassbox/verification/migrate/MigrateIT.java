package io.glassbox.verification.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import io.glassbox.verification.support.AwsProbe;
import io.glassbox.verification.support.CdkFixture;
import io.glassbox.verification.support.Cli;
import io.glassbox.verification.support.JarProcess;
import io.glassbox.verification.support.LocalEmulator;
import io.glassbox.verification.support.LocalPostgres;
import io.glassbox.verification.support.LocalServices;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.cloudformation.model.StackStatus;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * {@code migrate --from-cloudformation --yes} on the CDK app's environments, created in the emulator through
 * CloudFormation and holding data: every resource taken over keeps its id, every byte is kept (objects, messages,
 * users, log events, the database instance and its password, which the data plane then logs in with), the stacks
 * are gone, no second VPC, database, cache, load balancer or pool exists, and the plan afterwards is clean. Staging
 * is taken over in one run; production's migrate is killed ({@code kill -9}) after the retain update and again
 * after the first stack deletion, and the third run finishes the takeover.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MigrateIT {

    private static final String OBJECT_KEY = "reports/2026-11.csv";
    private static final String OBJECT_BODY = "customer,total\nacme,42\n";
    private static final String USER = "ada@example.com";
    private static final String LOG_EVENT = "request served before the takeover";

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();
    private final AwsProbe aws = new AwsProbe();
    private final Map<String, Before> before = new HashMap<>();

    /** What the CDK app's environment held before the takeover, to compare with afterwards. */
    private record Before(Map<String, String> ids, Instant databaseCreated, String password) {
    }

    @BeforeAll
    void deployTheCdkAppWithData() {
        LocalEmulator.reset();
        for (String env : List.of("staging", "production")) {
            CdkFixture.deploy(aws, env, CdkFixture.certificate(aws, env));
            before.put(env, seed(env));
        }
    }

    @AfterAll
    void close() {
        aws.close();
    }

    /** Puts data where the environment keeps it and notes the ids a takeover must keep. */
    private Before seed(String env) {
        aws.s3.putObject(r -> r.bucket(bucket(env)).key(OBJECT_KEY), RequestBody.fromString(OBJECT_BODY));
        aws.sqs.sendMessage(r -> r.queueUrl(queueUrl(env)).messageBody("{\"job\":\"summarise\"}"));
        aws.cognito.adminCreateUser(r -> r.userPoolId(poolId(env)).username(USER)
                .messageAction(MessageActionType.SUPPRESS));
        String logGroup = "/ecs/glassbox-" + env + "/api";
        aws.logs.createLogStream(r -> r.logGroupName(logGroup).logStreamName("api/before"));
        aws.logs.putLogEvents(r -> r.logGroupName(logGroup).logStreamName("api/before")
                .logEvents(e -> e.timestamp(System.currentTimeMillis()).message(LOG_EVENT)));
        Map<String, String> ids = new HashMap<>();
        ids.put("vpc", physicalId(env, "Network", "Vpc8378EB38"));
        ids.put("subnet", physicalId(env, "Network", "VpcisolatedSubnet1SubnetE62B1B9B"));
        ids.put("security-group", physicalId(env, "Network", "RdsSecurityGroup632A77E4"));
        ids.put("database", physicalId(env, "Database", "InstanceC1063A87"));
        ids.put("load-balancer", physicalId(env, "Compute", "LoadBalancerBE9EEC3A"));
        ids.put("service", physicalId(env, "Compute", "ApiServiceC9037CF0"));
        ids.put("cache", aws.elastiCache.describeReplicationGroups().replicationGroups().stream()
                .filter(g -> g.replicationGroupId().startsWith("glassbox-" + env + "-cache-")).findFirst().orElseThrow()
                .replicationGroupId());
        ids.put("pool", poolId(env));
        var instance = aws.rds.describeDBInstances(r -> r.dbInstanceIdentifier(ids.get("database"))).dbInstances().get(0);
        return new Before(ids, instance.instanceCreateTime(), cdkPassword(env));
    }

    @Test
    void stagingIsTakenOverInOneRunWithNothingLost() throws Exception {
        // RDS's part, which moto cannot play: the master user logs in with the password CloudFormation generated.
        LocalPostgres.createMasterUser(aws.secretDocument(cdkSecret("staging")));
        Cli.Result migrate = Cli.run(withTunnels("migrate", "--env", "staging", "--from-cloudformation", "--yes"));
        assertThat(migrate.exitCode()).as(migrate.toString()).isZero();
        assertThat(migrate.out()).contains("claimed: ").contains("retained: every resource of GlassBox-staging-Network")
                .contains("released: GlassBox-staging-Network deleted").contains("Migrate complete");
        assertTakenOver("staging");
        // The data plane ran with the credentials of glassbox/staging/database: the password CloudFormation made.
        try (Connection connection = LocalPostgres.connect("glassbox", "glassbox", password("staging"));
             Statement statement = connection.createStatement();
             ResultSet extensions = statement.executeQuery("SELECT extname FROM pg_extension")) {
            List<String> names = new ArrayList<>();
            while (extensions.next()) {
                names.add(extensions.getString(1));
            }
            assertThat(names).contains("vector", "pgcrypto", "uuid-ossp");
        }
    }

    @Test
    void productionKilledAfterTheRetainUpdateAndAfterTheFirstDeletionFinishesOnTheThirdRun() throws Exception {
        List<String> stacks = CdkFixture.STACKS.stream().map(s -> CdkFixture.stackName("production", s)).toList();

        killAt("retained", stacks.size());
        // Every stack retains every resource; none is deleted yet, or only the first (the kill races the next call).
        assertThat(liveStacks("production")).hasSizeGreaterThanOrEqualTo(stacks.size() - 1);
        for (String stack : liveStacks("production")) {
            var template = JSON.readTree(aws.cloudFormation.getTemplate(r -> r.stackName(stack)).templateBody());
            template.path("Resources").fields().forEachRemaining(resource -> assertThat(
                    resource.getValue().path("DeletionPolicy").asText() + "/"
                            + resource.getValue().path("UpdateReplacePolicy").asText())
                    .as(stack + "/" + resource.getKey()).isEqualTo("Retain/Retain"));
        }

        killAt("released", 1);
        assertThat(liveStacks("production")).as("the first stack released, the rest still there")
                .doesNotContain(CdkFixture.stackName("production", "Monitoring"))
                .hasSizeGreaterThanOrEqualTo(stacks.size() - 2);

        LocalPostgres.createMasterUser(aws.secretDocument(cdkSecret("production")));
        List<String> args = new ArrayList<>(List.of(withTunnels("migrate", "--env", "production",
                "--from-cloudformation", "--yes")));
        JarProcess.Run third = JarProcess.run(args.toArray(String[]::new));
        assertThat(third.exitCode()).as(third.out() + third.err()).isZero();
        assertThat(third.out()).contains("Migrate complete");
        assertTakenOver("production");
    }

    /** Starts migrate as a process and kills it ({@code kill -9}) once it reported {@code count} of {@code stage}. */
    private void killAt(String stage, int count) throws Exception {
        Process migrate = JarProcess.start("migrate", "--env", "production", "--from-cloudformation", "--yes",
                "--skip-data-plane", "--json");
        int seen = 0;
        try (BufferedReader events = new BufferedReader(new InputStreamReader(migrate.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while (seen < count && (line = events.readLine()) != null) {
                if (line.contains("\"event\":\"takeover_stage\"") && line.contains("\"stage\":\"" + stage + "\"")) {
                    seen++;
                }
            }
            migrate.destroyForcibly(); // SIGKILL: no cleanup, the lock left behind
        }
        assertThat(migrate.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(seen).as("killed after " + count + " '" + stage + "' stages").isEqualTo(count);
        assertThat(migrate.exitValue()).as("killed, not finished").isNotZero();
    }

    private void assertTakenOver(String env) throws Exception {
        Before was = before.get(env);
        assertThat(liveStacks(env)).as("every stack of " + env + " released").isEmpty();
        // Same ids: nothing AWS can rename only by replacement was replaced.
        Cli.Result printed = Cli.run("outputs", "--env", env, "--json");
        assertThat(printed.exitCode()).as(printed.toString()).isZero();
        // One event a line: the identity first, then the outputs.
        var outputs = JSON.readTree(printed.out().lines().filter(line -> line.contains("\"event\":\"outputs\""))
                .findFirst().orElseThrow()).path("outputs");
        assertThat(outputs.path("network.vpc.id").asText()).isEqualTo(was.ids().get("vpc"));
        assertThat(outputs.path("network.subnet.isolated-a.id").asText()).isEqualTo(was.ids().get("subnet"));
        assertThat(outputs.path("network.security-group.rds.id").asText()).isEqualTo(was.ids().get("security-group"));
        assertThat(outputs.path("database.instance.arn").asText()).endsWith(":db:" + was.ids().get("database"));
        assertThat(outputs.path("compute.load-balancer.arn").asText()).isEqualTo(was.ids().get("load-balancer"));
        assertThat(outputs.path("compute.service.api.arn").asText()).isEqualTo(was.ids().get("service"));
        assertThat(outputs.path("auth.user-pool.id").asText()).isEqualTo(was.ids().get("pool"));
        assertThat(outputs.path("cache.replication-group.primary-endpoint").asText()).contains(was.ids().get("cache"));
        var instance = aws.rds.describeDBInstances(r -> r.dbInstanceIdentifier(was.ids().get("database")))
                .dbInstances().get(0);
        assertThat(instance.instanceCreateTime()).as("the same database instance, never recreated")
                .isEqualTo(was.databaseCreated());
        assertThat(password(env).equals(was.password())).as("the database password is unchanged").isTrue();
        assertThat(cdkPassword(env).equals(was.password())).as("the CDK app's secret is kept as it was").isTrue();
        assertThat(aws.secretDocument("glassbox/" + env + "/database")).containsKeys("url", "host", "port", "dbname");
        // Every byte kept.
        assertThat(aws.s3.getObjectAsBytes(r -> r.bucket(bucket(env)).key(OBJECT_KEY)).asUtf8String())
                .isEqualTo(OBJECT_BODY);
        assertThat(aws.sqs.getQueueAttributes(r -> r.queueUrl(queueUrl(env))
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).attributes()
                .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).isEqualTo("1");
        assertThat(aws.cognito.adminGetUser(r -> r.userPoolId(was.ids().get("pool")).username(USER)).username())
                .isNotBlank();
        assertThat(aws.logs.getLogEvents(r -> r.logGroupName("/ecs/glassbox-" + env + "/api")
                .logStreamName("api/before")).events()).extracting(e -> e.message()).containsExactly(LOG_EVENT);
        // No second anything beside what was taken over (the other environment has its own one of each).
        assertThat(aws.ec2.describeVpcs(r -> r.filters(AwsProbe.tag("Environment", env))).vpcs()).hasSize(1);
        assertThat(aws.ec2.describeVpcs(r -> r.filters(software.amazon.awssdk.services.ec2.model.Filter.builder().name("cidr").values("10.0.0.0/16").build())).vpcs()).hasSize(2);
        assertThat(aws.rds.describeDBInstances().dbInstances()).hasSize(2);
        assertThat(aws.elastiCache.describeReplicationGroups().replicationGroups()).hasSize(2);
        assertThat(aws.elb.describeLoadBalancers().loadBalancers()).hasSize(2);
        assertThat(aws.cognito.listUserPools(r -> r.maxResults(60)).userPools())
                .filteredOn(p -> p.name().equals("glassbox-" + env + "-users")).hasSize(1);
        assertThat(aws.ecs.listServices(r -> r.cluster("glassbox-" + env)).serviceArns()).hasSize(3);
        // The environment is the spec's: nothing left to change, nothing left to take over.
        Cli.Result plan = Cli.run("plan", "--env", env, "--detailed-exitcode");
        assertThat(plan.exitCode()).as(plan.toString()).isZero();
        Cli.Result again = Cli.run("migrate", "--env", env, "--from-cloudformation");
        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(again.out()).contains("Nothing left to take over: no CloudFormation stack of " + env + " remains.");
    }

    private String[] withTunnels(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--database-tunnel", LocalServices.host() + ":" + LocalServices.postgresPort(),
                "--cache-tunnel", LocalServices.host() + ":" + LocalServices.redisPort(),
                "--cache-ca-file", LocalServices.caFile().toString()));
        return all.toArray(String[]::new);
    }

    /** The stacks of {@code env} CloudFormation still has (deleted ones are listed as DELETE_COMPLETE only). */
    private List<String> liveStacks(String env) {
        return aws.cloudFormation.listStacksPaginator(r -> { }).stackSummaries().stream()
                .filter(s -> s.stackName().startsWith("GlassBox-" + env + "-"))
                .filter(s -> s.stackStatus() != StackStatus.DELETE_COMPLETE).map(s -> s.stackName()).toList();
    }

    private String physicalId(String env, String stack, String logicalId) {
        return aws.cloudFormation.listStackResourcesPaginator(r -> r.stackName(CdkFixture.stackName(env, stack)))
                .stackResourceSummaries().stream().filter(r -> logicalId.equals(r.logicalResourceId())).findFirst()
                .orElseThrow().physicalResourceId();
    }

    /**
     * The CDK app's secret of the database credentials: production's named {@code glassbox/production/database},
     * staging's under the name CloudFormation generated (the takeover copies it into {@code glassbox/staging/database}).
     */
    private String cdkSecret(String env) {
        if (env.equals("production")) {
            return "glassbox/production/database";
        }
        return aws.secrets.listSecrets().secretList().stream()
                .filter(s -> s.name().startsWith("GlassBox" + env + "DatabaseInstanceSecret")).findFirst().orElseThrow()
                .arn();
    }

    private String cdkPassword(String env) {
        return String.valueOf(aws.secretDocument(cdkSecret(env)).get("password"));
    }

    private String password(String env) {
        return String.valueOf(aws.secretDocument("glassbox/" + env + "/database").get("password"));
    }

    private static String bucket(String env) {
        return "glassbox-" + env + "-files-" + AwsProbe.ACCOUNT;
    }

    private String queueUrl(String env) {
        return aws.sqs.getQueueUrl(r -> r.queueName("glassbox-" + env + "-agent-jobs")).queueUrl();
    }

    private String poolId(String env) {
        return aws.cognito.listUserPools(r -> r.maxResults(60)).userPools().stream()
                .filter(p -> p.name().equals("glassbox-" + env + "-users")).findFirst().orElseThrow().id();
    }
}
