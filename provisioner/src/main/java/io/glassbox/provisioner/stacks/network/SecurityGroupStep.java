package io.glassbox.provisioner.stacks.network;

import io.glassbox.provisioner.aws.AwsErrors;
import io.glassbox.provisioner.aws.Ec2Tags;
import io.glassbox.provisioner.aws.EventualConsistency;
import io.glassbox.provisioner.aws.ResourceTags;
import io.glassbox.provisioner.engine.Change;
import io.glassbox.provisioner.engine.ProvisionerException;
import io.glassbox.provisioner.engine.ResourceStep;
import io.glassbox.provisioner.engine.StepContext;
import io.glassbox.provisioner.spec.SecurityGroupRole;
import io.glassbox.provisioner.spec.SecurityGroupRule;
import io.glassbox.provisioner.spec.SecurityGroupSpec;
import io.glassbox.provisioner.spec.StackName;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;

/**
 * One of the four security groups ({@code glassbox-{env}-alb|ecs|rds|redis}) with exactly the spec's rules:
 * a rule missing is added, a rule not in the spec is revoked, and the default allow-all egress that EC2 adds
 * to every new group is revoked where the spec has none (RDS, Redis).
 */
public final class SecurityGroupStep extends ResourceStep<SecurityGroup> {

    private static final String INGRESS = "ingress";
    private static final String EGRESS = "egress";
    private final SecurityGroupSpec group;

    public SecurityGroupStep(SecurityGroupSpec group) {
        super(id(group.role()), StackName.NETWORK, dependencies(group));
        this.group = group;
    }

    private static String[] dependencies(SecurityGroupSpec group) {
        Set<String> dependencies = new LinkedHashSet<>();
        dependencies.add(VpcStep.ID);
        Stream.concat(group.ingress().stream(), group.egress().stream())
                .map(SecurityGroupRule::peer)
                .filter(peer -> peer.startsWith("sg:"))
                .forEach(peer -> dependencies.add("network.security-group." + peer.substring(3)));
        return dependencies.toArray(String[]::new);
    }

    public static String id(SecurityGroupRole role) {
        return "network.security-group." + role.id();
    }

    /** The output holding the group's id: {@code network.security-group.rds.id}. */
    public static String outputId(SecurityGroupRole role) {
        return id(role) + ".id";
    }

    @Override
    public String resourceType() {
        return "security group";
    }

    @Override
    public String resourceName(StepContext context) {
        return context.naming().securityGroup(group.role());
    }

    @Override
    protected Optional<SecurityGroup> find(StepContext context) {
        Optional<String> vpc = context.outputs().get(VpcStep.OUTPUT_ID);
        if (vpc.isEmpty()) {
            return Optional.empty(); // group names are unique per VPC; no VPC, no group
        }
        // One Describe for every group of the VPC, shared by the security-group steps of a plan.
        List<SecurityGroup> found = context.reads().get("ec2.security-groups:" + vpc.get(), () -> context.aws().ec2()
                .describeSecurityGroupsPaginator(r -> r.filters(Ec2Tags.filter("vpc-id", vpc.get())))
                .securityGroups().stream().toList());
        return found.stream().filter(g -> g.groupName().equals(resourceName(context)) && g.vpcId().equals(vpc.get()))
                .findFirst();
    }

    @Override
    protected String idOf(SecurityGroup live) {
        return live.groupId();
    }

    @Override
    protected Map<String, String> tagsOf(SecurityGroup live) {
        return Ec2Tags.toMap(live.tags());
    }

    @Override
    protected List<Change> diff(StepContext context, SecurityGroup live) {
        List<Change> changes = new ArrayList<>();
        ruleChanges(INGRESS, resolve(context, group.ingress()), SecurityGroupRules.of(live.ipPermissions()), changes);
        ruleChanges(EGRESS, resolve(context, group.egress()), SecurityGroupRules.of(live.ipPermissionsEgress()), changes);
        tagChange(tags(context), tagsOf(live)).ifPresent(changes::add);
        return changes;
    }

    private static void ruleChanges(String direction, Set<SecurityGroupRule> desired, Set<SecurityGroupRule> live,
                                    List<Change> changes) {
        // A group without any ingress rule is one whose create was interrupted (a crash between
        // CreateSecurityGroup and AuthorizeSecurityGroupIngress): its spec rules complete the create, which
        // needs no approval, rather than widen a group in use.
        boolean unfinished = direction.equals(INGRESS) && live.isEmpty();
        for (SecurityGroupRule rule : desired) {
            if (!live.contains(rule)) {
                Change change = direction.equals(INGRESS) && rule.opensToInternet() && !unfinished
                        ? Change.broadening(direction, null, rule.describe())
                        : Change.update(direction, null, rule.describe());
                changes.add(change);
            }
        }
        for (SecurityGroupRule rule : live) {
            if (!desired.contains(rule)) {
                changes.add(Change.update(direction, rule.describe(), null));
            }
        }
    }

    /** The spec's rules with group references ({@code sg:ecs}) replaced by live group ids where known. */
    private Set<SecurityGroupRule> resolve(StepContext context, Set<SecurityGroupRule> rules) {
        Set<SecurityGroupRule> resolved = new LinkedHashSet<>();
        for (SecurityGroupRule rule : rules) {
            if (rule.peer().startsWith("sg:")) {
                SecurityGroupRole role = SecurityGroupRole.valueOf(rule.peer().substring(3).toUpperCase(java.util.Locale.ROOT));
                String peer = context.outputs().getOrUnknown(outputId(role));
                resolved.add(new SecurityGroupRule(rule.protocol(), rule.fromPort(), rule.toPort(), peer));
            } else {
                resolved.add(rule);
            }
        }
        return resolved;
    }

    @Override
    protected String createSummary(StepContext context) {
        return "security group with " + group.ingress().size() + " ingress and " + group.egress().size()
                + " egress rule(s)";
    }

    @Override
    protected SecurityGroup create(StepContext context) {
        Ec2Client ec2 = context.aws().ec2();
        String vpc = context.outputs().require(VpcStep.OUTPUT_ID);
        String id = EventualConsistency.retryOn(NetworkErrors.VPC_NOT_FOUND, () -> ec2.createSecurityGroup(r -> r
                .groupName(resourceName(context)).description(group.role().description()).vpcId(vpc)
                .tagSpecifications(Ec2Tags.at(ResourceType.SECURITY_GROUP, tags(context))))).groupId();
        SecurityGroup created = EventualConsistency.awaitPresent("security group " + id, () -> find(context));
        reconcileRules(context, created);
        return EventualConsistency.awaitPresent("security group " + id, () -> find(context));
    }

    @Override
    protected void update(StepContext context, SecurityGroup live, List<Change> changes) {
        reconcileRules(context, live);
        if (touches(changes, TAGS)) {
            NetworkTags.apply(context.aws().ec2(), live.groupId(), tags(context), tagsOf(live));
        }
    }

    /** Revokes rules not in the spec first (narrowing before widening), then authorizes the missing ones. */
    private void reconcileRules(StepContext context, SecurityGroup live) {
        Ec2Client ec2 = context.aws().ec2();
        String groupId = live.groupId();
        Set<SecurityGroupRule> wantIngress = resolveRequired(context, group.ingress());
        Set<SecurityGroupRule> wantEgress = resolveRequired(context, group.egress());
        Set<SecurityGroupRule> haveIngress = SecurityGroupRules.of(live.ipPermissions());
        Set<SecurityGroupRule> haveEgress = SecurityGroupRules.of(live.ipPermissionsEgress());
        List<SecurityGroupRule> revokeIngress = haveIngress.stream().filter(r -> !wantIngress.contains(r)).toList();
        List<SecurityGroupRule> revokeEgress = haveEgress.stream().filter(r -> !wantEgress.contains(r)).toList();
        List<SecurityGroupRule> addIngress = wantIngress.stream().filter(r -> !haveIngress.contains(r)).toList();
        List<SecurityGroupRule> addEgress = wantEgress.stream().filter(r -> !haveEgress.contains(r)).toList();
        if (!revokeIngress.isEmpty()) {
            ignore(NetworkErrors.RULE_NOT_FOUND, () -> ec2.revokeSecurityGroupIngress(r -> r.groupId(groupId)
                    .ipPermissions(SecurityGroupRules.toPermissions(revokeIngress))));
        }
        if (!revokeEgress.isEmpty()) {
            ignore(NetworkErrors.RULE_NOT_FOUND, () -> ec2.revokeSecurityGroupEgress(r -> r.groupId(groupId)
                    .ipPermissions(SecurityGroupRules.toPermissions(revokeEgress))));
        }
        if (!addIngress.isEmpty()) {
            ignore(NetworkErrors.RULE_EXISTS, () -> ec2.authorizeSecurityGroupIngress(r -> r.groupId(groupId)
                    .ipPermissions(SecurityGroupRules.toPermissions(addIngress))));
        }
        if (!addEgress.isEmpty()) {
            ignore(NetworkErrors.RULE_EXISTS, () -> ec2.authorizeSecurityGroupEgress(r -> r.groupId(groupId)
                    .ipPermissions(SecurityGroupRules.toPermissions(addEgress))));
        }
    }

    private Set<SecurityGroupRule> resolveRequired(StepContext context, Set<SecurityGroupRule> rules) {
        Set<SecurityGroupRule> resolved = resolve(context, rules);
        if (resolved.stream().anyMatch(r -> r.peer().equals(Change.KNOWN_AFTER_APPLY))) {
            throw new ProvisionerException("security group " + resourceName(context)
                    + " refers to a group that does not exist yet");
        }
        return resolved;
    }

    private static void ignore(Set<String> codes, Runnable call) {
        try {
            call.run();
        } catch (AwsServiceException e) {
            if (!AwsErrors.hasCode(e, codes)) {
                throw e;
            }
        }
    }

    @Override
    protected void publish(StepContext context, SecurityGroup live) {
        context.outputs().put(outputId(group.role()), live.groupId());
    }

    @Override
    protected void delete(StepContext context, SecurityGroup live) {
        NetworkErrors.ignoreNotFound(() -> context.aws().ec2().deleteSecurityGroup(r -> r.groupId(live.groupId())),
                NetworkErrors.GROUP_NOT_FOUND);
    }

    private Map<String, String> tags(StepContext context) {
        return ResourceTags.named(context.spec().environment(), StackName.NETWORK, resourceName(context));
    }
}
