package io.glassbox.provisioner.stacks.network;

import io.glassbox.provisioner.aws.Ec2Tags;
import io.glassbox.provisioner.engine.Change;
import io.glassbox.provisioner.engine.ResourceStep;
import io.glassbox.provisioner.engine.StepContext;
import io.glassbox.provisioner.spec.SecurityGroupRule;
import io.glassbox.provisioner.spec.SecurityGroupSpec;
import io.glassbox.provisioner.spec.StackName;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;

/**
 * What the two steps of a security group share: both observe the same group ({@code glassbox-{env}-rds}) and
 * keep exactly their share of its rules, the one {@code owned} selects, leaving the other step's alone.
 */
abstract class SecurityGroupRuleStep extends ResourceStep<SecurityGroup> {

    protected final SecurityGroupSpec group;
    private final Predicate<SecurityGroupRule> owned;

    SecurityGroupRuleStep(String id, SecurityGroupSpec group, Predicate<SecurityGroupRule> owned,
                          String... dependencies) {
        super(id, StackName.NETWORK, dependencies);
        this.group = group;
        this.owned = owned;
    }

    @Override
    public String resourceName(StepContext context) {
        return context.naming().securityGroup(group.role());
    }

    @Override
    protected Optional<SecurityGroup> find(StepContext context) {
        return SecurityGroupRuleSync.find(context, resourceName(context));
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

    /** The rule changes of this step's share. */
    protected List<Change> ruleChanges(StepContext context, SecurityGroup live) {
        List<Change> changes = new ArrayList<>();
        SecurityGroupRuleSync.changes(SecurityGroupRuleSync.INGRESS, wanted(context, group.ingress()),
                SecurityGroupRuleSync.live(live.ipPermissions(), owned), unfinishedCreate(live), changes);
        SecurityGroupRuleSync.changes(SecurityGroupRuleSync.EGRESS, wanted(context, group.egress()),
                SecurityGroupRuleSync.live(live.ipPermissionsEgress(), owned), unfinishedCreate(live), changes);
        return changes;
    }

    /** Makes this step's share of the live rules exactly {@code ingress} and {@code egress}. */
    protected void reconcile(StepContext context, SecurityGroup live, Set<SecurityGroupRule> ingress,
                             Set<SecurityGroupRule> egress) {
        SecurityGroupRuleSync.reconcile(context.aws().ec2(), live.groupId(),
                ingress, SecurityGroupRuleSync.live(live.ipPermissions(), owned),
                egress, SecurityGroupRuleSync.live(live.ipPermissionsEgress(), owned));
    }

    /** The spec's rules of this step's share, group references resolved where known. */
    protected Set<SecurityGroupRule> wanted(StepContext context, Set<SecurityGroupRule> rules) {
        return SecurityGroupRuleSync.desired(context, rules, owned);
    }

    protected long count(Set<SecurityGroupRule> rules) {
        return rules.stream().filter(owned).count();
    }
}
