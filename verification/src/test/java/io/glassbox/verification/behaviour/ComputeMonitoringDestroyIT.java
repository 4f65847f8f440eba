package io.glassbox.verification.behaviour;

import static org.assertj.core.api.Assertions.assertThat;

import io.glassbox.verification.support.AwsProbe;
import io.glassbox.verification.support.Cli;
import io.glassbox.verification.support.LocalEmulator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Destroy of the Auth, Compute and Monitoring stacks: refused while a repository holds images or the pool
 * holds users (and then nothing at all is deleted) unless the operator names that data
 * ({@code --delete-images}, {@code --delete-users}); then everything goes except the log groups, which are
 * data and go only with {@code --delete-logs} (its former name {@code --delete-log-groups} still works). Production is left as it was.
 */
class ComputeMonitoringDestroyIT {

    private static final List<String> STACKS = List.of("Auth", "Compute", "Monitoring");
    /** A minimal image manifest (Docker Image Manifest V2, Schema 2) for PutImage. */
    private static final String MANIFEST = "{\"schemaVersion\":2,\"mediaType\":"
            + "\"application/vnd.docker.distribution.manifest.v2+json\",\"config\":{\"mediaType\":"
            + "\"application/vnd.docker.container.image.v1+json\",\"size\":2,\"digest\":\"sha256:"
            + "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a\"},\"layers\":[]}";

    private static Cli.Result cli(String... args) {
        return Cli.runStacks(STACKS, args);
    }

    @Test
    void imagesUsersAndLogsAreDeletedOnlyWhenTheOperatorNamesThem() {
        LocalEmulator.reset();
        for (String env : List.of("staging", "production")) {
            Cli.Result result = Cli.run("deploy", "--env", env, "--skip-data-plane");
            assertThat(result.exitCode()).as(result.toString()).isZero();
        }
        try (AwsProbe aws = new AwsProbe()) {
            aws.ecr.putImage(r -> r.repositoryName("glassbox-staging-api").imageTag("v1.0.0").imageManifest(MANIFEST));
            String pool = aws.cognito.listUserPools(r -> r.maxResults(60)).userPools().stream()
                    .filter(p -> p.name().equals("glassbox-staging-users")).findFirst().orElseThrow().id();
            aws.cognito.adminCreateUser(r -> r.userPoolId(pool).username("ada@example.com"));

            Cli.Result refused = cli("destroy", "--env", "staging", "--yes");
            assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(3);
            assertThat(refused.err()).contains("ECR repository glassbox-staging-api holds images: they are release"
                    + " artifacts; it is kept (--delete-images deletes them)")
                    .contains("Cognito user pool glassbox-staging-users (" + pool + ") has users");
            assertThat(aws.ecs.describeServices(r -> r.cluster("glassbox-staging").services("glassbox-staging-api"))
                    .services()).as("nothing was deleted").extracting(s -> s.status()).containsExactly("ACTIVE");
            assertThat(aws.cloudWatch.describeAlarms(r -> r.alarmNamePrefix("glassbox-staging-")).metricAlarms())
                    .hasSize(7);

            Cli.Result onlyImages = cli("destroy", "--env", "staging", "--yes", "--delete-images");
            assertThat(onlyImages.exitCode()).as("one flag allows one kind of data: " + onlyImages).isEqualTo(3);
            assertThat(onlyImages.err()).doesNotContain("holds images").contains("it is kept (--delete-users deletes them)");

            Cli.Result destroyed = cli("destroy", "--env", "staging", "--yes", "--delete-images", "--delete-users");
            assertThat(destroyed.exitCode()).as(destroyed.toString()).isZero();
            assertThat(destroyed.out()).contains("kept monitoring.log-group.api").contains("3 kept");

            assertThat(aws.ecs.describeServices(r -> r.cluster("glassbox-staging")
                    .services("glassbox-staging-api", "glassbox-staging-agent-worker", "glassbox-staging-file-worker"))
                    .services()).allSatisfy(s -> assertThat(s.status()).isNotEqualTo("ACTIVE"));
            assertThat(aws.ecs.describeClusters(r -> r.clusters("glassbox-staging")).clusters())
                    .allSatisfy(c -> assertThat(c.status()).isNotEqualTo("ACTIVE"));
            // moto treats familyPrefix as the exact family: filter here instead.
            assertThat(aws.ecs.listTaskDefinitions(r -> r.status("ACTIVE")).taskDefinitionArns())
                    .noneMatch(arn -> arn.contains(":task-definition/glassbox-staging-"))
                    .anyMatch(arn -> arn.contains(":task-definition/glassbox-production-"));
            assertThat(aws.ecr.describeRepositories().repositories()).extracting(r -> r.repositoryName())
                    .noneMatch(n -> n.startsWith("glassbox-staging-"));
            assertThat(aws.elb.describeLoadBalancers().loadBalancers()).extracting(lb -> lb.loadBalancerName())
                    .containsExactly("glassbox-production");
            assertThat(aws.elb.describeTargetGroups().targetGroups()).extracting(tg -> tg.targetGroupName())
                    .containsExactly("glassbox-production-api");
            // The flow logs' role is the Network stack's, not destroyed here.
            assertThat(aws.iam.listRoles().roles()).extracting(r -> r.roleName())
                    .noneMatch(n -> n.startsWith("glassbox-staging-") && !n.equals("glassbox-staging-flow-logs"));
            assertThat(aws.autoScaling.describeScalableTargets(r -> r.serviceNamespace("ecs")).scalableTargets())
                    .extracting(t -> t.resourceId()).containsExactly("service/glassbox-production/glassbox-production-api");
            assertThat(aws.acm.listCertificates().certificateSummaryList()).extracting(c -> c.domainName())
                    .containsExactly("api.glassbox.io");
            assertThat(aws.secrets.describeSecret(r -> r.secretId("glassbox/staging/llm")).deletedDate())
                    .as("deleted with a recovery window").isNotNull();
            assertThat(aws.cloudWatch.describeAlarms(r -> r.alarmNamePrefix("glassbox-staging-")).metricAlarms()).isEmpty();
            assertThat(aws.cloudWatch.listDashboards().dashboardEntries()).extracting(d -> d.dashboardName())
                    .containsExactly("glassbox-production");
            assertThat(aws.sns.listTopics().topics()).extracting(t -> t.topicArn())
                    .noneMatch(arn -> arn.endsWith(":glassbox-staging-alarms"));
            assertThat(aws.cognito.listUserPools(r -> r.maxResults(60)).userPools()).extracting(p -> p.name())
                    .containsExactly("glassbox-production-users");
            assertThat(aws.logs.describeLogGroups(r -> r.logGroupNamePrefix("/ecs/glassbox-staging/")).logGroups())
                    .as("log groups are data: kept").hasSize(3);

            Cli.Result production = cli("plan", "--env", "production", "--detailed-exitcode", "--skip-data-plane");
            assertThat(production.exitCode()).as("production is untouched: " + production).isZero();

            Cli.Result logs = cli("destroy", "--env", "staging", "--yes", "--delete-log-groups");
            assertThat(logs.exitCode()).as(logs.toString()).isZero();
            assertThat(aws.logs.describeLogGroups(r -> r.logGroupNamePrefix("/ecs/glassbox-staging/")).logGroups())
                    .isEmpty();
            assertThat(aws.logs.describeLogGroups(r -> r.logGroupNamePrefix("/ecs/glassbox-production/")).logGroups())
                    .hasSize(3);
        }
    }
}
