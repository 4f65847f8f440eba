package io.glassbox.verification.stacks;

import static io.glassbox.verification.support.AwsProbe.ACCOUNT;
import static io.glassbox.verification.support.AwsProbe.expectedTags;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.glassbox.verification.support.AwsProbe;
import io.glassbox.verification.support.CallRecorder;
import io.glassbox.verification.support.Cli;
import io.glassbox.verification.support.Images;
import io.glassbox.verification.support.LocalEmulator;
import io.glassbox.verification.support.Owned;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.ecs.model.ClusterField;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.Secret;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;

/**
 * Every row of the spec's Compute stack, the LLM secret and the ECR repositories for both environments, read
 * back with plain SDK calls: cluster, roles, task definitions (environment from the other stacks, secrets
 * only through {@code secrets}), services, load balancer, listeners, certificate and auto scaling. Then a
 * re-run that changes nothing and registers no second revision.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ComputeStackIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final AwsProbe aws = new AwsProbe();
    private final Map<String, Cli.Result> deploys = new java.util.HashMap<>();
    private final Owned owned = new Owned(aws);

    /** Whether the environment was taken over from the CDK app (CloudFormation's names, the CDK app's certificate). */
    boolean takenOver() {
        return false;
    }

    @BeforeAll
    void deployBothEnvironments() {
        LocalEmulator.reset();
        for (String env : List.of("staging", "production")) {
            Cli.Result result = Cli.run("deploy", "--env", env, "--skip-data-plane");
            assertThat(result.exitCode()).as(result.toString()).isZero();
            deploys.put(env, result);
            // The first deploy creates the repositories: the services run once the release pipeline has pushed.
            Images.pushLatest(aws, env);
            Cli.Result pushed = Cli.run("deploy", "--env", env, "--skip-data-plane");
            assertThat(pushed.exitCode()).as(pushed.toString()).isZero();
        }
    }

    @AfterAll
    void close() {
        aws.close();
    }

    private static Map<String, String> ecsTags(List<software.amazon.awssdk.services.ecs.model.Tag> tags) {
        return tags.stream().collect(Collectors.toMap(t -> t.key(), t -> t.value()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void llmSecretHasAGeneratedJwtSecretAndPlaceholders(String env) {
        Map<String, Object> document = aws.secretDocument("glassbox/" + env + "/llm");
        assertThat(document).containsOnlyKeys("jwtSecret", "anthropicApiKey", "openaiApiKey");
        assertThat((String) document.get("jwtSecret")).hasSizeGreaterThanOrEqualTo(32);
        if (!takenOver()) { // a secret taken over keeps what the CDK app (or the operator) put in it
            assertThat((String) document.get("anthropicApiKey")).startsWith("sk-ant-");
            assertThat((String) document.get("openaiApiKey")).startsWith("sk-");
        }
        assertThat(aws.secrets.describeSecret(r -> r.secretId("glassbox/" + env + "/llm")).tags())
                .extracting(t -> t.key() + "=" + t.value()).contains("Stack=GlassBox-" + env + "-Compute");
    }

    @Test
    void operatorKeysAreNeverOverwrittenAndAMissingKeyIsAddedAlone() {
        String id = "glassbox/staging/llm";
        Map<String, Object> before = aws.secretDocument(id);
        String operatorValue = "{\"jwtSecret\":\"" + before.get("jwtSecret") + "\",\"anthropicApiKey\":\"sk-ant-real\"}";
        aws.secrets.putSecretValue(r -> r.secretId(id).secretString(operatorValue));

        Cli.Result again = Cli.run("deploy", "--env", "staging", "--stack", "Compute", "--skip-data-plane");
        assertThat(again.exitCode()).as(again.toString()).isZero();

        Map<String, Object> after = aws.secretDocument(id);
        assertThat(after).containsEntry("jwtSecret", before.get("jwtSecret"))
                .containsEntry("anthropicApiKey", "sk-ant-real");
        // The missing key comes back as our placeholder (the one a fresh deploy wrote too).
        assertThat((String) after.get("openaiApiKey")).startsWith("sk-");
        if (!takenOver()) {
            assertThat(after).containsEntry("openaiApiKey", before.get("openaiApiKey"));
        }
        assertThat(again.out() + again.err()).doesNotContain((String) before.get("jwtSecret")).doesNotContain("sk-ant-real");
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void repositoriesScanOnPush(String env) {
        for (String name : List.of("api", "worker")) {
            var repo = aws.ecr.describeRepositories(r -> r.repositoryNames("glassbox-" + env + "-" + name))
                    .repositories().get(0);
            assertThat(repo.imageScanningConfiguration().scanOnPush()).isTrue();
            assertThat(aws.ecr.listTagsForResource(r -> r.resourceArn(repo.repositoryArn())).tags())
                    .extracting(t -> t.key() + "=" + t.value()).contains("ManagedBy=glassbox-provisioner");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void clusterHasBothCapacityProvidersAndContainerInsights(String env) {
        var cluster = aws.ecs.describeClusters(r -> r.clusters("glassbox-" + env)
                .include(ClusterField.SETTINGS, ClusterField.TAGS)).clusters().get(0);
        assertThat(cluster.capacityProviders()).containsExactlyInAnyOrder("FARGATE", "FARGATE_SPOT");
        assertThat(cluster.settings()).anyMatch(s -> s.nameAsString().equals("containerInsights")
                && s.value().equals("enabled"));
        assertThat(ecsTags(cluster.tags())).containsAllEntriesOf(expectedTags(env, "Compute", null));
    }

    private JsonNode inlinePolicy(String role) {
        String document = aws.iam.getRolePolicy(r -> r.roleName(role).policyName("glassbox")).policyDocument();
        try {
            return JSON.readTree(document.startsWith("{") ? document : URLDecoder.decode(document, StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    /** action → resources, over every statement of a policy. */
    private static Map<String, List<String>> grants(JsonNode policy) {
        Map<String, List<String>> grants = new java.util.TreeMap<>();
        for (JsonNode statement : policy.path("Statement")) {
            assertThat(statement.path("Effect").asText()).isEqualTo("Allow");
            List<String> resources = new ArrayList<>();
            statement.path("Resource").forEach(r -> resources.add(r.asText()));
            statement.path("Action").forEach(a -> grants.computeIfAbsent(a.asText(), k -> new ArrayList<>())
                    .addAll(resources));
        }
        return grants;
    }

    private String secretArn(String id) {
        return aws.secrets.describeSecret(r -> r.secretId(id)).arn();
    }

    private String queueArn(String name) {
        String url = aws.sqs.getQueueUrl(r -> r.queueName(name)).queueUrl();
        return aws.sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNamesWithStrings("QueueArn"))
                .attributesAsStrings().get("QueueArn");
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void executionRoleReadsOnlyItsSecretsParametersRepositoriesAndLogGroups(String env) {
        String prefix = "glassbox-" + env;
        var role = aws.iam.getRole(r -> r.roleName(prefix + "-execution")).role();
        assertThat(URLDecoder.decode(role.assumeRolePolicyDocument(), StandardCharsets.UTF_8))
                .contains("ecs-tasks.amazonaws.com");
        Map<String, List<String>> grants = grants(inlinePolicy(prefix + "-execution"));
        assertThat(grants.get("secretsmanager:GetSecretValue")).containsExactlyInAnyOrder(
                secretArn("glassbox/" + env + "/database"), secretArn("glassbox/" + env + "/llm"));
        assertThat(grants.get("ssm:GetParameters")).containsExactlyInAnyOrder(
                "arn:aws:ssm:us-east-1:" + ACCOUNT + ":parameter/glassbox/" + env + "/cognito/user-pool-id",
                "arn:aws:ssm:us-east-1:" + ACCOUNT + ":parameter/glassbox/" + env + "/cognito/client-id");
        assertThat(grants.get("ecr:BatchGetImage")).containsExactlyInAnyOrder(
                "arn:aws:ecr:us-east-1:" + ACCOUNT + ":repository/" + prefix + "-api",
                "arn:aws:ecr:us-east-1:" + ACCOUNT + ":repository/" + prefix + "-worker");
        assertThat(grants.get("logs:PutLogEvents")).hasSize(3)
                .allMatch(arn -> arn.startsWith("arn:aws:logs:us-east-1:" + ACCOUNT + ":log-group:/ecs/" + prefix + "/"));
        assertThat(grants.keySet()).as("nothing else").containsExactlyInAnyOrder("ecr:GetAuthorizationToken",
                "ecr:BatchCheckLayerAvailability", "ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage",
                "logs:CreateLogStream", "logs:PutLogEvents", "secretsmanager:GetSecretValue", "ssm:GetParameters");
        assertThat(role.tags()).extracting(t -> t.key() + "=" + t.value()).contains("Stack=GlassBox-" + env + "-Compute");
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void taskRolesUseTheBucketAndOnlyTheirOwnQueues(String env) {
        String prefix = "glassbox-" + env;
        String bucket = "arn:aws:s3:::" + prefix + "-files-" + ACCOUNT;
        String agentJobs = queueArn(prefix + "-agent-jobs");
        String fileProcessing = queueArn(prefix + "-file-processing");
        Map<String, List<String>> api = grants(inlinePolicy(prefix + "-api-task"));
        assertThat(api.get("sqs:SendMessage")).containsExactlyInAnyOrder(agentJobs, fileProcessing);
        assertThat(api).doesNotContainKey("sqs:ReceiveMessage");
        assertThat(api.get("s3:PutObject")).containsExactly(bucket + "/*");
        assertThat(api.get("s3:ListBucket")).containsExactly(bucket);
        Map<String, List<String>> agent = grants(inlinePolicy(prefix + "-agent-worker-task"));
        assertThat(agent.get("sqs:ReceiveMessage")).containsExactly(agentJobs);
        assertThat(agent.get("sqs:DeleteMessage")).containsExactly(agentJobs);
        Map<String, List<String>> file = grants(inlinePolicy(prefix + "-file-worker-task"));
        assertThat(file.get("sqs:ReceiveMessage")).containsExactly(fileProcessing);
        assertThat(file).doesNotContainKey("sqs:SendMessage");
    }

    /**
     * The image a service's first task definition names: latest itself when it was registered before the push (our
     * first deploy), latest's digest when latest was in ECR (a takeover: the CDK app's pipeline had pushed it).
     */
    private String firstImage(String env, String repository) {
        String uri = ACCOUNT + ".dkr.ecr.us-east-1.amazonaws.com/glassbox-" + env + "-" + repository;
        if (!takenOver()) {
            return uri + ":latest";
        }
        return uri + "@" + aws.ecr.describeImages(r -> r.repositoryName("glassbox-" + env + "-" + repository)
                .imageIds(i -> i.imageTag("latest"))).imageDetails().get(0).imageDigest();
    }

    private TaskDefinition taskDefinition(String env, String service) {
        return aws.ecs.describeTaskDefinition(r -> r.taskDefinition("glassbox-" + env + "-" + service)).taskDefinition();
    }

    @ParameterizedTest
    @CsvSource({"staging,api,512,1024", "staging,agent-worker,512,1024", "staging,file-worker,256,512",
            "production,api,1024,2048", "production,agent-worker,1024,2048", "production,file-worker,512,1024"})
    void taskDefinitionsHaveTheSpecsSizesImagesAndLogs(String env, String service, String cpu, String memory) {
        TaskDefinition td = taskDefinition(env, service);
        assertThat(td.cpu()).isEqualTo(cpu);
        assertThat(td.memory()).isEqualTo(memory);
        assertThat(td.networkModeAsString()).isEqualTo("awsvpc");
        assertThat(td.requiresCompatibilitiesAsStrings()).containsExactly("FARGATE");
        assertThat(td.executionRoleArn()).endsWith(":role/glassbox-" + env + "-execution");
        assertThat(td.taskRoleArn()).endsWith(":role/glassbox-" + env + "-" + service + "-task");
        ContainerDefinition container = td.containerDefinitions().get(0);
        String repository = service.equals("api") ? "api" : "worker";
        assertThat(container.image()).isEqualTo(firstImage(env, repository));
        assertThat(container.logConfiguration().logDriverAsString()).isEqualTo("awslogs");
        assertThat(container.logConfiguration().options()).containsEntry("awslogs-group",
                "/ecs/glassbox-" + env + "/" + service).containsEntry("awslogs-region", "us-east-1");
    }

    private static Map<String, String> environment(ContainerDefinition c) {
        return c.environment().stream().collect(Collectors.toMap(KeyValuePair::name, KeyValuePair::value));
    }

    private static Map<String, String> secrets(ContainerDefinition c) {
        return c.secrets().stream().collect(Collectors.toMap(Secret::name, Secret::valueFrom));
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void everyEnvironmentVariableOfTheSpecWithSecretsOnlyThroughSecrets(String env) {
        String prefix = "glassbox-" + env;
        String redisHost = owned.replicationGroup(env).nodeGroups().get(0).primaryEndpoint().address();
        String agentQueue = aws.sqs.getQueueUrl(r -> r.queueName(prefix + "-agent-jobs")).queueUrl();
        String fileQueue = aws.sqs.getQueueUrl(r -> r.queueName(prefix + "-file-processing")).queueUrl();
        String bucket = prefix + "-files-" + ACCOUNT;
        String database = secretArn("glassbox/" + env + "/database");
        String llm = secretArn("glassbox/" + env + "/llm");
        String parameters = "arn:aws:ssm:us-east-1:" + ACCOUNT + ":parameter/glassbox/" + env + "/cognito/";

        ContainerDefinition api = taskDefinition(env, "api").containerDefinitions().get(0);
        assertThat(environment(api)).containsOnly(Map.entry("PORT", "8080"), Map.entry("GO_ENV", "production"),
                Map.entry("REDIS_URL", "rediss://" + redisHost + ":6379"), Map.entry("AWS_REGION", "us-east-1"),
                Map.entry("S3_BUCKET", bucket), Map.entry("SQS_AGENT_QUEUE_URL", agentQueue),
                Map.entry("SQS_FILE_QUEUE_URL", fileQueue), Map.entry("COGNITO_REGION", "us-east-1"),
                Map.entry("ALLOWED_ORIGINS", "https://app.glassbox.io"));
        assertThat(secrets(api)).containsOnly(Map.entry("DATABASE_URL", database + ":url::"),
                Map.entry("JWT_SECRET", llm + ":jwtSecret::"),
                Map.entry("COGNITO_USER_POOL_ID", parameters + "user-pool-id"),
                Map.entry("COGNITO_CLIENT_ID", parameters + "client-id"));
        assertThat(api.portMappings()).extracting(p -> p.containerPort()).containsExactly(8080);

        ContainerDefinition agent = taskDefinition(env, "agent-worker").containerDefinitions().get(0);
        assertThat(environment(agent)).containsOnly(Map.entry("WORKER_TYPE", "agent"),
                Map.entry("REDIS_URL", "rediss://" + redisHost + ":6379"), Map.entry("AWS_REGION", "us-east-1"),
                Map.entry("S3_BUCKET", bucket), Map.entry("SQS_QUEUE_URL", agentQueue),
                Map.entry("DEFAULT_MODEL", "gpt-4"));
        assertThat(secrets(agent)).containsOnly(Map.entry("DATABASE_URL", database + ":url::"),
                Map.entry("OPENAI_API_KEY", llm + ":openaiApiKey::"),
                Map.entry("ANTHROPIC_API_KEY", llm + ":anthropicApiKey::"));

        ContainerDefinition file = taskDefinition(env, "file-worker").containerDefinitions().get(0);
        assertThat(environment(file)).containsOnly(Map.entry("WORKER_TYPE", "file"),
                Map.entry("AWS_REGION", "us-east-1"), Map.entry("S3_BUCKET", bucket),
                Map.entry("SQS_QUEUE_URL", fileQueue));
        assertThat(secrets(file)).containsOnly(Map.entry("DATABASE_URL", database + ":url::"),
                Map.entry("OPENAI_API_KEY", llm + ":openaiApiKey::"));

        // No secret value is ever in plain environment.
        Map<String, Object> dbSecret = aws.secretDocument("glassbox/" + env + "/database");
        Map<String, Object> llmSecret = aws.secretDocument("glassbox/" + env + "/llm");
        for (ContainerDefinition c : List.of(api, agent, file)) {
            assertThat(environment(c).values()).noneMatch(v -> v.contains((String) dbSecret.get("password"))
                    || v.contains((String) llmSecret.get("jwtSecret")));
        }
        assertThat((String) dbSecret.get("url")).startsWith("postgres://glassbox:")
                .endsWith("@" + dbSecret.get("host") + ":5432/glassbox?sslmode=require");
    }

    /** The service (with its tags): {@code glassbox-{env}-{name}} when deployed, CloudFormation's name when taken over. */
    private Service service(String env, String name) {
        Service service = owned.service(env, name);
        if (!takenOver()) {
            assertThat(service.serviceName()).isEqualTo("glassbox-" + env + "-" + name);
        }
        return service;
    }

    private List<String> subnetIds(String env, String tier) {
        return aws.ec2.describeSubnets(r -> r.filters(AwsProbe.tag("Environment", env))).subnets().stream()
                .filter(s -> AwsProbe.tags(s.tags()).getOrDefault("Name", "").startsWith("glassbox-" + env + "-" + tier + "-"))
                .map(s -> s.subnetId()).toList();
    }

    /** The group by its Name tag: one taken over keeps CDK's group name. */
    private String groupId(String name) {
        return aws.ec2.describeSecurityGroups(r -> r.filters(AwsProbe.tag("Name", name))).securityGroups().get(0)
                .groupId();
    }

    @ParameterizedTest
    @CsvSource({"staging,api,1", "staging,agent-worker,1", "staging,file-worker,1",
            "production,api,2", "production,agent-worker,2", "production,file-worker,1"})
    void servicesRunPrivatelyWithTheSpecsDesiredCounts(String env, String name, int desired) {
        Service service = service(env, name);
        assertThat(service.desiredCount()).isEqualTo(desired);
        assertThat(service.launchTypeAsString()).isEqualTo("FARGATE");
        assertThat(service.taskDefinition()).endsWith(":task-definition/glassbox-" + env + "-" + name + ":1");
        var vpc = service.networkConfiguration().awsvpcConfiguration();
        assertThat(vpc.subnets()).containsExactlyInAnyOrderElementsOf(subnetIds(env, "private"));
        assertThat(vpc.securityGroups()).containsExactly(groupId("glassbox-" + env + "-ecs"));
        assertThat(vpc.assignPublicIpAsString()).isEqualTo("DISABLED");
        assertThat(ecsTags(service.tags())).containsAllEntriesOf(expectedTags(env, "Compute", null));
        if (name.equals("api")) {
            assertThat(service.loadBalancers()).singleElement().satisfies(lb -> {
                assertThat(lb.targetGroupArn()).isEqualTo(targetGroup(env).targetGroupArn());
                assertThat(lb.containerName()).isEqualTo("api");
                assertThat(lb.containerPort()).isEqualTo(8080);
            });
        } else {
            assertThat(service.loadBalancers()).isEmpty();
        }
    }

    private LoadBalancer loadBalancer(String env) {
        LoadBalancer lb = owned.loadBalancer(env);
        if (!takenOver()) {
            assertThat(lb.loadBalancerName()).isEqualTo("glassbox-" + env);
        }
        return lb;
    }

    private TargetGroup targetGroup(String env) {
        TargetGroup tg = owned.targetGroup(env);
        if (!takenOver()) {
            assertThat(tg.targetGroupName()).isEqualTo("glassbox-" + env + "-api");
        }
        return tg;
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void loadBalancerIsInternetFacingInThePublicSubnetsWithIdleTimeout60(String env) {
        LoadBalancer lb = loadBalancer(env);
        assertThat(lb.typeAsString()).isEqualTo("application");
        assertThat(lb.schemeAsString()).isEqualTo("internet-facing");
        assertThat(lb.availabilityZones()).extracting(z -> z.subnetId())
                .containsExactlyInAnyOrderElementsOf(subnetIds(env, "public"));
        assertThat(lb.securityGroups()).containsExactly(groupId("glassbox-" + env + "-alb"));
        assertThat(aws.elb.describeLoadBalancerAttributes(r -> r.loadBalancerArn(lb.loadBalancerArn())).attributes())
                .anyMatch(a -> a.key().equals("idle_timeout.timeout_seconds") && a.value().equals("60"));
        TargetGroup tg = targetGroup(env);
        assertThat(tg.port()).isEqualTo(8080);
        assertThat(tg.protocolAsString()).isEqualTo("HTTP");
        assertThat(tg.targetTypeAsString()).isEqualTo("ip");
        assertThat(tg.healthCheckPath()).isEqualTo("/health");
        assertThat(tg.vpcId()).isEqualTo(lb.vpcId());
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void httpRedirectsToHttpsAndHttpsForwardsWithTheRequestedCertificate(String env) {
        LoadBalancer lb = loadBalancer(env);
        List<Listener> listeners = aws.elb.describeListeners(r -> r.loadBalancerArn(lb.loadBalancerArn())).listeners();
        assertThat(listeners).extracting(Listener::port).containsExactlyInAnyOrder(80, 443);
        Listener http = listeners.stream().filter(l -> l.port() == 80).findFirst().orElseThrow();
        assertThat(http.defaultActions()).singleElement().satisfies(a -> {
            assertThat(a.typeAsString()).isEqualTo("redirect");
            assertThat(a.redirectConfig().protocol()).isEqualTo("HTTPS");
            assertThat(a.redirectConfig().port()).isEqualTo("443");
            assertThat(a.redirectConfig().statusCodeAsString()).isEqualTo("HTTP_301");
        });
        Listener https = listeners.stream().filter(l -> l.port() == 443).findFirst().orElseThrow();
        assertThat(https.protocolAsString()).isEqualTo("HTTPS");
        assertThat(https.defaultActions()).singleElement().satisfies(a -> {
            assertThat(a.typeAsString()).isEqualTo("forward");
            assertThat(a.targetGroupArn()).isEqualTo(targetGroup(env).targetGroupArn());
        });
        String served = https.certificates().get(0).certificateArn();
        if (takenOver()) {
            // The certificate the CDK app passed in goes on being served, now ours: found by its step tag.
            assertThat(aws.acm.listTagsForCertificate(r -> r.certificateArn(served)).tags())
                    .extracting(t -> t.key() + "=" + t.value()).contains("glassbox:step=compute.certificate",
                            "Environment=" + env);
            return;
        }
        String domain = env.equals("production") ? "api.glassbox.io" : "api." + env + ".glassbox.io";
        var certificate = aws.acm.describeCertificate(r -> r.certificateArn(served)).certificate();
        assertThat(certificate.domainName()).isEqualTo(domain);
        assertThat(certificate.domainValidationOptions()).extracting(v -> v.validationMethodAsString())
                .containsOnly("DNS");
        // The record to create was printed while the certificate was still pending validation.
        assertThat(deploys.get(env).out()).contains("compute.certificate.dns-validation-record")
                .contains("CNAME _").contains("." + domain + ". → ");
    }

    @ParameterizedTest
    @CsvSource({"staging,1,4", "production,2,10"})
    void apiScalesOnCpuAndMemoryWithTheSpecsCooldowns(String env, int min, int max) {
        String resource = "service/glassbox-" + env + "/" + service(env, "api").serviceName();
        var target = aws.autoScaling.describeScalableTargets(r -> r.serviceNamespace("ecs").resourceIds(resource))
                .scalableTargets();
        assertThat(target).singleElement().satisfies(t -> {
            assertThat(t.minCapacity()).isEqualTo(min);
            assertThat(t.maxCapacity()).isEqualTo(max);
            assertThat(t.scalableDimensionAsString()).isEqualTo("ecs:service:DesiredCount");
        });
        var policies = aws.autoScaling.describeScalingPolicies(r -> r.serviceNamespace("ecs").resourceId(resource))
                .scalingPolicies().stream().collect(Collectors.toMap(p -> p.targetTrackingScalingPolicyConfiguration()
                        .predefinedMetricSpecification().predefinedMetricTypeAsString(),
                        p -> p.targetTrackingScalingPolicyConfiguration()));
        assertThat(policies).containsOnlyKeys("ECSServiceAverageCPUUtilization", "ECSServiceAverageMemoryUtilization");
        assertThat(policies.get("ECSServiceAverageCPUUtilization").targetValue()).isEqualTo(70.0);
        assertThat(policies.get("ECSServiceAverageMemoryUtilization").targetValue()).isEqualTo(80.0);
        assertThat(policies.values()).allSatisfy(p -> {
            assertThat(p.scaleInCooldown()).isEqualTo(300);
            assertThat(p.scaleOutCooldown()).isEqualTo(60);
        });
    }

    @Test
    void reRunMakesNoMutatingCallAndNoSecondRevision() {
        CallRecorder recorder = new CallRecorder();
        Cli.Result again = Cli.run(List.of(recorder), "deploy", "--env", "production", "--skip-data-plane");
        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(recorder.mutating()).isEmpty();
        for (String family : List.of("api", "agent-worker", "file-worker")) {
            assertThat(aws.ecs.listTaskDefinitions(r -> r.familyPrefix("glassbox-production-" + family))
                    .taskDefinitionArns()).hasSize(1);
        }
        assertThat(aws.acm.listCertificates(r -> r.includes(i -> i.keyTypesWithStrings("RSA_2048")))
                .certificateSummaryList()).filteredOn(c -> c.domainName().equals("api.glassbox.io")).hasSize(1);
    }

    /** Last: it leaves staging on a second revision. */
    @Test
    @Order(Integer.MAX_VALUE)
    void aChangedImageTagRegistersOneNewRevisionAndRollsTheServices() throws Exception {
        java.nio.file.Path config = io.glassbox.verification.support.Scratch.file("glassbox", ".yaml");
        java.nio.file.Files.writeString(config, "imageTag: v1.2.3\n");
        Cli.Result plan = Cli.run("plan", "--env", "staging", "--stack", "Compute", "--config", config.toString(),
                "--detailed-exitcode");
        assertThat(plan.exitCode()).as(plan.toString()).isEqualTo(2);
        String latest = firstImage("staging", "api");
        assertThat(plan.out()).contains("image: api latest" + (takenOver()
                ? " (" + latest.substring(latest.indexOf('@') + 1, latest.indexOf('@') + 20) + "…)" : "") + " → v1.2.3");
        // The pipeline pushes the release's images, then deploys it (a tag not pushed would fail its rollouts).
        String api = Images.push(aws, "glassbox-staging-api", "v1.2.3", "api v1.2.3");
        String worker = Images.push(aws, "glassbox-staging-worker", "v1.2.3", "worker v1.2.3");
        Cli.Result deployed = Cli.run("deploy", "--env", "staging", "--stack", "Compute", "--config", config.toString(),
                "--skip-data-plane");
        assertThat(deployed.exitCode()).as(deployed.toString()).isZero();
        for (String name : List.of("api", "agent-worker", "file-worker")) {
            assertThat(aws.ecs.listTaskDefinitions(r -> r.familyPrefix("glassbox-staging-" + name))
                    .taskDefinitionArns()).hasSize(2);
            assertThat(service("staging", name).taskDefinition()).endsWith(":2");
            // Named by the digest the tag names, so that every task of the revision runs that image.
            assertThat(taskDefinition("staging", name).containerDefinitions().get(0).image())
                    .endsWith("@" + (name.equals("api") ? api : worker));
        }
        Cli.Result clean = Cli.run("plan", "--env", "staging", "--stack", "Compute", "--config", config.toString(),
                "--detailed-exitcode");
        assertThat(clean.exitCode()).as(clean.toString()).isZero();
    }
}
