package io.glassbox.verification.stacks;

import static io.glassbox.verification.support.AwsProbe.expectedTags;
import static org.assertj.core.api.Assertions.assertThat;

import io.glassbox.verification.support.AwsProbe;
import io.glassbox.verification.support.CallRecorder;
import io.glassbox.verification.support.Cli;
import io.glassbox.verification.support.LocalEmulator;
import io.glassbox.verification.support.Owned;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.rds.model.DBInstance;

/**
 * Every row of the spec's Database stack (RDS, its secret and parameters) for both environments, read back
 * with plain SDK calls; then re-runs and a backup-retention drift.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DatabaseStackIT {

    private final AwsProbe aws = new AwsProbe();

    @BeforeAll
    void deployBothEnvironments() {
        LocalEmulator.reset();
        for (String env : List.of("staging", "production")) {
            Cli.Result result = Cli.run("deploy", "--env", env, "--stack", "Network", "--stack", "Database",
                    "--skip-data-plane");
            assertThat(result.exitCode()).as(result.toString()).isZero();
        }
    }

    @AfterAll
    void close() {
        aws.close();
    }

    private final Owned owned = new Owned(aws);

    /** Whether the environment was taken over from the CDK app (names and the secret's extra keys are CDK's). */
    boolean takenOver() {
        return false;
    }

    private DBInstance instance(String env) {
        DBInstance db = owned.dbInstance(env);
        if (!takenOver()) {
            assertThat(db.dbInstanceIdentifier()).isEqualTo("glassbox-" + env);
        }
        return db;
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void instanceHasEveryValueOfTheSpecsTable(String env) {
        boolean production = env.equals("production");
        DBInstance db = instance(env);
        assertThat(db.engine()).isEqualTo("postgres");
        assertThat(db.engineVersion()).startsWith("16");
        assertThat(db.dbInstanceClass()).isEqualTo(production ? "db.r6g.large" : "db.t3.medium");
        assertThat(db.multiAZ()).isEqualTo(production);
        assertThat(db.allocatedStorage()).isEqualTo(production ? 100 : 20);
        assertThat(db.maxAllocatedStorage()).isEqualTo(production ? 500 : 100);
        assertThat(db.backupRetentionPeriod()).isEqualTo(production ? 30 : 7);
        assertThat(db.deletionProtection()).isEqualTo(production);
        assertThat(db.publiclyAccessible()).isFalse();
        assertThat(db.storageEncrypted()).isTrue();
        assertThat(db.dbName()).isEqualTo("glassbox");
        assertThat(db.masterUsername()).isEqualTo("glassbox");
        assertThat(db.dbParameterGroups()).extracting(g -> g.dbParameterGroupName())
                .containsExactly("glassbox-" + env + "-postgres16");
        assertThat(db.tagList().stream().collect(Collectors.toMap(t -> t.key(), t -> t.value())))
                .containsAllEntriesOf(expectedTags(env, "Database", null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void backupAndMaintenanceWindowsAreTheSpecsAndDoNotOverlap(String env) {
        DBInstance db = instance(env);
        assertThat(db.preferredBackupWindow()).isEqualTo("03:00-04:00");
        assertThat(db.preferredMaintenanceWindow()).isEqualToIgnoringCase("sun:05:00-sun:06:00");
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void onlyTheRdsSecurityGroupAndTheIsolatedSubnets(String env) {
        DBInstance db = instance(env);
        String rdsGroup = owned.securityGroup(env, "rds").groupId();
        assertThat(db.vpcSecurityGroups()).extracting(g -> g.vpcSecurityGroupId()).containsExactly(rdsGroup);
        String subnetGroup = owned.dbSubnetGroup(env).dbSubnetGroupName();
        assertThat(db.dbSubnetGroup().dbSubnetGroupName()).isEqualToIgnoringCase(subnetGroup);
        if (!takenOver()) {
            assertThat(subnetGroup).isEqualTo("glassbox-" + env);
        }
        Map<String, String> subnetNames = aws.ec2.describeSubnets(r -> r.filters(AwsProbe.tag("Environment", env)))
                .subnets().stream().collect(Collectors.toMap(s -> s.subnetId(), s -> AwsProbe.tags(s.tags()).get("Name")));
        List<String> groupSubnets = owned.dbSubnetGroup(env).subnets().stream().map(s -> subnetNames.get(s.subnetIdentifier())).toList();
        assertThat(groupSubnets).hasSize(env.equals("production") ? 3 : 2)
                .allMatch(name -> name.startsWith("glassbox-" + env + "-isolated-"));
        var parameterGroup = aws.rds.describeDBParameterGroups(r -> r.dbParameterGroupName("glassbox-" + env + "-postgres16"))
                .dbParameterGroups().get(0);
        assertThat(parameterGroup.dbParameterGroupFamily()).isEqualTo("postgres16");
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void secretHoldsExactlyTheSpecsKeysWithTheEndpoint(String env) {
        Map<String, Object> secret = aws.secretDocument("glassbox/" + env + "/database");
        // The spec's credentials, plus the URL ECS injects as DATABASE_URL (one key of the secret); a secret taken
        // over keeps the keys the CDK app wrote besides (engine, dbInstanceIdentifier): keys are never dropped.
        assertThat(secret).containsKeys("username", "password", "host", "port", "dbname", "url");
        if (!takenOver()) {
            assertThat(secret).containsOnlyKeys("username", "password", "host", "port", "dbname", "url");
        }
        assertThat(secret.get("url")).isEqualTo("postgres://glassbox:"
                + java.net.URLEncoder.encode((String) secret.get("password"), java.nio.charset.StandardCharsets.UTF_8)
                .replace("+", "%20") + "@" + instance(env).endpoint().address() + ":5432/glassbox?sslmode=require");
        assertThat(secret).containsEntry("username", "glassbox").containsEntry("dbname", "glassbox")
                .containsEntry("port", 5432).containsEntry("host", instance(env).endpoint().address());
        // Ours are 32 characters; CloudFormation generated the CDK app's with 30, and a takeover keeps it.
        assertThat(String.valueOf(secret.get("password"))).hasSizeGreaterThanOrEqualTo(takenOver() ? 30 : 32)
                .doesNotContainAnyWhitespaces().doesNotContain("/", "@", "\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void parametersPublishHostPortAndName(String env) {
        Map<String, String> values = aws.ssm.getParametersByPath(r -> r.path("/glassbox/" + env + "/database"))
                .parameters().stream().collect(Collectors.toMap(p -> p.name(), p -> p.value()));
        assertThat(values).containsOnly(
                Map.entry("/glassbox/" + env + "/database/host", instance(env).endpoint().address()),
                Map.entry("/glassbox/" + env + "/database/port", "5432"),
                Map.entry("/glassbox/" + env + "/database/name", "glassbox"));
    }

    @Test
    void secondDeployKeepsThePasswordAndMakesNoMutatingCall() {
        Object password = aws.secretDocument("glassbox/staging/database").get("password");
        CallRecorder recorder = new CallRecorder();
        Cli.Result again = Cli.run(List.of(recorder), "deploy", "--env", "staging", "--stack", "Database",
                "--skip-data-plane");
        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(recorder.mutating()).isEmpty();
        assertThat(aws.secretDocument("glassbox/staging/database").get("password")).isEqualTo(password);
    }

    @Test
    void backupRetentionChangedOutOfBandIsPlannedAndRepaired() {
        String id = instance("staging").dbInstanceIdentifier();
        aws.rds.modifyDBInstance(r -> r.dbInstanceIdentifier(id).backupRetentionPeriod(3)
                .applyImmediately(true));
        Cli.Result plan = Cli.run("plan", "--env", "staging", "--stack", "Database", "--skip-data-plane",
                "--detailed-exitcode");
        assertThat(plan.exitCode()).as(plan.toString()).isEqualTo(2);
        assertThat(plan.out()).contains("~   RDS instance glassbox-staging").contains("backupRetentionDays: 3 → 7");

        CallRecorder recorder = new CallRecorder();
        Cli.Result repair = Cli.run(List.of(recorder), "deploy", "--env", "staging", "--stack", "Database",
                "--skip-data-plane");
        assertThat(repair.exitCode()).as(repair.toString()).isZero();
        assertThat(recorder.resourceChanges()).containsExactly("Rds.ModifyDBInstance");
        assertThat(instance("staging").backupRetentionPeriod()).isEqualTo(7);
        assertThat(Cli.run("plan", "--env", "staging", "--stack", "Database", "--skip-data-plane",
                "--detailed-exitcode").exitCode()).isZero();
    }
}
