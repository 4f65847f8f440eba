package io.glassbox.verification.support;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.cloudformation.model.Capability;
import software.amazon.awssdk.services.cloudformation.model.Export;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackResourceSummary;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cognitoidentityprovider.model.OAuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolType;
import software.amazon.awssdk.services.elasticache.model.ReplicationGroup;

/**
 * The GlassBox environments as the CDK app deployed them: the app under {@code verification/cdk-app} (synthesized
 * by {@code scripts/cdk-synth.sh}) created stack by stack in the emulator through CloudFormation. moto 5.2.1's
 * CloudFormation accepts but creates nothing for some resource types
 * ({@link KnownEmulatorGaps#CLOUDFORMATION_TYPES_NOT_CREATED}); the fixture makes those with the SDK, with the
 * names CloudFormation would give them, and puts their values where the templates refer to them. The templates
 * stay whole: CloudFormation's own view of each stack (GetTemplate) lists every resource, as on AWS.
 */
public final class CdkFixture {

    /** The stacks of one environment in the order the CDK app deploys them. */
    public static final List<String> STACKS = List.of("Network", "Database", "Cache", "Storage", "Messaging", "Auth",
            "Compute", "Monitoring");
    private static final Path APP = LocalServices.repositoryRoot().resolve("verification/cdk-app");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration STACK_TIMEOUT = Duration.ofMinutes(2);

    private final AwsProbe aws;
    private final String env;
    private final Map<String, String> physicalIds = new HashMap<>();
    private boolean imagesPushed;
    private final Map<String, Map<String, String>> attributes = new HashMap<>();

    private CdkFixture(AwsProbe aws, String env) {
        this.aws = aws;
        this.env = env;
    }

    /** The full name of one of the app's stacks: {@code GlassBox-staging-Network}. */
    public static String stackName(String env, String stack) {
        return "GlassBox-" + env + "-" + stack;
    }

    /**
     * The certificate the CDK app's operators issued for {@code env} out of band and passed in: one per environment,
     * for its API domain.
     */
    public static String certificate(AwsProbe aws, String env) {
        String domain = env.equals("production") ? "api.glassbox.io" : "api." + env + ".glassbox.io";
        return aws.acm.requestCertificate(r -> r.domainName(domain)).certificateArn();
    }

    /** Creates every stack of {@code env} as the CDK app would; the HTTPS listener gets {@code certificateArn}. */
    public static void deploy(AwsProbe aws, String env, String certificateArn) {
        deploy(aws, env, certificateArn, (stack, template) -> template);
    }

    /**
     * As {@link #deploy(AwsProbe, String, String)}, each stack's template first passed through {@code edit}
     * ({@code stack name, template → template}): the CDK app as another team may have written it.
     */
    public static void deploy(AwsProbe aws, String env, String certificateArn,
                              java.util.function.BiFunction<String, JsonNode, JsonNode> edit) {
        CdkFixture fixture = new CdkFixture(aws, env);
        for (String stack : STACKS) {
            fixture.create(stackName(env, stack), certificateArn, edit);
        }
    }

    /** The synthesized template of one stack. */
    public static JsonNode template(String stackName) {
        Path file = APP.resolve("cdk.out").resolve(stackName + ".template.json");
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException(file + " is missing: scripts/cdk-synth.sh synthesizes the CDK app");
        }
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void create(String stackName, String certificateArn,
                        java.util.function.BiFunction<String, JsonNode, JsonNode> edit) {
        JsonNode template = edit.apply(stackName, template(stackName).deepCopy());
        Map<String, JsonNode> resources = resources(template);
        // What moto would not create, made first, so that the stack's references to it resolve.
        // One ListExports per stack: the references resolve against the ids remembered as the fixture goes.
        CloudFormationIntrinsics before = intrinsics(stackName);
        resources.forEach((logicalId, resource) -> createBefore(stackName, logicalId, resource, before));
        String body = substituteOutsideGaps(template, before).toString();
        List<software.amazon.awssdk.services.cloudformation.model.Parameter> parameters = new ArrayList<>();
        if (template.path("Parameters").has("CertificateArn")) {
            parameters.add(software.amazon.awssdk.services.cloudformation.model.Parameter.builder()
                    .parameterKey("CertificateArn").parameterValue(certificateArn).build());
        }
        aws.cloudFormation.createStack(r -> r.stackName(stackName).templateBody(body).parameters(parameters)
                .capabilities(Capability.CAPABILITY_IAM, Capability.CAPABILITY_NAMED_IAM));
        Stack created = awaitComplete(stackName);
        if (!"CREATE_COMPLETE".equals(created.stackStatusAsString())) {
            throw new IllegalStateException(stackName + " ended " + created.stackStatusAsString() + ": "
                    + created.stackStatusReason());
        }
        for (StackResourceSummary summary : aws.cloudFormation.listStackResourcesPaginator(r -> r.stackName(stackName))
                .stackResourceSummaries()) {
            if (summary.logicalResourceId() != null && summary.physicalResourceId() != null
                    && !summary.physicalResourceId().isEmpty()) {
                physicalIds.putIfAbsent(summary.logicalResourceId(), summary.physicalResourceId());
            }
        }
        CloudFormationIntrinsics after = intrinsics(stackName);
        resources.forEach((logicalId, resource) -> {
            if (resource.path("Type").asText().equals("AWS::RDS::DBInstance")) {
                recreateInstance(logicalId, resource.path("Properties"), after);
            }
        });
        resources.forEach((logicalId, resource) -> createAfter(stackName, logicalId, resource, after));
        resources.forEach((logicalId, resource) -> tagAsCloudFormationDoes(created, logicalId, resource));
    }

    /**
     * CloudFormation tags every taggable resource it creates with its stack and logical id
     * ({@code aws:cloudformation:stack-name}, {@code -logical-id}, {@code -stack-id}); moto's CloudFormation tags
     * EC2 resources only, and ListStackResources reports no physical id for the ElastiCache groups the fixture makes
     * nor for an RDS subnet group (KnownEmulatorGaps.CLOUDFORMATION_NO_PHYSICAL_ID). Those get the tags here, as on
     * AWS, where a takeover finds them by these tags when it has no id.
     */
    private void tagAsCloudFormationDoes(Stack stack, String logicalId, JsonNode resource) {
        List<software.amazon.awssdk.services.elasticache.model.Tag> cacheTags = List.of(
                cacheTag("aws:cloudformation:stack-name", stack.stackName()),
                cacheTag("aws:cloudformation:logical-id", logicalId),
                cacheTag("aws:cloudformation:stack-id", stack.stackId()));
        switch (resource.path("Type").asText()) {
            case "AWS::ElastiCache::SubnetGroup" -> {
                String name = physicalIds.get(logicalId);
                String arn = aws.elastiCache.describeCacheSubnetGroups(r -> r.cacheSubnetGroupName(name))
                        .cacheSubnetGroups().get(0).arn();
                aws.elastiCache.addTagsToResource(r -> r.resourceName(arn).tags(cacheTags));
            }
            case "AWS::ElastiCache::ReplicationGroup" -> {
                String id = physicalIds.get(logicalId);
                // CloudFormation's stack completes once the group is available; it is "creating" until then and
                // refuses tagging (KnownEmulatorGaps.ELASTICACHE_BUSY_STATES).
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).until(() -> "available"
                        .equals(aws.elastiCache.describeReplicationGroups(r -> r.replicationGroupId(id))
                                .replicationGroups().get(0).status()));
                String arn = aws.elastiCache.describeReplicationGroups(r -> r.replicationGroupId(id))
                        .replicationGroups().get(0).arn();
                aws.elastiCache.addTagsToResource(r -> r.resourceName(arn).tags(cacheTags));
            }
            case "AWS::SecretsManager::Secret" -> aws.secrets.tagResource(r -> r.secretId(physicalIds.get(logicalId))
                    .tags(t -> t.key("aws:cloudformation:stack-name").value(stack.stackName()),
                            t -> t.key("aws:cloudformation:logical-id").value(logicalId),
                            t -> t.key("aws:cloudformation:stack-id").value(stack.stackId())));
            case "AWS::RDS::DBSubnetGroup" -> {
                // moto names it {stack}-{logical id}-{random}, in lower case, and reports no physical id.
                String prefix = (stack.stackName() + "-" + logicalId + "-").toLowerCase(Locale.ROOT);
                var group = aws.rds.describeDBSubnetGroups().dbSubnetGroups().stream()
                        .filter(g -> g.dbSubnetGroupName().startsWith(prefix)).findFirst().orElseThrow();
                aws.rds.addTagsToResource(r -> r.resourceName(group.dbSubnetGroupArn()).tags(
                        rdsTag("aws:cloudformation:stack-name", stack.stackName()),
                        rdsTag("aws:cloudformation:logical-id", logicalId),
                        rdsTag("aws:cloudformation:stack-id", stack.stackId())));
            }
            default -> { }
        }
    }

    private static software.amazon.awssdk.services.elasticache.model.Tag cacheTag(String key, String value) {
        return software.amazon.awssdk.services.elasticache.model.Tag.builder().key(key).value(value).build();
    }

    private static software.amazon.awssdk.services.rds.model.Tag rdsTag(String key, String value) {
        return software.amazon.awssdk.services.rds.model.Tag.builder().key(key).value(value).build();
    }

    /**
     * The instance as CloudFormation creates it from the template: moto's CloudFormation puts it on port 3306, leaves
     * out its VPC security groups, maximum storage and deletion protection, keeps the storage size as text (which
     * ModifyDBInstance then fails on) and takes the password's dynamic reference literally
     * (KnownEmulatorGaps.CLOUDFORMATION_RDS_INSTANCE_PROPERTIES). The fixture makes it again under the same
     * identifier, in the same subnet group, with the template's properties and the generated secret's password.
     */
    private void recreateInstance(String logicalId, JsonNode p, CloudFormationIntrinsics intrinsics) {
        String id = physicalIds.get(logicalId);
        var live = aws.rds.describeDBInstances(r -> r.dbInstanceIdentifier(id)).dbInstances().get(0);
        // MasterUserPassword is {{resolve:secretsmanager:<secret>:SecretString:password::}}, the secret by Ref.
        String secret = physicalIds.get(p.path("MasterUserPassword").path("Fn::Join").path(1).path(1).path("Ref").asText());
        String password = String.valueOf(aws.secretDocument(secret).get("password"));
        List<String> groups = new ArrayList<>();
        p.path("VPCSecurityGroups").forEach(g -> groups.add(intrinsics.text(g)));
        aws.rds.deleteDBInstance(r -> r.dbInstanceIdentifier(id).skipFinalSnapshot(true));
        aws.rds.createDBInstance(r -> r.dbInstanceIdentifier(id).dbInstanceClass(p.path("DBInstanceClass").asText())
                .engine(p.path("Engine").asText()).engineVersion(p.path("EngineVersion").asText())
                .allocatedStorage(p.path("AllocatedStorage").asInt()).maxAllocatedStorage(p.path("MaxAllocatedStorage").asInt())
                .storageType(p.path("StorageType").asText()).storageEncrypted(p.path("StorageEncrypted").asBoolean())
                .multiAZ(p.path("MultiAZ").asBoolean()).backupRetentionPeriod(p.path("BackupRetentionPeriod").asInt())
                .deletionProtection(p.path("DeletionProtection").asBoolean()).dbName(p.path("DBName").asText())
                .masterUsername(p.path("MasterUsername").asText()).masterUserPassword(password)
                .dbSubnetGroupName(live.dbSubnetGroup().dbSubnetGroupName()).vpcSecurityGroupIds(groups)
                .port(p.path("Port").asInt(5432)).publiclyAccessible(p.path("PubliclyAccessible").asBoolean())
                .copyTagsToSnapshot(p.path("CopyTagsToSnapshot").asBoolean()));
    }

    /**
     * The service as CloudFormation creates it from the template: moto's CloudFormation keeps only its cluster, task
     * definition and count (KnownEmulatorGaps.CLOUDFORMATION_ECS_SERVICE_PROPERTIES), so the fixture makes it again
     * under the same name (moto replaces a service of that name) with the template's launch type, network
     * configuration, load balancers and deployment settings.
     */
    private void recreateService(String logicalId, JsonNode properties, CloudFormationIntrinsics intrinsics) {
        String arn = physicalIds.get(logicalId);
        String cluster = intrinsics.text(properties.path("Cluster"));
        var live = aws.ecs.describeServices(r -> r.cluster(cluster).services(arn)).services().get(0);
        JsonNode vpc = properties.path("NetworkConfiguration").path("AwsvpcConfiguration");
        List<String> subnets = new ArrayList<>();
        vpc.path("Subnets").forEach(s -> subnets.add(intrinsics.text(s)));
        List<String> groups = new ArrayList<>();
        vpc.path("SecurityGroups").forEach(g -> groups.add(intrinsics.text(g)));
        List<software.amazon.awssdk.services.ecs.model.LoadBalancer> balancers = new ArrayList<>();
        properties.path("LoadBalancers").forEach(lb -> balancers.add(software.amazon.awssdk.services.ecs.model
                .LoadBalancer.builder().containerName(lb.path("ContainerName").asText())
                .containerPort(lb.path("ContainerPort").asInt())
                .targetGroupArn(intrinsics.text(lb.path("TargetGroupArn"))).build()));
        JsonNode breaker = properties.path("DeploymentConfiguration").path("DeploymentCircuitBreaker");
        if (!imagesPushed) {
            // An environment the CDK app runs has its images: the release pipeline pushed them to the stack's
            // repositories (the emulator's services start only from images that exist).
            Images.pushLatest(aws, env);
            imagesPushed = true;
        }
        aws.ecs.deleteService(r -> r.cluster(cluster).service(arn).force(true));
        aws.ecs.createService(r -> r.cluster(cluster).serviceName(live.serviceName())
                .taskDefinition(live.taskDefinition()).desiredCount(properties.path("DesiredCount").asInt(1))
                .launchType(properties.path("LaunchType").asText("FARGATE")).loadBalancers(balancers)
                .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets(subnets).securityGroups(groups)
                        .assignPublicIp(vpc.path("AssignPublicIp").asText("DISABLED"))))
                .deploymentConfiguration(d -> d.deploymentCircuitBreaker(b -> b.enable(breaker.path("Enable")
                        .asBoolean()).rollback(breaker.path("Rollback").asBoolean()))));
    }

    /**
     * The template with the values of the fixture's resources put in wherever moto would need them: in the resources
     * moto creates and in the outputs. The resources moto leaves out keep their references, as CloudFormation's
     * GetTemplate shows them on AWS.
     */
    private static JsonNode substituteOutsideGaps(JsonNode template, CloudFormationIntrinsics intrinsics) {
        com.fasterxml.jackson.databind.node.ObjectNode copy = template.deepCopy();
        copy.set("Outputs", intrinsics.substitute(template.path("Outputs")));
        com.fasterxml.jackson.databind.node.ObjectNode resources = JSON.createObjectNode();
        template.path("Resources").fields().forEachRemaining(entry -> resources.set(entry.getKey(),
                NOT_CREATED_BY_MOTO.contains(entry.getValue().path("Type").asText()) ? entry.getValue()
                        : intrinsics.substitute(entry.getValue())));
        copy.set("Resources", resources);
        if (template.path("Outputs").isMissingNode()) {
            copy.remove("Outputs");
        }
        return copy;
    }

    /** KnownEmulatorGaps.CLOUDFORMATION_TYPES_NOT_CREATED: the types this fixture makes with the SDK. */
    private static final java.util.Set<String> NOT_CREATED_BY_MOTO = java.util.Set.of(
            "AWS::SecretsManager::Secret", "AWS::SecretsManager::SecretTargetAttachment",
            "AWS::ElastiCache::SubnetGroup", "AWS::ElastiCache::ReplicationGroup", "AWS::Cognito::UserPool",
            "AWS::Cognito::UserPoolClient", "AWS::Cognito::UserPoolDomain",
            "AWS::ECS::ClusterCapacityProviderAssociations", "AWS::ApplicationAutoScaling::ScalableTarget",
            "AWS::ApplicationAutoScaling::ScalingPolicy", "AWS::CloudWatch::Alarm");

    private Stack awaitComplete(String stackName) {
        Instant deadline = Instant.now().plus(STACK_TIMEOUT);
        while (true) {
            Stack stack = aws.cloudFormation.describeStacks(r -> r.stackName(stackName)).stacks().get(0);
            if (!stack.stackStatusAsString().endsWith("IN_PROGRESS") || Instant.now().isAfter(deadline)) {
                return stack;
            }
            sleep(Duration.ofMillis(300));
        }
    }

    private static Map<String, JsonNode> resources(JsonNode template) {
        Map<String, JsonNode> resources = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = template.path("Resources").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            resources.put(entry.getKey(), entry.getValue());
        }
        return resources;
    }

    private CloudFormationIntrinsics intrinsics(String stackName) {
        Map<String, String> exports = new HashMap<>();
        for (Export export : aws.cloudFormation.listExportsPaginator(r -> { }).exports()) {
            exports.put(export.name(), export.value());
        }
        return new CloudFormationIntrinsics(
                id -> switch (id) {
                    case "AWS::AccountId" -> Optional.of(AwsProbe.ACCOUNT);
                    case "AWS::Region" -> Optional.of(AwsProbe.REGION);
                    case "AWS::Partition" -> Optional.of("aws");
                    case "AWS::URLSuffix" -> Optional.of("amazonaws.com");
                    case "AWS::StackName" -> Optional.of(stackName);
                    default -> Optional.ofNullable(physicalIds.get(id));
                },
                (id, attribute) -> Optional.ofNullable(attributes.getOrDefault(id, Map.of()).get(attribute))
                        .or(() -> "Name".equals(attribute) && physicalIds.containsKey(id)
                                ? Optional.of(physicalIds.get(id).replaceFirst(".*/", "")) : Optional.empty()),
                name -> Optional.ofNullable(exports.get(name)));
    }

    /**
     * A name as CloudFormation generates one for a resource the template does not name: the stack name and logical
     * id, lower case (ElastiCache and RDS keep names in lower case), cut to fit, and a random suffix.
     */
    private static String generatedName(String stackName, String logicalId, int maxLength) {
        String suffix = randomAlphanumeric(12);
        String base = (stackName + "-" + logicalId).toLowerCase(Locale.ROOT);
        return base.substring(0, Math.min(base.length(), maxLength - suffix.length() - 1)) + "-" + suffix;
    }

    private static String randomAlphanumeric(int length) {
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return text.toString();
    }

    private void remember(String logicalId, String ref, Map<String, String> attributeValues) {
        physicalIds.put(logicalId, ref);
        attributes.put(logicalId, attributeValues);
    }

    private void createBefore(String stackName, String logicalId, JsonNode resource,
                              CloudFormationIntrinsics intrinsics) {
        JsonNode properties = resource.path("Properties");
        switch (resource.path("Type").asText()) {
            case "AWS::SecretsManager::Secret" -> createSecret(logicalId, properties);
            // Its Ref is the secret's ARN; what it writes into the secret waits for the instance (createAfter).
            case "AWS::SecretsManager::SecretTargetAttachment" ->
                    remember(logicalId, intrinsics.text(properties.path("SecretId")), Map.of());
            case "AWS::ElastiCache::SubnetGroup" -> {
                String name = generatedName(stackName, logicalId, 255);
                List<String> subnets = new ArrayList<>();
                properties.path("SubnetIds").forEach(s -> subnets.add(intrinsics.text(s)));
                aws.elastiCache.createCacheSubnetGroup(r -> r.cacheSubnetGroupName(name)
                        .cacheSubnetGroupDescription(properties.path("Description").asText()).subnetIds(subnets));
                remember(logicalId, name, Map.of());
            }
            case "AWS::ElastiCache::ReplicationGroup" -> createReplicationGroup(stackName, logicalId, properties, intrinsics);
            case "AWS::Cognito::UserPool" -> {
                UserPoolType pool = aws.cognito.createUserPool(r -> r.poolName(properties.path("UserPoolName").asText())
                        .autoVerifiedAttributesWithStrings("email").usernameAttributesWithStrings("email")
                        .mfaConfiguration(properties.path("MfaConfiguration").asText("OPTIONAL"))
                        .adminCreateUserConfig(a -> a.allowAdminCreateUserOnly(false))
                        .policies(p -> p.passwordPolicy(pp -> pp.minimumLength(8).requireUppercase(true)
                                .requireLowercase(true).requireNumbers(true).requireSymbols(false)))).userPool();
                remember(logicalId, pool.id(), Map.of("Arn", pool.arn(),
                        "ProviderName", "cognito-idp." + AwsProbe.REGION + ".amazonaws.com/" + pool.id()));
            }
            case "AWS::Cognito::UserPoolClient" -> {
                String pool = intrinsics.text(properties.path("UserPoolId"));
                List<String> callbacks = texts(properties.path("CallbackURLs"));
                List<String> logouts = texts(properties.path("LogoutURLs"));
                String clientId = aws.cognito.createUserPoolClient(r -> r.userPoolId(pool)
                        .clientName(properties.path("ClientName").asText())
                        .allowedOAuthFlows(OAuthFlowType.CODE, OAuthFlowType.IMPLICIT).allowedOAuthFlowsUserPoolClient(true)
                        .allowedOAuthScopes(texts(properties.path("AllowedOAuthScopes")))
                        .callbackURLs(callbacks).logoutURLs(logouts)
                        .supportedIdentityProviders("COGNITO")).userPoolClient().clientId();
                remember(logicalId, clientId, Map.of());
            }
            case "AWS::Cognito::UserPoolDomain" -> {
                String pool = intrinsics.text(properties.path("UserPoolId"));
                String domain = properties.path("Domain").asText();
                aws.cognito.createUserPoolDomain(r -> r.userPoolId(pool).domain(domain));
                remember(logicalId, domain, Map.of());
            }
            default -> { }
        }
    }

    /** A secret generated as CloudFormation's GenerateSecretString does: the template's keys plus a random one. */
    private void createSecret(String logicalId, JsonNode properties) {
        JsonNode generate = properties.path("GenerateSecretString");
        Map<String, Object> document = new LinkedHashMap<>();
        try {
            JSON.readTree(generate.path("SecretStringTemplate").asText("{}")).fields()
                    .forEachRemaining(f -> document.put(f.getKey(), f.getValue().asText()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String password = aws.secrets.getRandomPassword(r -> r.passwordLength(generate.path("PasswordLength").asLong(30))
                .excludeCharacters(generate.path("ExcludeCharacters").asText(null))
                .excludePunctuation(generate.path("ExcludePunctuation").asBoolean(false))).randomPassword();
        document.put(generate.path("GenerateStringKey").asText("password"), password);
        // Without a Name, CloudFormation names the secret after its logical id, with a random suffix.
        String name = properties.path("Name").asText(logicalId.substring(0, Math.min(logicalId.length(), 40)) + "-"
                + randomAlphanumeric(12));
        String text;
        try {
            text = JSON.writeValueAsString(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        remember(logicalId, aws.secrets.createSecret(r -> r.name(name).secretString(text)).arn(), Map.of());
    }

    private void createReplicationGroup(String stackName, String logicalId, JsonNode properties,
                                        CloudFormationIntrinsics intrinsics) {
        String id = generatedName(stackName, logicalId, 40);
        int nodes = properties.path("NumCacheClusters").asInt(1);
        List<String> groups = new ArrayList<>();
        properties.path("SecurityGroupIds").forEach(g -> groups.add(intrinsics.text(g)));
        // KnownEmulatorGaps.ELASTICACHE_NO_MEMBER_CLUSTERS: NumCacheClusters is ignored without cluster mode.
        aws.elastiCache.createReplicationGroup(r -> r.replicationGroupId(id)
                .replicationGroupDescription(properties.path("ReplicationGroupDescription").asText())
                .engine("redis").engineVersion(properties.path("EngineVersion").asText())
                .cacheNodeType(properties.path("CacheNodeType").asText()).numNodeGroups(1).replicasPerNodeGroup(nodes - 1)
                .multiAZEnabled(properties.path("MultiAZEnabled").asBoolean())
                .automaticFailoverEnabled(properties.path("AutomaticFailoverEnabled").asBoolean())
                .transitEncryptionEnabled(properties.path("TransitEncryptionEnabled").asBoolean())
                .atRestEncryptionEnabled(properties.path("AtRestEncryptionEnabled").asBoolean())
                .cacheSubnetGroupName(intrinsics.text(properties.path("CacheSubnetGroupName")))
                .securityGroupIds(groups).port(properties.path("Port").asInt(6379)));
        ReplicationGroup group = aws.elastiCache.describeReplicationGroups(r -> r.replicationGroupId(id))
                .replicationGroups().get(0);
        String address = group.nodeGroups().isEmpty() || group.nodeGroups().get(0).primaryEndpoint() == null
                ? id + ".cache.amazonaws.com" : group.nodeGroups().get(0).primaryEndpoint().address();
        remember(logicalId, id, Map.of("PrimaryEndPoint.Address", address, "PrimaryEndPoint.Port", "6379"));
    }

    private void createAfter(String stackName, String logicalId, JsonNode resource, CloudFormationIntrinsics intrinsics) {
        JsonNode properties = resource.path("Properties");
        switch (resource.path("Type").asText()) {
            case "AWS::SecretsManager::SecretTargetAttachment" -> attachSecret(properties, intrinsics);
            case "AWS::ECS::ClusterCapacityProviderAssociations" -> {
                // An account running the CDK app has ECS's service-linked role (ECS made it on first use), and
                // CloudFormation retries while ECS cannot use it yet (KnownEmulatorGaps.ECS_SERVICE_LINKED_ROLE).
                if (aws.iam.listRoles(r -> r.pathPrefix("/aws-service-role/ecs.amazonaws.com/")).roles().isEmpty()) {
                    aws.iam.createServiceLinkedRole(r -> r.awsServiceName("ecs.amazonaws.com"));
                }
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                        .ignoreException(software.amazon.awssdk.services.ecs.model.InvalidParameterException.class)
                        .until(() -> aws.ecs.putClusterCapacityProviders(r -> r
                                .cluster(intrinsics.text(properties.path("Cluster")))
                                .capacityProviders(texts(properties.path("CapacityProviders")))
                                .defaultCapacityProviderStrategy(List.of())) != null);
            }
            case "AWS::ApplicationAutoScaling::ScalableTarget" -> {
                String resourceId = intrinsics.text(properties.path("ResourceId"));
                aws.autoScaling.registerScalableTarget(r -> r.serviceNamespace("ecs").resourceId(resourceId)
                        .scalableDimension(properties.path("ScalableDimension").asText())
                        .minCapacity(properties.path("MinCapacity").asInt()).maxCapacity(properties.path("MaxCapacity").asInt()));
                remember(logicalId, resourceId + "|" + properties.path("ScalableDimension").asText() + "|ecs", Map.of());
            }
            case "AWS::ApplicationAutoScaling::ScalingPolicy" -> {
                String target = physicalIds.get(properties.path("ScalingTargetId").path("Ref").asText());
                JsonNode tracking = properties.path("TargetTrackingScalingPolicyConfiguration");
                aws.autoScaling.putScalingPolicy(r -> r.policyName(properties.path("PolicyName").asText())
                        .serviceNamespace("ecs").resourceId(target.split("\\|")[0])
                        .scalableDimension(target.split("\\|")[1]).policyType("TargetTrackingScaling")
                        .targetTrackingScalingPolicyConfiguration(c -> c.targetValue(tracking.path("TargetValue").asDouble())
                                .scaleInCooldown(tracking.path("ScaleInCooldown").asInt())
                                .scaleOutCooldown(tracking.path("ScaleOutCooldown").asInt())
                                .predefinedMetricSpecification(m -> m.predefinedMetricType(tracking
                                        .path("PredefinedMetricSpecification").path("PredefinedMetricType").asText()))));
            }
            case "AWS::ECS::Service" -> recreateService(logicalId, properties, intrinsics);
            // moto's CloudFormation leaves out a load balancer's attributes (the idle timeout): set as the template says.
            case "AWS::ElasticLoadBalancingV2::LoadBalancer" -> {
                List<software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerAttribute> attributes =
                        new ArrayList<>();
                properties.path("LoadBalancerAttributes").forEach(a -> attributes.add(software.amazon.awssdk.services
                        .elasticloadbalancingv2.model.LoadBalancerAttribute.builder().key(a.path("Key").asText())
                        .value(a.path("Value").asText()).build()));
                if (!attributes.isEmpty()) {
                    aws.elb.modifyLoadBalancerAttributes(r -> r.loadBalancerArn(physicalIds.get(logicalId))
                            .attributes(attributes));
                }
            }
            // moto's CloudFormation leaves out the cluster's settings (Container Insights); CreateCluster on an
            // existing cluster sets them, as CloudFormation would have (KnownEmulatorGaps.CLOUDFORMATION_ECS_SERVICE_PROPERTIES).
            case "AWS::ECS::Cluster" -> {
                List<software.amazon.awssdk.services.ecs.model.ClusterSetting> settings = new ArrayList<>();
                properties.path("ClusterSettings").forEach(c -> settings.add(software.amazon.awssdk.services.ecs.model
                        .ClusterSetting.builder().name(c.path("Name").asText()).value(c.path("Value").asText()).build()));
                aws.ecs.createCluster(r -> r.clusterName(properties.path("ClusterName").asText()).settings(settings));
            }
            case "AWS::CloudWatch::Alarm" -> {
                // Alarm names keep their case: GlassBox-staging-Monitoring-ApiLatencyE391D2FB-1A2B3C4D5E6F.
                String name = stackName + "-" + logicalId + "-" + randomAlphanumeric(12).toUpperCase(Locale.ROOT);
                List<Dimension> dimensions = new ArrayList<>();
                properties.path("Dimensions").forEach(d -> dimensions.add(Dimension.builder()
                        .name(d.path("Name").asText()).value(intrinsics.text(d.path("Value"))).build()));
                List<String> actions = new ArrayList<>();
                properties.path("AlarmActions").forEach(a -> actions.add(intrinsics.text(a)));
                aws.cloudWatch.putMetricAlarm(r -> {
                    r.alarmName(name).namespace(properties.path("Namespace").asText())
                            .metricName(properties.path("MetricName").asText()).dimensions(dimensions)
                            .period(properties.path("Period").asInt()).evaluationPeriods(properties.path("EvaluationPeriods").asInt())
                            .threshold(properties.path("Threshold").asDouble())
                            .comparisonOperator(ComparisonOperator.fromValue(properties.path("ComparisonOperator").asText()))
                            .alarmActions(actions);
                    if (properties.has("ExtendedStatistic")) {
                        r.extendedStatistic(properties.path("ExtendedStatistic").asText());
                    } else {
                        r.statistic(properties.path("Statistic").asText("Average"));
                    }
                });
            }
            default -> { }
        }
    }

    /** What a SecretTargetAttachment writes into the secret: the instance's connection values, the password kept. */
    private void attachSecret(JsonNode properties, CloudFormationIntrinsics intrinsics) {
        String secret = intrinsics.text(properties.path("SecretId"));
        String instance = intrinsics.text(properties.path("TargetId"));
        var db = aws.rds.describeDBInstances(r -> r.dbInstanceIdentifier(instance)).dbInstances().get(0);
        Map<String, Object> document = aws.secretDocument(secret);
        Map<String, Object> attached = new LinkedHashMap<>(document);
        attached.put("engine", "postgres");
        attached.put("host", db.endpoint().address());
        attached.put("port", db.endpoint().port());
        attached.put("dbname", db.dbName());
        attached.put("dbInstanceIdentifier", instance);
        try {
            String text = JSON.writeValueAsString(attached);
            aws.secrets.putSecretValue(r -> r.secretId(secret).secretString(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(n -> texts.add(n.asText()));
        return texts;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
