package io.glassbox.provisioner.stacks.network;

import io.glassbox.provisioner.engine.Change;
import io.glassbox.provisioner.engine.ProvisionerException;
import io.glassbox.provisioner.engine.StepContext;
import io.glassbox.provisioner.spec.SecurityGroupRole;
import io.glassbox.provisioner.spec.SecurityGroupRule;
import io.glassbox.provisioner.spec.SecurityGroupSpec;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;

/**
 * The rules of one security group that name another group ({@code glassbox-{env}-rds}: PostgreSQL from the ECS
 * group), kept exactly as the spec says once both groups exist. Split from {@link SecurityGroupStep} so groups
 * are created side by side; destroy revokes these rules first, which also lets EC2 delete the groups in any
 * order (a group another group's rule names cannot be deleted).
 */
public final class SecurityGroupReferencesStep extends SecurityGroupRuleStep {

    public SecurityGroupReferencesStep(SecurityGroupSpec group) {
        super(id(group.role()), group, SecurityGroupRuleStep::refersToGroup, dependencies(group));
    }

    /** Whether {@code group} has rules naming another group at all (the ALB's has none). */
    public static boolean needed(SecurityGroupSpec group) {
        return references(group).findAny().isPresent();
    }

    public static String id(SecurityGroupRole role) {
        return SecurityGroupStep.id(role) + ".references";
    }

    private static Stream<SecurityGroupRule> references(SecurityGroupSpec group) {
        return Stream.concat(group.ingress().stream(), group.egress().stream())
                .filter(SecurityGroupRuleStep::refersToGroup);
    }

    private static String[] dependencies(SecurityGroupSpec group) {
        Set<String> dependencies = new LinkedHashSet<>();
        dependencies.add(SecurityGroupStep.id(group.role()));
        references(group).forEach(rule -> dependencies.add(SecurityGroupStep.id(SecurityGroupRuleStep.peerRole(rule))));
        return dependencies.toArray(String[]::new);
    }

    @Override
    public String resourceType() {
        return "security group rules";
    }

    @Override
    protected List<Change> diff(StepContext context, SecurityGroup live) {
        return ruleChanges(context, live);
    }

    @Override
    protected String createSummary(StepContext context) {
        return references(group).map(SecurityGroupRule::describe).collect(Collectors.joining(", "));
    }

    @Override
    protected SecurityGroup create(StepContext context) {
        // The group itself is a dependency, so it exists by now unless something deleted it meanwhile.
        throw new ProvisionerException("security group " + resourceName(context) + " does not exist, so its rules "
                + "naming other groups cannot be added; run deploy again");
    }

    @Override
    protected void update(StepContext context, SecurityGroup live, List<Change> changes) {
        reconcile(context, live, required(context, wanted(context, group.ingress())),
                required(context, wanted(context, group.egress())));
    }

    private Set<SecurityGroupRule> required(StepContext context, Set<SecurityGroupRule> rules) {
        if (rules.stream().anyMatch(r -> r.peer().equals(Change.KNOWN_AFTER_APPLY))) {
            throw new ProvisionerException("security group " + resourceName(context)
                    + " refers to a group that does not exist yet");
        }
        return rules;
    }

    @Override
    protected void publish(StepContext context, SecurityGroup live) {
        // The group's id is SecurityGroupStep's output; these rules publish nothing.
    }

    @Override
    protected void delete(StepContext context, SecurityGroup live) {
        reconcile(context, live, Set.of(), Set.of());
    }
}
