package io.glassbox.provisioner.migrate;

import com.fasterxml.jackson.databind.JsonNode;
import io.glassbox.provisioner.engine.RefusedException;
import io.glassbox.provisioner.engine.StepId;
import io.glassbox.provisioner.spec.EnvironmentSpec;
import io.glassbox.provisioner.spec.QueueSpec;
import io.glassbox.provisioner.spec.SecurityGroupRole;
import io.glassbox.provisioner.spec.ServiceKind;
import io.glassbox.provisioner.spec.SubnetSpec;
import io.glassbox.provisioner.stacks.cache.CacheSubnetGroupStep;
import io.glassbox.provisioner.stacks.cache.ReplicationGroupStep;
import io.glassbox.provisioner.stacks.compute.CertificateStep;
import io.glassbox.provisioner.stacks.compute.ListenerStep;
import io.glassbox.provisioner.stacks.compute.LoadBalancerStep;
import io.glassbox.provisioner.stacks.compute.RoleStep;
import io.glassbox.provisioner.stacks.compute.ScalingStep;
import io.glassbox.provisioner.stacks.compute.ServiceStep;
import io.glassbox.provisioner.stacks.compute.TargetGroupStep;
import io.glassbox.provisioner.stacks.compute.TaskDefinitionStep;
import io.glassbox.provisioner.stacks.database.DatabaseSecretStep;
import io.glassbox.provisioner.stacks.database.DbInstanceStep;
import io.glassbox.provisioner.stacks.database.DbParameterGroupStep;
import io.glassbox.provisioner.stacks.database.DbSubnetGroupStep;
import io.glassbox.provisioner.stacks.monitoring.AlarmStep;
import io.glassbox.provisioner.stacks.network.ElasticIpStep;
import io.glassbox.provisioner.stacks.network.InternetGatewayStep;
import io.glassbox.provisioner.stacks.network.NatGatewayStep;
import io.glassbox.provisioner.stacks.network.RouteTableStep;
import io.glassbox.provisioner.stacks.network.SecurityGroupReferencesStep;
import io.glassbox.provisioner.stacks.network.SecurityGroupStep;
import io.glassbox.provisioner.stacks.network.SubnetStep;
import io.glassbox.provisioner.stacks.network.VpcStep;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Matches each resource of the CDK app's stacks to the step that owns that kind of resource here, by type and by
 * what identifies it: named resources (queues, bucket, pool, secrets, parameters, repositories, cluster, log
 * groups, topic, dashboard) by name; the rest by what the template says about them — a VPC by its CIDR, a subnet
 * by CIDR and zone, a route table and a NAT gateway by their subnet, a security group by the ports its rules
 * open, a task definition by its container, a service by its task definition, a role by the task definition
 * that uses it, a listener by its port, an alarm by its metric. No AWS call: the inventory holds what it needs.
 */
public final class TakeoverMatcher {

    /** Our resource type and the template property that holds the name, for the CloudFormation types we name. */
    private static final Map<String, String[]> NAMED = Map.ofEntries(
            Map.entry("AWS::SQS::Queue", new String[] {"SQS queue", "QueueName"}),
            Map.entry("AWS::S3::Bucket", new String[] {"S3 bucket", "BucketName"}),
            Map.entry("AWS::SSM::Parameter", new String[] {"SSM parameter", "Name"}),
            Map.entry("AWS::Logs::LogGroup", new String[] {"log group", "LogGroupName"}),
            Map.entry("AWS::ECR::Repository", new String[] {"ECR repository", "RepositoryName"}),
            Map.entry("AWS::ECS::Cluster", new String[] {"ECS cluster", "ClusterName"}),
            Map.entry("AWS::SNS::Topic", new String[] {"SNS topic", "TopicName"}),
            Map.entry("AWS::CloudWatch::Dashboard", new String[] {"CloudWatch dashboard", "DashboardName"}),
            Map.entry("AWS::Cognito::UserPool", new String[] {"Cognito user pool", "UserPoolName"}),
            Map.entry("AWS::Cognito::UserPoolClient", new String[] {"Cognito app client", "ClientName"}),
            Map.entry("AWS::Cognito::UserPoolDomain", new String[] {"Cognito domain", "Domain"}),
            Map.entry("AWS::SecretsManager::Secret", new String[] {"secret", "Name"}));

    /**
     * Kinds whose CDK-generated names our steps do not keep: they hold no data and cost nothing to make anew, so
     * the deploy after a takeover creates ours and moves the services over, rather than adopting a generated name.
     */
    private static final Set<String> REPLACED = Set.of("AWS::IAM::Role", "AWS::ECS::TaskDefinition",
            "AWS::CloudWatch::Alarm");

    private final EnvironmentSpec spec;
    private final Map<String, StepId> namedSteps;
    private final List<StepId> allSteps;
    private final Map<String, String> pseudoParameters;
    private final Optional<String> databaseSecret;
    /** The address of the secret chosen as the database's credential source, during {@link #match}. */
    private Optional<String> credentialsAddress = Optional.empty();

    /**
     * @param namedSteps       {@code resourceType|name} → the step owning that name (from every step's
     *                         resourceName), for the named kinds
     * @param allSteps         every step of the environment, to list those with nothing in CloudFormation
     * @param pseudoParameters {@code AWS::AccountId}, {@code AWS::Region}, … for names built from them
     */
    public TakeoverMatcher(EnvironmentSpec spec, Map<String, StepId> namedSteps, List<StepId> allSteps,
                           Map<String, String> pseudoParameters) {
        this(spec, namedSteps, allSteps, pseudoParameters, Optional.empty());
    }

    /**
     * As above, with the operator's choice of the secret that holds the database's master credentials
     * ({@code migrate --database-secret ARN}), for when the stacks do not tell it.
     */
    public TakeoverMatcher(EnvironmentSpec spec, Map<String, StepId> namedSteps, List<StepId> allSteps,
                           Map<String, String> pseudoParameters, Optional<String> databaseSecret) {
        this.databaseSecret = databaseSecret;
        this.spec = spec;
        this.namedSteps = Map.copyOf(namedSteps);
        this.allSteps = List.copyOf(allSteps);
        this.pseudoParameters = Map.copyOf(pseudoParameters);
    }

    /**
     * The takeover plan of {@code stacks}.
     *
     * @throws RefusedException when the stacks have a database but do not tell which secret holds its credentials
     *                          and no {@code --database-secret} chooses one
     */
    public TakeoverPlan match(List<CloudFormationStack> stacks) {
        Resolver resolver = new Resolver(stacks);
        Optional<StackResource> chosenElsewhere = credentialSource(stacks, resolver);
        Map<String, StepId> owners = new LinkedHashMap<>();
        Set<String> ownKind = new HashSet<>(); // addresses of resources that are some step's own kind
        List<Takeover> takeovers = new ArrayList<>();
        List<Leftover> leftovers = new ArrayList<>();
        Set<StepId> taken = new HashSet<>();
        List<StackResource> all = stacks.stream().flatMap(s -> s.resources().stream()).toList();
        // Resources first, parts afterwards: a part's owner is the step that took over its parent.
        for (StackResource resource : all) {
            Optional<StepId> step = resourceStep(resource, resolver);
            if (step.isEmpty()) {
                continue;
            }
            ownKind.add(resource.address());
            if (REPLACED.contains(resource.type())) {
                leftovers.add(new Leftover(resource, "replaced by " + step.get() + ", which the deploy that follows"
                        + " creates under our name and points the services at (it holds no data): this one stays in"
                        + " AWS (Retain), no longer managed; delete it by hand once nothing uses it"));
                continue;
            }
            if (taken.add(step.get())) {
                owners.put(resource.address(), step.get());
                takeovers.add(new Takeover(step.get(), resource, Takeover.Role.RESOURCE));
            } else {
                leftovers.add(new Leftover(resource, "a second " + resource.type() + " where the provisioner keeps one ("
                        + step.get() + " takes over another): stays in AWS (Retain), no longer managed; delete it by"
                        + " hand once nothing uses it"));
            }
        }
        for (StackResource resource : all) {
            if (ownKind.contains(resource.address())) {
                continue; // taken over, replaced or a duplicate: decided above
            }
            Optional<StackResource> parent = parentOf(resource, resolver);
            Optional<StepId> owner = parent.map(p -> partOwner(resource, p, owners.get(p.address()), resolver));
            if (owner.isPresent()) {
                takeovers.add(new Takeover(owner.get(), resource, Takeover.Role.PART));
                taken.add(owner.get());
            } else {
                leftovers.add(new Leftover(resource, parent.map(p -> "part of " + p.logicalId() + ", and goes with it")
                        .orElseGet(() -> fate(resource))));
            }
        }
        listenerCertificate(stacks, resolver).filter(c -> taken.add(StepId.of(CertificateStep.ID)))
                .ifPresent(c -> takeovers.add(new Takeover(StepId.of(CertificateStep.ID), c, Takeover.Role.RESOURCE)));
        chosenElsewhere.filter(s -> taken.add(StepId.of(DatabaseSecretStep.ID))).ifPresent(s -> takeovers.add(
                new Takeover(StepId.of(DatabaseSecretStep.ID), s, Takeover.Role.RESOURCE)));
        List<StepId> missing = allSteps.stream().filter(s -> !taken.contains(s)).toList();
        return new TakeoverPlan(spec.environment(), stacks, takeovers, leftovers, missing, deletionOrder(stacks));
    }

    /**
     * Which step keeps a part: its parent's, except a rule naming another security group, which belongs to the
     * step keeping the group's references (they are applied once both groups exist). Null when the parent is no
     * step's.
     */
    private StepId partOwner(StackResource part, StackResource parent, StepId parentStep, Resolver resolver) {
        boolean namesAGroup = part.properties().has("SourceSecurityGroupId")
                || part.properties().has("DestinationSecurityGroupId");
        if (parentStep != null && namesAGroup && parent.type().equals("AWS::EC2::SecurityGroup")) {
            return securityGroupRole(parent, resolver).map(r -> StepId.of(SecurityGroupReferencesStep.id(r)))
                    .filter(allSteps::contains).orElse(parentStep);
        }
        return parentStep;
    }

    private String fate(StackResource resource) {
        if (resource.type().equals("AWS::CDK::Metadata")) {
            return "CDK's version metadata, nothing in AWS: goes with its stack";
        }
        return "no step here owns this kind of resource: stays in AWS (Retain) when its stack is deleted, no longer"
                + " managed";
    }

    /** The step that owns the resource itself, if this kind of resource is a step's own. */
    private Optional<StepId> resourceStep(StackResource resource, Resolver resolver) {
        String[] named = NAMED.get(resource.type());
        if (named != null) {
            return evaluate(resource.properties().path(named[1]))
                    .map(name -> namedSteps.get(named[0] + "|" + name))
                    .or(() -> databaseCredentials(resource, resolver));
        }
        JsonNode p = resource.properties();
        return switch (resource.type()) {
            case "AWS::EC2::VPC" -> spec.network().vpcCidr().equals(p.path("CidrBlock").asText())
                    ? Optional.of(StepId.of(VpcStep.ID)) : Optional.empty();
            case "AWS::EC2::Subnet" -> subnet(resource).map(s -> StepId.of(SubnetStep.id(s)));
            case "AWS::EC2::InternetGateway" -> Optional.of(StepId.of(InternetGatewayStep.ID));
            case "AWS::EC2::RouteTable" -> resolver.referrers(resource, "AWS::EC2::SubnetRouteTableAssociation",
                            "RouteTableId").stream().map(a -> resolver.resolve(a, a.properties().path("SubnetId")))
                    .flatMap(Optional::stream).map(this::subnet).flatMap(Optional::stream).findFirst()
                    .map(s -> StepId.of(RouteTableStep.id(s)));
            case "AWS::EC2::NatGateway" -> resolver.resolve(resource, p.path("SubnetId")).flatMap(this::subnet)
                    .map(s -> StepId.of(NatGatewayStep.id(s.zone())));
            case "AWS::EC2::EIP" -> resolver.referrers(resource, "AWS::EC2::NatGateway", "AllocationId").stream()
                    .map(n -> resolver.resolve(n, n.properties().path("SubnetId"))).flatMap(Optional::stream)
                    .map(this::subnet).flatMap(Optional::stream).findFirst()
                    .map(s -> StepId.of(ElasticIpStep.id(s.zone())));
            case "AWS::EC2::SecurityGroup" -> securityGroupRole(resource, resolver)
                    .map(role -> StepId.of(SecurityGroupStep.id(role)));
            case "AWS::RDS::DBInstance" -> Optional.of(StepId.of(DbInstanceStep.ID));
            case "AWS::RDS::DBSubnetGroup" -> Optional.of(StepId.of(DbSubnetGroupStep.ID));
            case "AWS::RDS::DBParameterGroup" -> Optional.of(StepId.of(DbParameterGroupStep.ID));
            case "AWS::ElastiCache::SubnetGroup" -> Optional.of(StepId.of(CacheSubnetGroupStep.ID));
            case "AWS::ElastiCache::ReplicationGroup" -> Optional.of(StepId.of(ReplicationGroupStep.ID));
            case "AWS::ECS::TaskDefinition" -> serviceOf(resource).map(k -> StepId.of(TaskDefinitionStep.id(k)));
            case "AWS::ECS::Service" -> resolver.resolve(resource, p.path("TaskDefinition")).flatMap(this::serviceOf)
                    .map(k -> StepId.of(ServiceStep.id(k)));
            case "AWS::IAM::Role" -> roleStep(resource, resolver);
            case "AWS::ElasticLoadBalancingV2::LoadBalancer" -> Optional.of(StepId.of(LoadBalancerStep.ID));
            case "AWS::ElasticLoadBalancingV2::TargetGroup" -> Optional.of(StepId.of(TargetGroupStep.ID));
            case "AWS::ElasticLoadBalancingV2::Listener" -> switch (p.path("Port").asInt()) {
                case 80 -> Optional.of(StepId.of(ListenerStep.id(false)));
                case 443 -> Optional.of(StepId.of(ListenerStep.id(true)));
                default -> Optional.empty();
            };
            case "AWS::ApplicationAutoScaling::ScalableTarget" -> Optional.of(StepId.of(ScalingStep.ID));
            case "AWS::CertificateManager::Certificate" -> Optional.of(StepId.of(CertificateStep.ID));
            case "AWS::CloudWatch::Alarm" -> alarmSuffix(resource, resolver).map(s -> StepId.of(AlarmStep.id(s)));
            default -> Optional.empty();
        };
    }

    /**
     * The certificate of the HTTPS listener when the app passed it in (a stack parameter, or a plain ARN) rather
     * than declaring it: not a resource of any stack, so releasing the stacks never touches it, but the one the
     * listener serves, which the certificate step takes over instead of requesting another (HTTPS goes on with the
     * same certificate). A certificate the template declares is matched like any resource.
     */
    private Optional<StackResource> listenerCertificate(List<CloudFormationStack> stacks, Resolver resolver) {
        for (CloudFormationStack stack : stacks) {
            for (StackResource listener : stack.resources()) {
                if (!listener.type().equals("AWS::ElasticLoadBalancingV2::Listener")
                        || listener.properties().path("Port").asInt() != 443) {
                    continue;
                }
                JsonNode arn = listener.properties().path("Certificates").path(0).path("CertificateArn");
                if (resolver.resolve(listener, arn).isPresent()) {
                    return Optional.empty(); // declared in a template: matched as a resource
                }
                String parameter = arn.path("Ref").asText("");
                Optional<String> value = arn.isTextual() ? Optional.of(arn.asText())
                        : Optional.ofNullable(stack.parameters().get(parameter));
                return value.map(v -> new StackResource(stack.name(), parameter.isEmpty() ? listener.logicalId()
                        : parameter, "AWS::CertificateManager::Certificate", Optional.of(v),
                        com.fasterxml.jackson.databind.node.MissingNode.getInstance(), true));
            }
        }
        return Optional.empty();
    }

    /**
     * The secret holding the database's master credentials under a name of CloudFormation's (not
     * {@code glassbox/{env}/database}), chosen by {@link #credentialSource}. The database secret step takes it over
     * by copying its username and password into ours before anything points at it; the CDK app's stays as it is
     * (Retain).
     */
    private Optional<StepId> databaseCredentials(StackResource secret, Resolver resolver) {
        return secret.type().equals("AWS::SecretsManager::Secret") && credentialsAddress.equals(
                Optional.of(secret.address())) ? Optional.of(StepId.of(DatabaseSecretStep.ID)) : Optional.empty();
    }

    /**
     * Chooses the secret whose password the database has, so that the services are never handed one it does not
     * accept: the operator's {@code --database-secret}; else the one a SecretTargetAttachment ties to the RDS
     * instance; else the one secret of the database's stack whose username (its generated document's template) is
     * the instance's master user. None or several of those, and no choice made, stops the takeover before any change,
     * naming them. Returns the chosen secret when it is no resource of the stacks (the operator's own).
     */
    private Optional<StackResource> credentialSource(List<CloudFormationStack> stacks, Resolver resolver) {
        credentialsAddress = Optional.empty();
        List<StackResource> instances = stacks.stream().flatMap(s -> s.resources().stream())
                .filter(r -> r.type().equals("AWS::RDS::DBInstance")).toList();
        List<StackResource> secrets = stacks.stream().flatMap(s -> s.resources().stream())
                .filter(r -> r.type().equals("AWS::SecretsManager::Secret")).toList();
        if (databaseSecret.isPresent() && !stacks.isEmpty()) {
            String chosen = databaseSecret.get();
            Optional<StackResource> inStacks = secrets.stream().filter(s -> s.physicalId().filter(id ->
                    namesSecret(id, chosen)).isPresent()).findFirst();
            if (inStacks.isPresent()) {
                credentialsAddress = Optional.of(inStacks.get().address());
                return Optional.empty();
            }
            String stack = instances.isEmpty() ? stacks.get(0).name() : instances.get(0).stack();
            return Optional.of(new StackResource(stack, "(--database-secret)", "AWS::SecretsManager::Secret",
                    Optional.of(chosen), com.fasterxml.jackson.databind.node.MissingNode.getInstance(), true));
        }
        if (instances.isEmpty()) {
            return Optional.empty();
        }
        StackResource instance = instances.get(0);
        List<StackResource> attached = secrets.stream().filter(secret -> resolver.referrers(secret,
                "AWS::SecretsManager::SecretTargetAttachment", "SecretId").stream().anyMatch(a -> a.properties()
                .path("TargetType").asText().equals("AWS::RDS::DBInstance"))).toList();
        String masterUser = instance.text("MasterUsername").orElse(spec.database().masterUsername());
        List<StackResource> candidates = attached.isEmpty() ? secrets.stream()
                .filter(s -> s.stack().equals(instance.stack()))
                .filter(s -> masterUser.equals(templateUsername(s).orElse(null))).toList() : attached;
        if (candidates.size() == 1) {
            credentialsAddress = Optional.of(candidates.get(0).address());
            return Optional.empty();
        }
        List<String> named = (candidates.isEmpty() ? secrets : candidates).stream()
                .map(s -> s.address() + s.physicalId().map(id -> " (" + id + ")").orElse("")).toList();
        throw new RefusedException((candidates.isEmpty() ? "no secret of the stacks" : candidates.size()
                + " secrets of the stacks") + " can be told to hold the database's credentials (user " + masterUser
                + "); nothing was changed: choose the one whose password the database has with --database-secret ARN",
                named.isEmpty() ? List.of("(the stacks have no secret)") : named);
    }

    /** Whether {@code chosen} (an ARN or a name) names the secret whose ARN is {@code arn} ({@code …:secret:NAME-AbCdEf}). */
    static boolean namesSecret(String arn, String chosen) {
        int at = arn.indexOf(":secret:");
        String name = at < 0 ? arn : arn.substring(at + ":secret:".length()).replaceFirst("-[A-Za-z0-9]{6}$", "");
        return arn.equals(chosen) || name.equals(chosen);
    }

    /** The {@code username} a secret's generated document starts from, as CDK's DatabaseSecret declares it. */
    private static Optional<String> templateUsername(StackResource secret) {
        JsonNode template = secret.properties().path("GenerateSecretString").path("SecretStringTemplate");
        if (!template.isTextual()) {
            return Optional.empty();
        }
        try {
            JsonNode document = new com.fasterxml.jackson.databind.ObjectMapper().readTree(template.asText());
            return Optional.ofNullable(document.path("username").textValue());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return Optional.empty();
        }
    }

    /** The resource a part belongs to: a route's table, a rule's group, an attachment's gateway, a policy's role. */
    private Optional<StackResource> parentOf(StackResource resource, Resolver resolver) {
        JsonNode p = resource.properties();
        return switch (resource.type()) {
            case "AWS::EC2::Route", "AWS::EC2::SubnetRouteTableAssociation" -> resolver.resolve(resource, p.path("RouteTableId"));
            case "AWS::EC2::VPCGatewayAttachment" -> resolver.resolve(resource, p.path("InternetGatewayId"));
            case "AWS::EC2::SecurityGroupIngress", "AWS::EC2::SecurityGroupEgress" -> resolver.resolve(resource, p.path("GroupId"));
            case "AWS::IAM::Policy" -> p.path("Roles").isArray() && p.path("Roles").size() > 0
                    ? resolver.resolve(resource, p.path("Roles").get(0)) : Optional.empty();
            case "AWS::SecretsManager::SecretTargetAttachment" -> resolver.resolve(resource, p.path("SecretId"));
            case "AWS::ECS::ClusterCapacityProviderAssociations" -> resolver.resolve(resource, p.path("Cluster"));
            case "AWS::ApplicationAutoScaling::ScalingPolicy" -> resolver.resolve(resource, p.path("ScalingTargetId"));
            default -> Optional.empty();
        };
    }

    private Optional<SubnetSpec> subnet(StackResource resource) {
        String cidr = resource.properties().path("CidrBlock").asText();
        String zone = resource.properties().path("AvailabilityZone").asText("");
        return spec.network().subnets().stream().filter(s -> s.cidr().equals(cidr))
                .filter(s -> zone.isEmpty() || zone.endsWith(s.zone().letter())).findFirst();
    }

    /** The role a group plays, from the ports its inbound rules open (inline or as separate ingress resources). */
    private Optional<SecurityGroupRole> securityGroupRole(StackResource group, Resolver resolver) {
        Set<Integer> ports = new HashSet<>();
        group.properties().path("SecurityGroupIngress").forEach(rule -> ports.add(rule.path("FromPort").asInt(-1)));
        resolver.referrers(group, "AWS::EC2::SecurityGroupIngress", "GroupId")
                .forEach(rule -> ports.add(rule.properties().path("FromPort").asInt(-1)));
        if (ports.contains(443)) {
            return Optional.of(SecurityGroupRole.ALB);
        }
        if (ports.contains(8080)) {
            return Optional.of(SecurityGroupRole.ECS);
        }
        if (ports.contains(5432)) {
            return Optional.of(SecurityGroupRole.RDS);
        }
        return ports.contains(6379) ? Optional.of(SecurityGroupRole.REDIS) : Optional.empty();
    }

    /** The service a task definition runs, by the name of its (first) container. */
    private Optional<ServiceKind> serviceOf(StackResource taskDefinition) {
        JsonNode containers = taskDefinition.properties().path("ContainerDefinitions");
        String name = containers.isArray() && containers.size() > 0 ? containers.get(0).path("Name").asText() : "";
        return java.util.Arrays.stream(ServiceKind.values()).filter(k -> k.id().equals(name)).findFirst();
    }

    /** A role used as a task definition's execution role, or as one service's task role. */
    private Optional<StepId> roleStep(StackResource role, Resolver resolver) {
        List<StackResource> asTaskRole = resolver.referrers(role, "AWS::ECS::TaskDefinition", "TaskRoleArn");
        if (!asTaskRole.isEmpty()) {
            return serviceOf(asTaskRole.get(0)).map(k -> StepId.of(RoleStep.taskId(k)));
        }
        return resolver.referrers(role, "AWS::ECS::TaskDefinition", "ExecutionRoleArn").isEmpty() ? Optional.empty()
                : Optional.of(StepId.of(RoleStep.EXECUTION_ID));
    }

    /** Which of our alarms watches the same metric. */
    private Optional<String> alarmSuffix(StackResource alarm, Resolver resolver) {
        JsonNode p = alarm.properties();
        String metric = p.path("MetricName").asText();
        String namespace = p.path("Namespace").asText();
        if (namespace.equals("AWS/ApplicationELB") && metric.equals("TargetResponseTime")) {
            return Optional.of("api-latency-p99");
        }
        if (namespace.equals("AWS/RDS") && metric.equals("CPUUtilization")) {
            return Optional.of("rds-cpu");
        }
        if (namespace.equals("AWS/RDS") && metric.equals("DatabaseConnections")) {
            return Optional.of("rds-connections");
        }
        if (namespace.equals("AWS/SQS")) {
            for (JsonNode dimension : p.path("Dimensions")) {
                JsonNode value = dimension.path("Value");
                Optional<String> queueName = value.isTextual() ? Optional.of(value.asText())
                        : resolver.resolve(alarm, value).flatMap(queue -> evaluate(queue.properties().path("QueueName")));
                for (QueueSpec queue : spec.messaging().queues()) {
                    if (queueName.filter(n -> n.endsWith(queue.baseName() + "-dlq")).isPresent()) {
                        return Optional.of("dlq-" + queue.baseName());
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** A name as text: a plain value, or a Join of plain values and pseudo parameters. */
    private Optional<String> evaluate(JsonNode value) {
        if (value.isTextual()) {
            return Optional.of(value.asText());
        }
        if (value.has("Ref")) {
            return Optional.ofNullable(pseudoParameters.get(value.get("Ref").asText()));
        }
        JsonNode join = value.path("Fn::Join");
        if (join.isArray() && join.size() == 2) {
            StringBuilder text = new StringBuilder();
            for (JsonNode part : join.get(1)) {
                Optional<String> piece = evaluate(part);
                if (piece.isEmpty()) {
                    return Optional.empty();
                }
                text.append(text.length() == 0 ? "" : join.get(0).asText()).append(piece.get());
            }
            return Optional.of(text.toString());
        }
        return Optional.empty();
    }

    /**
     * Deletion order: a stack importing another's export goes first (CloudFormation refuses to delete an exporter
     * while an importer uses it). Stacks without such ties keep their relative order, the last created first.
     */
    static List<String> deletionOrder(List<CloudFormationStack> stacks) {
        Map<String, String> exporterOf = new HashMap<>();
        stacks.forEach(s -> s.exports().keySet().forEach(e -> exporterOf.put(e, s.name())));
        Map<String, Set<String>> importers = new HashMap<>();
        for (CloudFormationStack stack : stacks) {
            for (String imported : stack.imports()) {
                String exporter = exporterOf.get(imported);
                if (exporter != null && !exporter.equals(stack.name())) {
                    importers.computeIfAbsent(exporter, k -> new HashSet<>()).add(stack.name());
                }
            }
        }
        List<String> remaining = new ArrayList<>(stacks.stream().map(CloudFormationStack::name).toList());
        java.util.Collections.reverse(remaining);
        Set<String> order = new LinkedHashSet<>();
        while (!remaining.isEmpty()) {
            String next = remaining.stream()
                    .filter(s -> importers.getOrDefault(s, Set.of()).stream().allMatch(order::contains)).findFirst()
                    .orElse(remaining.get(0)); // a cycle cannot be deployed; keep going rather than loop
            order.add(next);
            remaining.remove(next);
        }
        return List.copyOf(order);
    }

    /** Finds the resource a template value refers to, within its stack or through another stack's export. */
    private static final class Resolver {
        private final Map<String, StackResource> byAddress = new HashMap<>();
        private final Map<String, String> exportTargets = new HashMap<>();
        private final List<StackResource> all = new ArrayList<>();

        Resolver(List<CloudFormationStack> stacks) {
            for (CloudFormationStack stack : stacks) {
                stack.resources().forEach(r -> {
                    byAddress.put(r.address(), r);
                    all.add(r);
                });
                stack.exports().forEach((name, logicalId) -> exportTargets.put(name, stack.name() + "/" + logicalId));
            }
            all.sort(Comparator.comparing(StackResource::address));
        }

        Optional<StackResource> resolve(StackResource from, JsonNode value) {
            Optional<String> local = TemplateRefs.target(value);
            if (local.isPresent()) {
                return Optional.ofNullable(byAddress.get(from.stack() + "/" + local.get()));
            }
            return TemplateRefs.importName(value).map(exportTargets::get).map(byAddress::get);
        }

        /** Resources of {@code type} whose {@code property} refers to {@code target}. */
        List<StackResource> referrers(StackResource target, String type, String property) {
            return all.stream().filter(r -> r.type().equals(type))
                    .filter(r -> resolve(r, r.properties().path(property)).filter(target::equals).isPresent()).toList();
        }
    }
}
