package io.glassbox.verification.behaviour;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.glassbox.verification.support.AwsProbe;
import io.glassbox.verification.support.CallRecorder;
import io.glassbox.verification.support.Cli;
import io.glassbox.verification.support.LocalEmulator;
import io.glassbox.verification.support.Owned;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;

/**
 * The AWS Foundational Security Best Practices controls built so far, on by default in both environments and read
 * back with plain SDK calls: S3.5 (the files bucket denies requests without TLS), EC2.2 (the VPC's default security
 * group has no rule), ELB.4 (the load balancer drops invalid header fields), RDS.9 (PostgreSQL and upgrade logs
 * exported), RDS.13 (auto minor version upgrade), RDS.17 (tags copied to snapshots), TLS-only connections to the
 * database ({@code rds.force_ssl}), ECR.3 (a lifecycle policy on both repositories), ElastiCache.1/.2 (backups in
 * production, minor upgrades), and in production ELB.6, Performance Insights and the user pool's deletion
 * protection. Each one turned off out of band is planned and repaired, touching nothing else.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecurityBaselineIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final AwsProbe aws = new AwsProbe();
    private final Owned owned = new Owned(aws);

    @BeforeAll
    void deployBothEnvironments() {
        LocalEmulator.reset();
        for (String env : List.of("staging", "production")) {
            Cli.Result deployed = Cli.run("deploy", "--env", env, "--skip-data-plane");
            assertThat(deployed.exitCode()).as(deployed.toString()).isZero();
        }
    }

    @AfterAll
    void close() {
        aws.close();
    }

    private static String bucket(String env) {
        return "glassbox-" + env + "-files-" + AwsProbe.ACCOUNT;
    }

    private SecurityGroup defaultGroup(String env) {
        String vpc = aws.ec2.describeVpcs(r -> r.filters(AwsProbe.tag("Name", "glassbox-" + env))).vpcs().get(0).vpcId();
        return aws.ec2.describeSecurityGroups(r -> r.filters(Filter.builder().name("vpc-id").values(vpc).build(),
                Filter.builder().name("group-name").values("default").build())).securityGroups().get(0);
    }

    private String attribute(String env, String key) {
        return aws.elb.describeLoadBalancerAttributes(r -> r.loadBalancerArn(owned.loadBalancer(env).loadBalancerArn()))
                .attributes().stream().filter(a -> a.key().equals(key)).map(a -> a.value()).findFirst().orElse(null);
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void s3_5TheBucketDeniesEveryRequestWithoutTls(String env) throws Exception {
        JsonNode policy = JSON.readTree(aws.s3.getBucketPolicy(r -> r.bucket(bucket(env))).policy());
        assertThat(policy.path("Statement")).anySatisfy(statement -> {
            assertThat(statement.path("Effect").asText()).isEqualTo("Deny");
            assertThat(statement.path("Action").asText()).isEqualTo("s3:*");
            assertThat(statement.path("Condition").path("Bool").path("aws:SecureTransport").asText()).isEqualTo("false");
            assertThat(statement.path("Resource").toString()).contains("arn:aws:s3:::" + bucket(env) + "/*");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void ec2_2TheDefaultSecurityGroupHasNoRule(String env) {
        SecurityGroup group = defaultGroup(env);
        assertThat(group.ipPermissions()).isEmpty();
        assertThat(group.ipPermissionsEgress()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void elb_4TheLoadBalancerDropsInvalidHeaderFields(String env) {
        assertThat(attribute(env, "routing.http.drop_invalid_header_fields.enabled")).isEqualTo("true");
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void rds_13And17MinorUpgradesAndTagsOnSnapshots(String env) {
        var db = owned.dbInstance(env);
        assertThat(db.autoMinorVersionUpgrade()).isTrue();
        assertThat(db.copyTagsToSnapshot()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void rds_9LogsAreExportedAndOnlyTlsConnectionsAccepted(String env) {
        var db = owned.dbInstance(env);
        assertThat(db.enabledCloudwatchLogsExports()).contains("postgresql", "upgrade");
        String group = db.dbParameterGroups().get(0).dbParameterGroupName();
        assertThat(aws.rds.describeDBParameters(r -> r.dbParameterGroupName(group)).parameters())
                .anySatisfy(p -> {
                    assertThat(p.parameterName()).isEqualTo("rds.force_ssl");
                    assertThat(p.parameterValue()).isEqualTo("1");
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void elb_6DeletionProtectionInProductionOnly(String env) {
        assertThat(attribute(env, "deletion_protection.enabled")).isEqualTo(String.valueOf(env.equals("production")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void performanceInsightsInProductionOnly(String env) {
        assertThat(owned.dbInstance(env).performanceInsightsEnabled()).isEqualTo(env.equals("production"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void elastiCache_1And2BackupsInProductionAndMinorUpgradesEverywhere(String env) {
        var group = owned.replicationGroup(env);
        assertThat(group.autoMinorVersionUpgrade()).isTrue();
        if (env.equals("production")) {
            assertThat(group.snapshotRetentionLimit()).isGreaterThanOrEqualTo(1);
            assertThat(group.snapshotWindow()).isEqualTo("03:00-04:00");
        } else {
            assertThat(group.snapshotRetentionLimit()).isZero();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void cognitoDeletionProtectionInProductionOnly(String env) {
        String pool = aws.cognito.listUserPools(r -> r.maxResults(60)).userPools().stream()
                .filter(p -> p.name().equals("glassbox-" + env + "-users")).findFirst().orElseThrow().id();
        assertThat(aws.cognito.describeUserPool(r -> r.userPoolId(pool)).userPool().deletionProtectionAsString())
                .isEqualTo(env.equals("production") ? "ACTIVE" : "INACTIVE");
    }

    private software.amazon.awssdk.services.ec2.model.FlowLog flowLog(String env) {
        String vpc = aws.ec2.describeVpcs(r -> r.filters(AwsProbe.tag("Name", "glassbox-" + env))).vpcs().get(0).vpcId();
        List<software.amazon.awssdk.services.ec2.model.FlowLog> flows = aws.ec2.describeFlowLogs(r -> r.filter(
                Filter.builder().name("resource-id").values(vpc).build())).flowLogs();
        assertThat(flows).hasSize(1);
        return flows.get(0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void ec2_6AllTrafficOfTheVpcIsLoggedThroughARoleOnlyFlowLogsMayAssume(String env) throws Exception {
        var flow = flowLog(env);
        String group = "/vpc/glassbox-" + env + "/flow-logs";
        assertThat(flow.trafficTypeAsString()).isEqualTo("ALL");
        assertThat(flow.logDestinationTypeAsString()).isEqualTo("cloud-watch-logs");
        assertThat(flow.logGroupName()).isEqualTo(group);
        assertThat(aws.logs.describeLogGroups(r -> r.logGroupNamePrefix(group)).logGroups().get(0).retentionInDays())
                .isEqualTo(30);
        String role = "glassbox-" + env + "-flow-logs";
        assertThat(flow.deliverLogsPermissionArn()).isEqualTo(aws.iam.getRole(r -> r.roleName(role)).role().arn());
        JsonNode trust = JSON.readTree(java.net.URLDecoder.decode(aws.iam.getRole(r -> r.roleName(role)).role()
                .assumeRolePolicyDocument(), java.nio.charset.StandardCharsets.UTF_8));
        assertThat(trust.path("Statement")).hasSize(1);
        assertThat(trust.path("Statement").get(0).path("Principal").toString())
                .isEqualTo("{\"Service\":\"vpc-flow-logs.amazonaws.com\"}");
        JsonNode policy = JSON.readTree(java.net.URLDecoder.decode(aws.iam.getRolePolicy(r -> r.roleName(role)
                .policyName("glassbox")).policyDocument(), java.nio.charset.StandardCharsets.UTF_8));
        assertThat(policy.path("Statement")).allSatisfy(statement -> assertThat(statement.path("Resource"))
                .allSatisfy(resource -> assertThat(resource.asText()).contains(":log-group:" + group)));
    }

    private static String logsBucket(String env) {
        return "glassbox-" + env + "-logs-" + AwsProbe.ACCOUNT;
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void s3_9AndElb_5BucketAndLoadBalancerLogToTheLogsBucketWhichOnlyTheirDeliveryMayWrite(String env) throws Exception {
        String logs = logsBucket(env);
        var logging = aws.s3.getBucketLogging(r -> r.bucket(bucket(env))).loggingEnabled();
        assertThat(logging.targetBucket()).isEqualTo(logs);
        assertThat(logging.targetPrefix()).isEqualTo("s3-access/");
        assertThat(attribute(env, "access_logs.s3.enabled")).isEqualTo("true");
        assertThat(attribute(env, "access_logs.s3.bucket")).isEqualTo(logs);
        assertThat(attribute(env, "access_logs.s3.prefix")).isEqualTo("alb");

        assertThat(aws.s3.getBucketEncryption(r -> r.bucket(logs)).serverSideEncryptionConfiguration().rules().get(0)
                .applyServerSideEncryptionByDefault().sseAlgorithmAsString()).isEqualTo("AES256");
        var block = aws.s3.getPublicAccessBlock(r -> r.bucket(logs)).publicAccessBlockConfiguration();
        assertThat(List.of(block.blockPublicAcls(), block.ignorePublicAcls(), block.blockPublicPolicy(),
                block.restrictPublicBuckets())).containsOnly(true);
        JsonNode policy = JSON.readTree(aws.s3.getBucketPolicy(r -> r.bucket(logs)).policy());
        assertThat(policy.path("Statement")).anySatisfy(statement -> {
            assertThat(statement.path("Principal").path("Service").asText()).isEqualTo("logging.s3.amazonaws.com");
            assertThat(statement.path("Resource").asText()).isEqualTo("arn:aws:s3:::" + logs + "/s3-access/*");
            assertThat(statement.path("Condition").path("ArnLike").path("aws:SourceArn").asText())
                    .isEqualTo("arn:aws:s3:::" + bucket(env));
        });
        assertThat(policy.path("Statement")).anySatisfy(statement -> {
            // us-east-1's Elastic Load Balancing account (ELB User Guide, "Enable access logs").
            assertThat(statement.path("Principal").path("AWS").asText()).isEqualTo("arn:aws:iam::127311923021:root");
            assertThat(statement.path("Resource").asText())
                    .isEqualTo("arn:aws:s3:::" + logs + "/alb/AWSLogs/" + AwsProbe.ACCOUNT + "/*");
        });
        assertThat(policy.path("Statement")).anySatisfy(statement ->
                assertThat(statement.path("Condition").path("Bool").path("aws:SecureTransport").asText()).isEqualTo("false"));
        assertThat(aws.s3.getBucketLifecycleConfiguration(r -> r.bucket(logs)).rules()).anySatisfy(rule -> {
            assertThat(rule.statusAsString()).isEqualTo("Enabled");
            assertThat(rule.expiration().days()).isEqualTo(90);
        });
    }

    private String topicArn(String env) {
        return "arn:aws:sns:" + AwsProbe.REGION + ":" + AwsProbe.ACCOUNT + ":glassbox-" + env + "-alarms";
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void sns_1TheAlarmTopicIsEncryptedWithTheEnvironmentsRotatedKeyThatCloudWatchMayUse(String env) throws Exception {
        var key = aws.kms.describeKey(r -> r.keyId("alias/glassbox-" + env)).keyMetadata();
        assertThat(key.keyStateAsString()).isEqualTo("Enabled");
        assertThat(key.keyManagerAsString()).isEqualTo("CUSTOMER");
        assertThat(aws.sns.getTopicAttributes(r -> r.topicArn(topicArn(env))).attributes().get("KmsMasterKeyId"))
                .isEqualTo(key.arn());
        assertThat(aws.kms.getKeyRotationStatus(r -> r.keyId(key.keyId())).keyRotationEnabled()).isTrue();
        JsonNode policy = JSON.readTree(aws.kms.getKeyPolicy(r -> r.keyId(key.keyId()).policyName("default")).policy());
        assertThat(policy.path("Statement")).anySatisfy(statement -> {
            assertThat(statement.path("Principal").path("Service").asText()).isEqualTo("cloudwatch.amazonaws.com");
            assertThat(statement.path("Action").toString()).contains("kms:Decrypt").contains("kms:GenerateDataKey*");
        });
        assertThat(aws.kms.listResourceTags(r -> r.keyId(key.keyId())).tags())
                .anySatisfy(t -> assertThat(t.tagKey() + "=" + t.tagValue()).isEqualTo("Environment=" + env));
    }

    @Test
    void destroyGivesTheKeyTheLongestWaitAndADeployBringsItBack() throws Exception {
        String env = "staging";
        String keyId = aws.kms.describeKey(r -> r.keyId("alias/glassbox-" + env)).keyMetadata().keyId();
        Cli.Result destroyed = Cli.run("destroy", "--env", env, "--stack", "Monitoring", "--yes");
        assertThat(destroyed.exitCode()).as(destroyed.toString()).isZero();
        var pending = aws.kms.describeKey(r -> r.keyId(keyId)).keyMetadata();
        assertThat(pending.keyStateAsString()).isEqualTo("PendingDeletion");
        assertThat(pending.deletionDate()).isAfter(java.time.Instant.now().plus(java.time.Duration.ofDays(29)));

        Cli.Result plan = Cli.run("plan", "--env", env, "--stack", "Monitoring", "--skip-data-plane");
        assertThat(plan.out()).contains("~   KMS key alias/glassbox-staging").contains("state: pending deletion → enabled");
        Cli.Result restored = Cli.run("deploy", "--env", env, "--stack", "Monitoring", "--skip-data-plane");
        assertThat(restored.exitCode()).as(restored.toString()).isZero();
        assertThat(aws.kms.describeKey(r -> r.keyId("alias/glassbox-" + env)).keyMetadata().keyId())
                .as("the same key, deletion cancelled").isEqualTo(keyId);
        sns_1TheAlarmTopicIsEncryptedWithTheEnvironmentsRotatedKeyThatCloudWatchMayUse(env);
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void ecr_3BothRepositoriesExpireUntaggedImagesAndKeepTheNewestTagged(String env) throws Exception {
        for (String repository : List.of("api", "worker")) {
            JsonNode policy = JSON.readTree(aws.ecr.getLifecyclePolicy(r -> r.repositoryName("glassbox-" + env + "-"
                    + repository)).lifecyclePolicyText());
            assertThat(policy.path("rules")).hasSize(2);
            assertThat(policy.path("rules").get(0).path("selection").path("tagStatus").asText()).isEqualTo("untagged");
            assertThat(policy.path("rules").get(0).path("selection").path("countNumber").asInt()).isEqualTo(14);
            assertThat(policy.path("rules").get(1).path("selection").path("countType").asText())
                    .isEqualTo("imageCountMoreThan");
            assertThat(policy.path("rules").get(1).path("selection").path("countNumber").asInt()).isEqualTo(50);
        }
    }

    @Test
    void eachControlTurnedOffIsPlannedAndRepairedTouchingNothingElse() throws Exception {
        String env = "staging";
        String operators = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"ReadForCdn\",\"Effect\":\"Allow\","
                + "\"Principal\":{\"Service\":\"cloudfront.amazonaws.com\"},\"Action\":\"s3:GetObject\","
                + "\"Resource\":\"arn:aws:s3:::" + bucket(env) + "/*\"}]}";
        aws.s3.putBucketPolicy(r -> r.bucket(bucket(env)).policy(operators));
        aws.ec2.authorizeSecurityGroupIngress(r -> r.groupId(defaultGroup(env).groupId()).ipPermissions(IpPermission
                .builder().ipProtocol("tcp").fromPort(22).toPort(22).ipRanges(i -> i.cidrIp("0.0.0.0/0")).build()));
        aws.elb.modifyLoadBalancerAttributes(r -> r.loadBalancerArn(owned.loadBalancer(env).loadBalancerArn())
                .attributes(a -> a.key("routing.http.drop_invalid_header_fields.enabled").value("false")));
        aws.rds.modifyDBInstance(r -> r.dbInstanceIdentifier(owned.dbInstance(env).dbInstanceIdentifier())
                .autoMinorVersionUpgrade(false).copyTagsToSnapshot(false).applyImmediately(true)
                .cloudwatchLogsExportConfiguration(c -> c.disableLogTypes("upgrade")));
        aws.rds.modifyDBParameterGroup(r -> r.dbParameterGroupName("glassbox-" + env + "-postgres16").parameters(p -> p
                .parameterName("rds.force_ssl").parameterValue("0").applyMethod("immediate")));
        aws.ecr.deleteLifecyclePolicy(r -> r.repositoryName("glassbox-" + env + "-api"));
        aws.s3.putBucketLogging(r -> r.bucket(bucket(env)).bucketLoggingStatus(s -> { }));
        aws.elb.modifyLoadBalancerAttributes(r -> r.loadBalancerArn(owned.loadBalancer(env).loadBalancerArn())
                .attributes(a -> a.key("access_logs.s3.enabled").value("false")));
        aws.s3.deleteBucketLifecycle(r -> r.bucket(logsBucket(env)));
        aws.sns.setTopicAttributes(r -> r.topicArn(topicArn(env)).attributeName("KmsMasterKeyId").attributeValue(""));
        // The rotation calls take a key id or ARN, never an alias (KMS API Reference, DisableKeyRotation).
        String keyId = aws.kms.describeKey(r -> r.keyId("alias/glassbox-" + env)).keyMetadata().keyId();
        aws.kms.disableKeyRotation(r -> r.keyId(keyId));
        aws.ec2.deleteFlowLogs(r -> r.flowLogIds(flowLog(env).flowLogId()));
        aws.elastiCache.modifyReplicationGroup(r -> r.replicationGroupId(owned.replicationGroup(env).replicationGroupId())
                .autoMinorVersionUpgrade(false).applyImmediately(true));

        Cli.Result plan = Cli.run("plan", "--env", env, "--detailed-exitcode", "--skip-data-plane");
        assertThat(plan.exitCode()).as(plan.toString()).isEqualTo(2);
        assertThat(plan.out()).contains("policy: without DenyInsecureTransport → with DenyInsecureTransport")
                .contains("serverAccessLogging: off → " + logsBucket(env) + "/s3-access/")
                .contains("access_logs.s3.enabled: false → true")
                .contains("lifecycle: no ExpireLogs rule → objects expire after 90 days")
                .contains("~   default security group default").contains("rules: 1 inbound, 0 outbound → (none)")
                .contains("routing.http.drop_invalid_header_fields.enabled: false → true")
                .contains("autoMinorVersionUpgrade: false → true").contains("copyTagsToSnapshot: false → true")
                .contains("logExports: [postgresql] → [postgresql, upgrade]").contains("rds.force_ssl: 0 → 1")
                .contains("~   ECR repository glassbox-staging-api").contains("lifecyclePolicy: (none) → untagged expire")
                .contains("~   ElastiCache replication group glassbox-staging")
                .contains("KmsMasterKeyId: (not encrypted) → arn:aws:kms:").contains("rotation: off → on (yearly)")
                .contains("+   VPC flow log glassbox-staging")
                .contains("Plan: 1 to create, 10 to update, 0 to replace, 0 to destroy.");

        CallRecorder recorder = new CallRecorder();
        Cli.Result repair = Cli.run(List.of(recorder), "deploy", "--env", env, "--skip-data-plane");
        assertThat(repair.exitCode()).as(repair.toString()).isZero();
        assertThat(recorder.resourceChanges()).containsExactlyInAnyOrder("S3.PutBucketPolicy",
                "Ec2.RevokeSecurityGroupIngress", "ElasticLoadBalancingV2.ModifyLoadBalancerAttributes",
                "Rds.ModifyDBInstance", "Rds.ModifyDBParameterGroup", "Ecr.PutLifecyclePolicy",
                "ElastiCache.ModifyReplicationGroup", "Sns.SetTopicAttributes", "Kms.EnableKeyRotation", "Ec2.CreateFlowLogs", "S3.PutBucketLogging",
                "S3.PutBucketLifecycleConfiguration");
        // The operator's statement is kept beside ours.
        assertThat(aws.s3.getBucketPolicy(r -> r.bucket(bucket(env))).policy()).contains("ReadForCdn")
                .contains("aws:SecureTransport");
        ec2_2TheDefaultSecurityGroupHasNoRule(env);
        elb_4TheLoadBalancerDropsInvalidHeaderFields(env);
        rds_13And17MinorUpgradesAndTagsOnSnapshots(env);
        rds_9LogsAreExportedAndOnlyTlsConnectionsAccepted(env);
        ecr_3BothRepositoriesExpireUntaggedImagesAndKeepTheNewestTagged(env);
        elastiCache_1And2BackupsInProductionAndMinorUpgradesEverywhere(env);
        sns_1TheAlarmTopicIsEncryptedWithTheEnvironmentsRotatedKeyThatCloudWatchMayUse(env);
        ec2_6AllTrafficOfTheVpcIsLoggedThroughARoleOnlyFlowLogsMayAssume(env);
        s3_9AndElb_5BucketAndLoadBalancerLogToTheLogsBucketWhichOnlyTheirDeliveryMayWrite(env);
        Cli.Result clean = Cli.run("plan", "--env", env, "--detailed-exitcode", "--skip-data-plane");
        assertThat(clean.exitCode()).as(clean.toString()).isZero();
    }

    @Test
    void productionsOwnControlsTurnedOffArePlannedAndRepairedTouchingNothingElse() {
        String env = "production";
        aws.elb.modifyLoadBalancerAttributes(r -> r.loadBalancerArn(owned.loadBalancer(env).loadBalancerArn())
                .attributes(a -> a.key("deletion_protection.enabled").value("false")));
        aws.rds.modifyDBInstance(r -> r.dbInstanceIdentifier(owned.dbInstance(env).dbInstanceIdentifier())
                .enablePerformanceInsights(false).applyImmediately(true));
        aws.elastiCache.modifyReplicationGroup(r -> r.replicationGroupId(owned.replicationGroup(env).replicationGroupId())
                .snapshotRetentionLimit(0).applyImmediately(true));
        String pool = aws.cognito.listUserPools(r -> r.maxResults(60)).userPools().stream()
                .filter(p -> p.name().equals("glassbox-production-users")).findFirst().orElseThrow().id();
        var live = aws.cognito.describeUserPool(r -> r.userPoolId(pool)).userPool();
        aws.cognito.updateUserPool(r -> r.userPoolId(pool).autoVerifiedAttributesWithStrings("email")
                .policies(live.policies()).adminCreateUserConfig(live.adminCreateUserConfig())
                .mfaConfiguration("OPTIONAL").deletionProtection("INACTIVE").userPoolTags(live.userPoolTags()));

        Cli.Result plan = Cli.run("plan", "--env", env, "--detailed-exitcode", "--skip-data-plane");
        assertThat(plan.exitCode()).as(plan.toString()).isEqualTo(2);
        assertThat(plan.out()).contains("deletion_protection.enabled: false → true")
                .contains("performanceInsights: false → true").contains("snapshotRetentionDays: 0 → 7")
                .contains("deletionProtection: false → true")
                .contains("Plan: 0 to create, 4 to update, 0 to replace, 0 to destroy.");

        CallRecorder recorder = new CallRecorder();
        Cli.Result repair = Cli.run(List.of(recorder), "deploy", "--env", env, "--skip-data-plane");
        assertThat(repair.exitCode()).as(repair.toString()).isZero();
        assertThat(recorder.resourceChanges()).containsExactlyInAnyOrder(
                "ElasticLoadBalancingV2.ModifyLoadBalancerAttributes", "Rds.ModifyDBInstance",
                "ElastiCache.ModifyReplicationGroup", "CognitoIdentityProvider.UpdateUserPool");
        elb_6DeletionProtectionInProductionOnly(env);
        performanceInsightsInProductionOnly(env);
        elastiCache_1And2BackupsInProductionAndMinorUpgradesEverywhere(env);
        cognitoDeletionProtectionInProductionOnly(env);
        Cli.Result clean = Cli.run("plan", "--env", env, "--detailed-exitcode", "--skip-data-plane");
        assertThat(clean.exitCode()).as(clean.toString()).isZero();
    }
}
