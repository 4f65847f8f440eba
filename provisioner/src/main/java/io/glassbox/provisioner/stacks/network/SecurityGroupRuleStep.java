package io.glassbox.provisioner.stacks.network;

import io.glassbox.provisioner.aws.AwsErrors;
import io.glassbox.provisioner.aws.Ec2Tags;
import io.glassbox.provisioner.engine.Change;
import io.glassbox.provisioner.engine.ResourceStep;
import io.glassbox.provisioner.engine.StepContext;
import io.glassbox.provisioner.engine.StepId;
import io.glassbox.provisioner.spec.SecurityGroupRole;
import io.glassbox.provisioner.spec.SecurityGroupRule;
import io.glassbox.provisioner.spec.SecurityGroupSpec;
import io.glassbox.provisioner.spec.StackName;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;

/**
 * What the two steps of a security group share: {@link SecurityGroupStep} (the group, with its address rules)
 * and {@link SecurityGroupReferencesStep} (its rules naming other groups) observe the same group
 * ({@code glassbox-{env}-rds}) and keep exactly their share of its rules, the one {@code owned} selects,
 * leaving the other step's alone.
 */
abstract class SecurityGroupRuleStep extends ResourceStep<SecurityGroup> {

    private static final String INGRESS = "ingress";
    private static final String EGRESS = "egress";

    protected final SecurityGroupSpec group;
    private final Predicate<SecurityGroupRule> owned;

    SecurityGroupRuleStep(String id, SecurityGroupSpec group, Predicate<SecurityGroupRule> owned,
                          String... dependencies) {
        super(id, StackName.NETWORK, dependencies);
        this.group = group;
        this.owned = owned;
    }

    /** Whether a rule's peer is another group: {@code sg:ecs} in the spec, {@code sg-0abc...} when live. */
    static boolean refersToGroup(SecurityGroupRule rule) {
        return rule.peer().startsWith("sg:") || rule.peer().startsWith("sg-");
    }

    /** The group a spec rule names: {@code sg:ecs} → ECS. */
    static SecurityGroupRole peerRole(SecurityGroupRule rule) {
        return SecurityGroupRole.valueOf(rule.peer().substring(3).toUpperCase(Locale.ROOT));
    }

    @Override
    public String resourceName(StepContext context) {
        return context.naming().securityGroup(group.role());
    }

    /** The group in the environment's VPC, from one Describe of the VPC's groups that a plan shares. */
    @Override
    protected List<SecurityGroup> candidates(StepContext context) {
        Optional<String> vpc = context.outputs().get(VpcStep.OUTPUT_ID);
        if (vpc.isEmpty()) {
            return List.of(); // group names are unique per VPC; no VPC, no group
        }
        return context.reads().get("ec2.security-groups:" + vpc.get(), () -> context.aws().ec2()
                .describeSecurityGroupsPaginator(r -> r.filters(Ec2Tags.filter("vpc-id", vpc.get())))
                .securityGroups().stream().toList());
    }

    @Override
    protected String nameOf(SecurityGroup live) {
        return live.groupName();
    }

    /** The group's own step tags it; the step of its references finds it by that tag too. */
    @Override
    protected StepId owningStep() {
        return StepId.of(SecurityGroupStep.id(group.role()));
    }

    @Override
    protected String idOf(SecurityGroup live) {
        return live.groupId();
    }

    @Override
    protected Map<String, String> tagsOf(SecurityGroup live) {
        return Ec2Tags.toMap(live.tags());
    }

    /** Whether a missing internet rule completes an interrupted create instead of broadening a group in use. */
    protected boolean unfinishedCreate(SecurityGroup live) {
        return false;
    }

    /** The rule changes of this step's share: each rule to add (broadening when it opens to the internet) or revoke. */
    protected List<Change> ruleChanges(StepContext context, SecurityGroup live) {
        List<Change> changes = new ArrayList<>();
        boolean unfinished = unfinishedCreate(live);
        changes(INGRESS, wanted(context, group.ingress()), owned(live.ipPermissions()), unfinished, changes);
        changes(EGRESS, wanted(context, group.egress()), owned(live.ipPermissionsEgress()), unfinished, changes);
        return changes;
    }

    private static void changes(String direction, Set<SecurityGroupRule> desired, Set<SecurityGroupRule> live,
                                boolean unfinishedCreate, List<Change> changes) {
        for (SecurityGroupRule rule : desired) {
            if (!live.contains(rule)) {
                changes.add(direction.equals(INGRESS) && rule.opensToInternet() && !unfinishedCreate
                        ? Change.broadening(direction, null, rule.describe())
                        : Change.update(direction, null, rule.describe()));
            }
        }
        for (SecurityGroupRule rule : live) {
            if (!desired.contains(rule)) {
                changes.add(Change.update(direction, rule.describe(), null));
            }
        }
    }

    /**
     * Makes this step's share of the live rules exactly {@code wantIngress} and {@code wantEgress}: revokes the
     * rules not wanted first (narrowing before widening), then authorizes the missing ones.
     */
    protected void reconcile(StepContext context, SecurityGroup live, Set<SecurityGroupRule> wantIngress,
                             Set<SecurityGroupRule> wantEgress) {
        Ec2Client ec2 = context.aws().ec2();
        String groupId = live.groupId();
        Set<SecurityGroupRule> haveIngress = owned(live.ipPermissions());
        Set<SecurityGroupRule> haveEgress = owned(live.ipPermissionsEgress());
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

    /** The spec's rules of this step's share, with group references ({@code sg:ecs}) as live ids where known. */
    protected Set<SecurityGroupRule> wanted(StepContext context, Set<SecurityGroupRule> rules) {
        Set<SecurityGroupRule> resolved = new LinkedHashSet<>();
        for (SecurityGroupRule rule : rules) {
            if (!owned.test(rule)) {
                continue;
            }
            if (rule.peer().startsWith("sg:")) {
                String peer = context.outputs().getOrUnknown(SecurityGroupStep.outputId(peerRole(rule)));
                resolved.add(new SecurityGroupRule(rule.protocol(), rule.fromPort(), rule.toPort(), peer));
            } else {
                resolved.add(rule);
            }
        }
        return resolved;
    }

    /** How many of {@code rules} are this step's. */
    protected long count(Set<SecurityGroupRule> rules) {
        return rules.stream().filter(owned).count();
    }

    /** The live rules that are this step's. */
    private Set<SecurityGroupRule> owned(List<IpPermission> live) {
        Set<SecurityGroupRule> rules = new LinkedHashSet<>(SecurityGroupRules.of(live));
        rules.removeIf(owned.negate());
        return rules;
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
}
