package io.glassbox.provisioner.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.glassbox.provisioner.engine.Change;
import io.glassbox.provisioner.engine.Plan;
import io.glassbox.provisioner.engine.RefusedException;
import io.glassbox.provisioner.engine.StepId;
import io.glassbox.provisioner.engine.StepPlan;
import io.glassbox.provisioner.spec.Environment;
import io.glassbox.provisioner.spec.EnvironmentSpecs;
import io.glassbox.provisioner.spec.StackName;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** How CloudFormation resources are matched to steps, from template snippets in CDK's shape. No network. */
class TakeoverMatcherTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static CloudFormationStack stack(String name, String resourcesJson, Map<String, String> exports,
                                             Set<String> imports) throws Exception {
        JsonNode resources = JSON.readTree(resourcesJson);
        List<StackResource> list = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = resources.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            list.add(new StackResource(name, e.getKey(), e.getValue().path("Type").asText(),
                    Optional.of("id-" + e.getKey()), e.getValue().path("Properties"), false));
        }
        return new CloudFormationStack(name, "CREATE_COMPLETE", JSON.createObjectNode(), list, exports, imports);
    }

    private static TakeoverMatcher matcher() {
        return new TakeoverMatcher(EnvironmentSpecs.forEnvironment(Environment.STAGING),
                Map.of("SQS queue|glassbox-staging-agent-jobs", StepId.of("messaging.queue.agent-jobs"),
                        "S3 bucket|glassbox-staging-files-123456789012", StepId.of("storage.bucket")),
                List.of(StepId.of("network.vpc"), StepId.of("network.subnet.private-b"), StepId.of("storage.bucket"),
                        StepId.of("messaging.queue.agent-jobs"), StepId.of("network.security-group.rds"),
                        StepId.of("database.parameter-group")),
                Map.of("AWS::AccountId", "123456789012"));
    }

    @Test
    void networkResourcesAreMatchedByCidrZoneAndPorts() throws Exception {
        CloudFormationStack network = stack("GlassBox-staging-Network", """
                {"Vpc": {"Type": "AWS::EC2::VPC", "Properties": {"CidrBlock": "10.0.0.0/16"}},
                 "Other": {"Type": "AWS::EC2::VPC", "Properties": {"CidrBlock": "172.16.0.0/16"}},
                 "PrivB": {"Type": "AWS::EC2::Subnet", "Properties": {"CidrBlock": "10.0.11.0/24",
                           "AvailabilityZone": "us-east-1b", "VpcId": {"Ref": "Vpc"}}},
                 "RdsSg": {"Type": "AWS::EC2::SecurityGroup", "Properties": {"VpcId": {"Ref": "Vpc"}}},
                 "RdsIn": {"Type": "AWS::EC2::SecurityGroupIngress", "Properties": {"FromPort": 5432, "ToPort": 5432,
                           "GroupId": {"Fn::GetAtt": ["RdsSg", "GroupId"]}}},
                 "Meta": {"Type": "AWS::CDK::Metadata", "Properties": {}}}
                """, Map.of(), Set.of());
        TakeoverPlan plan = matcher().match(List.of(network));
        assertThat(plan.resourceOf(StepId.of("network.vpc"))).get().extracting(t -> t.resource().logicalId())
                .isEqualTo("Vpc");
        assertThat(plan.resourceOf(StepId.of("network.subnet.private-b"))).isPresent();
        assertThat(plan.resourceOf(StepId.of("network.security-group.rds"))).get()
                .extracting(t -> t.resource().logicalId()).isEqualTo("RdsSg");
        assertThat(plan.takeovers()).filteredOn(t -> t.role() == Takeover.Role.PART)
                .extracting(t -> t.resource().logicalId() + "→" + t.step()).containsExactly("RdsIn→network.security-group.rds");
        assertThat(plan.leftovers()).extracting(l -> l.resource().logicalId()).containsExactlyInAnyOrder("Other", "Meta");
        assertThat(plan.notInCloudFormation()).containsExactlyInAnyOrder(StepId.of("storage.bucket"),
                StepId.of("messaging.queue.agent-jobs"), StepId.of("database.parameter-group"));
    }

    @Test
    void onlyWhatTheDeployAfterTheTakeoverChangesIsNamedAsMadeByIt() throws Exception {
        TakeoverPlan plan = matcher().match(List.of(stack("GlassBox-staging-Network", """
                {"Vpc": {"Type": "AWS::EC2::VPC", "Properties": {"CidrBlock": "10.0.0.0/16"}}}
                """, Map.of(), Set.of())));
        assertThat(plan.madeByTheDeploy()).as("before the deploy is planned").isEqualTo(plan.notInCloudFormation());
        // The deploy creates the parameter group and leaves the bucket's step as it is (as the alarm topic's
        // subscriptions are left without an alarm email); the steps it does not plan stay named.
        Plan converge = new Plan(Environment.STAGING, List.of(
                new StepPlan(StepId.of("database.parameter-group"), StackName.DATABASE, "RDS parameter group",
                        "glassbox-staging-postgres16", Optional.empty(), List.of(Change.create("parameter group"))),
                new StepPlan(StepId.of("storage.bucket"), StackName.STORAGE, "S3 bucket", "b", Optional.of("b"),
                        List.of())), Map.of(), Map.of());
        assertThat(plan.withConverge(converge).madeByTheDeploy()).containsExactly(
                StepId.of("network.subnet.private-b"), StepId.of("messaging.queue.agent-jobs"),
                StepId.of("network.security-group.rds"), StepId.of("database.parameter-group"));
    }

    @Test
    void namedResourcesAreMatchedByNameEvenBuiltFromPseudoParameters() throws Exception {
        CloudFormationStack storage = stack("GlassBox-staging-Storage", """
                {"Files": {"Type": "AWS::S3::Bucket", "Properties": {"BucketName": {"Fn::Join": ["",
                           ["glassbox-staging-files-", {"Ref": "AWS::AccountId"}]]}}},
                 "Jobs": {"Type": "AWS::SQS::Queue", "Properties": {"QueueName": "glassbox-staging-agent-jobs"}},
                 "Stray": {"Type": "AWS::SQS::Queue", "Properties": {"QueueName": "someone-elses"}}}
                """, Map.of(), Set.of());
        TakeoverPlan plan = matcher().match(List.of(storage));
        assertThat(plan.resourceOf(StepId.of("storage.bucket"))).isPresent();
        assertThat(plan.resourceOf(StepId.of("messaging.queue.agent-jobs"))).isPresent();
        assertThat(plan.leftovers()).extracting(l -> l.resource().logicalId()).containsExactly("Stray");
    }

    @Test
    void importersAreDeletedBeforeTheirExporters() throws Exception {
        CloudFormationStack network = stack("N", "{}", Map.of("N:vpc", "Vpc"), Set.of());
        CloudFormationStack database = stack("D", "{}", Map.of("D:db", "Db"), Set.of("N:vpc"));
        CloudFormationStack monitoring = stack("M", "{}", Map.of(), Set.of("D:db", "N:vpc"));
        CloudFormationStack storage = stack("S", "{}", Map.of(), Set.of());
        // Listed exporters first, as the CDK app deploys them: deleted the other way round.
        assertThat(TakeoverMatcher.deletionOrder(List.of(network, database, storage, monitoring)))
                .containsExactly("M", "S", "D", "N");
        // Listed in any order, the exports still decide.
        assertThat(TakeoverMatcher.deletionOrder(List.of(monitoring, database, network)))
                .containsExactly("M", "D", "N");
    }

    @Test
    void theListenersCertificatePassedInAsAParameterIsTakenOverNotRequestedAgain() throws Exception {
        CloudFormationStack compute = stack("GlassBox-staging-Compute", """
                {"Https": {"Type": "AWS::ElasticLoadBalancingV2::Listener", "Properties": {"Port": 443,
                           "Certificates": [{"CertificateArn": {"Ref": "CertificateArn"}}]}}}
                """, Map.of(), Set.of());
        CloudFormationStack withParameter = new CloudFormationStack(compute.name(), compute.status(), compute.template(),
                compute.resources(), compute.exports(), compute.imports(),
                Map.of("CertificateArn", "arn:aws:acm:us-east-1:123456789012:certificate/abc"));
        TakeoverPlan plan = matcherWith(StepId.of("compute.certificate")).match(List.of(withParameter));
        assertThat(plan.resourceOf(StepId.of("compute.certificate"))).get().satisfies(t -> {
            assertThat(t.resource().physicalId()).contains("arn:aws:acm:us-east-1:123456789012:certificate/abc");
            assertThat(t.resource().retained()).as("no stack holds it: releasing them never touches it").isTrue();
        });
        assertThat(plan.origins().get(StepId.of("compute.certificate")).address())
                .isEqualTo("GlassBox-staging-Compute/CertificateArn");
        assertThat(plan.notInCloudFormation()).doesNotContain(StepId.of("compute.certificate"));
    }

    @Test
    void theDatabaseCredentialsUnderAnotherNameAreTheDatabaseSecretsToCopy() throws Exception {
        CloudFormationStack database = stack("GlassBox-staging-Database", """
                {"InstanceSecret": {"Type": "AWS::SecretsManager::Secret", "Properties": {"GenerateSecretString": {}}},
                 "Attachment": {"Type": "AWS::SecretsManager::SecretTargetAttachment", "Properties": {
                                "SecretId": {"Ref": "InstanceSecret"}, "TargetId": {"Ref": "Instance"},
                                "TargetType": "AWS::RDS::DBInstance"}},
                 "Instance": {"Type": "AWS::RDS::DBInstance", "Properties": {}},
                 "Unrelated": {"Type": "AWS::SecretsManager::Secret", "Properties": {"Name": "someone-elses"}}}
                """, Map.of(), Set.of());
        TakeoverPlan plan = matcherWith(StepId.of("database.secret")).match(List.of(database));
        assertThat(plan.resourceOf(StepId.of("database.secret"))).get()
                .extracting(t -> t.resource().logicalId()).isEqualTo("InstanceSecret");
        assertThat(plan.takeovers()).filteredOn(t -> t.role() == Takeover.Role.PART)
                .extracting(t -> t.resource().logicalId() + "→" + t.step()).contains("Attachment→database.secret");
        assertThat(plan.leftovers()).extracting(l -> l.resource().logicalId()).containsExactly("Unrelated");
    }

    private static final String UNATTACHED = """
            {"InstanceSecret": {"Type": "AWS::SecretsManager::Secret", "Properties": {"GenerateSecretString": {
                                "SecretStringTemplate": "{\\"username\\":\\"glassbox\\"}"}}},
             "Instance": {"Type": "AWS::RDS::DBInstance", "Properties": {"MasterUsername": "glassbox"}},
             "AppUser": {"Type": "AWS::SecretsManager::Secret", "Properties": {"GenerateSecretString": {
                                "SecretStringTemplate": "{\\"username\\":\\"reporting\\"}"}}}%s}
            """;

    @Test
    void withoutAnAttachmentTheOneSecretOfTheMasterUserIsTheSource() throws Exception {
        CloudFormationStack database = stack("GlassBox-staging-Database", UNATTACHED.formatted(""), Map.of(), Set.of());
        TakeoverPlan plan = matcherWith(StepId.of("database.secret")).match(List.of(database));
        assertThat(plan.resourceOf(StepId.of("database.secret"))).get()
                .extracting(t -> t.resource().logicalId()).isEqualTo("InstanceSecret");
    }

    @Test
    void twoSecretsOfTheMasterUserStopTheTakeoverNamingBothUntilOneIsChosen() throws Exception {
        CloudFormationStack database = stack("GlassBox-staging-Database", UNATTACHED.formatted("""
                , "Copy": {"Type": "AWS::SecretsManager::Secret", "Properties": {"GenerateSecretString": {
                           "SecretStringTemplate": "{\\"username\\":\\"glassbox\\"}"}}}"""), Map.of(), Set.of());
        assertThatThrownBy(() -> matcherWith(StepId.of("database.secret")).match(List.of(database)))
                .isInstanceOf(RefusedException.class).hasMessageContaining("--database-secret ARN")
                .satisfies(e -> assertThat(((RefusedException) e).reasons()).containsExactly(
                        "GlassBox-staging-Database/InstanceSecret (id-InstanceSecret)",
                        "GlassBox-staging-Database/Copy (id-Copy)"));
        TakeoverPlan chosen = new TakeoverMatcher(EnvironmentSpecs.forEnvironment(Environment.STAGING), Map.of(),
                List.of(StepId.of("database.secret"), StepId.of("database.instance")), Map.of(),
                Optional.of("id-Copy")).match(List.of(database));
        assertThat(chosen.resourceOf(StepId.of("database.secret"))).get()
                .extracting(t -> t.resource().logicalId()).isEqualTo("Copy");
    }

    @Test
    void aSecretIsNamedByItsArnOrItsName() {
        String arn = "arn:aws:secretsmanager:us-east-1:123456789012:secret:InstanceSecret-AbC123";
        assertThat(TakeoverMatcher.namesSecret(arn, arn)).isTrue();
        assertThat(TakeoverMatcher.namesSecret(arn, "InstanceSecret")).isTrue();
        assertThat(TakeoverMatcher.namesSecret(arn, "Instance")).isFalse();
    }

    private static TakeoverMatcher matcherWith(StepId... steps) {
        List<StepId> all = new ArrayList<>(List.of(steps));
        all.add(StepId.of("database.instance"));
        return new TakeoverMatcher(EnvironmentSpecs.forEnvironment(Environment.STAGING), Map.of(), all,
                Map.of("AWS::AccountId", "123456789012"));
    }
}
