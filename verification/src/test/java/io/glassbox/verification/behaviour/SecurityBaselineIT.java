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
 * group has no rule), ELB.4 (the load balancer drops invalid header fields), RDS.13 (auto minor version upgrade)
 * and RDS.17 (tags copied to snapshots). Each one turned off out of band is planned and repaired, touching nothing
 * else.
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

    @Test
    void eachControlTurnedOffIsPlannedAndRepairedTouchingNothingElse() {
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
                .autoMinorVersionUpgrade(false).copyTagsToSnapshot(false).applyImmediately(true));

        Cli.Result plan = Cli.run("plan", "--env", env, "--detailed-exitcode", "--skip-data-plane");
        assertThat(plan.exitCode()).as(plan.toString()).isEqualTo(2);
        assertThat(plan.out()).contains("policy.secureTransport: no DenyInsecureTransport statement → requests without"
                        + " TLS denied")
                .contains("~   default security group default").contains("rules: 1 inbound, 0 outbound → (none)")
                .contains("routing.http.drop_invalid_header_fields.enabled: false → true")
                .contains("autoMinorVersionUpgrade: false → true").contains("copyTagsToSnapshot: false → true")
                .contains("Plan: 0 to create, 4 to update, 0 to replace, 0 to destroy.");

        CallRecorder recorder = new CallRecorder();
        Cli.Result repair = Cli.run(List.of(recorder), "deploy", "--env", env, "--skip-data-plane");
        assertThat(repair.exitCode()).as(repair.toString()).isZero();
        assertThat(recorder.resourceChanges()).containsExactlyInAnyOrder("S3.PutBucketPolicy",
                "Ec2.RevokeSecurityGroupIngress", "ElasticLoadBalancingV2.ModifyLoadBalancerAttributes",
                "Rds.ModifyDBInstance");
        // The operator's statement is kept beside ours.
        assertThat(aws.s3.getBucketPolicy(r -> r.bucket(bucket(env))).policy()).contains("ReadForCdn")
                .contains("aws:SecureTransport");
        ec2_2TheDefaultSecurityGroupHasNoRule(env);
        elb_4TheLoadBalancerDropsInvalidHeaderFields(env);
        rds_13And17MinorUpgradesAndTagsOnSnapshots(env);
        Cli.Result clean = Cli.run("plan", "--env", env, "--detailed-exitcode", "--skip-data-plane");
        assertThat(clean.exitCode()).as(clean.toString()).isZero();
    }
}
