package io.glassbox.provisioner.stacks.network;

import io.glassbox.provisioner.aws.AwsErrors;
import io.glassbox.provisioner.aws.Ec2Tags;
import io.glassbox.provisioner.engine.Change;
import io.glassbox.provisioner.engine.StepContext;
import io.glassbox.provisioner.spec.SecurityGroupRole;
import io.glassbox.provisioner.spec.SecurityGroupRule;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;

/**
 * Finding a security group and keeping a share of its rules exactly as the spec says, for the two steps that
 * split a group's rules between them: {@link SecurityGroupStep} (the group, with its address rules) and
 * {@link SecurityGroupReferencesStep} (its rules naming other groups). Each diffs and reconciles only the
 * rules it owns and leaves the other's alone.
 */
final class SecurityGroupRuleSync {

    static final String INGRESS = "ingress";
    static final String EGRESS = "egress";

    private SecurityGroupRuleSync() {
    }

    /** Whether a rule's peer is another group: {@code sg:ecs} in the spec, {@code sg-0abc...} when live. */
    static boolean refersToGroup(SecurityGroupRule rule) {
        return rule.peer().startsWith("sg:") || rule.peer().startsWith("sg-");
    }

    /** The group a spec rule names: {@code sg:ecs} → ECS. */
    static SecurityGroupRole peerRole(SecurityGroupRule rule) {
        return SecurityGroupRole.valueOf(rule.peer().substring(3).toUpperCase(Locale.ROOT));
    }

    /** The group named {@code name} in the environment's VPC, from one Describe a plan shares. */
    static Optional<SecurityGroup> find(StepContext context, String name) {
        Optional<String> vpc = context.outputs().get(VpcStep.OUTPUT_ID);
        if (vpc.isEmpty()) {
            return Optional.empty(); // group names are unique per VPC; no VPC, no group
        }
        List<SecurityGroup> found = context.reads().get("ec2.security-groups:" + vpc.get(), () -> context.aws().ec2()
                .describeSecurityGroupsPaginator(r -> r.filters(Ec2Tags.filter("vpc-id", vpc.get())))
                .securityGroups().stream().toList());
        return found.stream().filter(g -> g.groupName().equals(name) && g.vpcId().equals(vpc.get())).findFirst();
    }

    /** The live rules among {@code live} that {@code owned} selects. */
    static Set<SecurityGroupRule> live(List<software.amazon.awssdk.services.ec2.model.IpPermission> live,
                                       Predicate<SecurityGroupRule> owned) {
        Set<SecurityGroupRule> rules = new LinkedHashSet<>(SecurityGroupRules.of(live));
        rules.removeIf(owned.negate());
        return rules;
    }

    /** The spec's rules that {@code owned} selects, with group references ({@code sg:ecs}) as live ids where known. */
    static Set<SecurityGroupRule> desired(StepContext context, Set<SecurityGroupRule> rules,
                                          Predicate<SecurityGroupRule> owned) {
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

    /** Adds to {@code changes} every rule to add (broadening when it opens to the internet) and to revoke. */
    static void changes(String direction, Set<SecurityGroupRule> desired, Set<SecurityGroupRule> live,
                        boolean unfinishedCreate, List<Change> changes) {
        for (SecurityGroupRule rule : desired) {
            if (!live.contains(rule)) {
                Change change = direction.equals(INGRESS) && rule.opensToInternet() && !unfinishedCreate
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

    /** Revokes the rules not wanted first (narrowing before widening), then authorizes the missing ones. */
    static void reconcile(Ec2Client ec2, String groupId, Set<SecurityGroupRule> wantIngress,
                          Set<SecurityGroupRule> haveIngress, Set<SecurityGroupRule> wantEgress,
                          Set<SecurityGroupRule> haveEgress) {
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
