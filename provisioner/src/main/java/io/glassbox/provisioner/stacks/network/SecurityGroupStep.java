package io.glassbox.provisioner.stacks.network;

import io.glassbox.provisioner.aws.Ec2Tags;
import io.glassbox.provisioner.aws.EventualConsistency;
import io.glassbox.provisioner.aws.ResourceTags;
import io.glassbox.provisioner.engine.Change;
import io.glassbox.provisioner.engine.StepContext;
import io.glassbox.provisioner.spec.SecurityGroupRole;
import io.glassbox.provisioner.spec.SecurityGroupSpec;
import io.glassbox.provisioner.spec.StackName;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;

/**
 * One of the four security groups ({@code glassbox-{env}-alb|ecs|rds|redis}) with exactly the spec's rules
 * whose peers are addresses: a rule missing is added, one not in the spec is revoked, and the default
 * allow-all egress that EC2 adds to every new group is revoked where the spec has none (RDS, Redis). Rules
 * naming another group belong to {@link SecurityGroupReferencesStep}, so that every group can be created as
 * soon as the VPC exists: the RDS and Redis groups head the longest chains of a deploy and no longer wait for
 * the ALB and ECS groups to be created first.
 */
public final class SecurityGroupStep extends SecurityGroupRuleStep {

    public SecurityGroupStep(SecurityGroupSpec group) {
        super(id(group.role()), group, rule -> !SecurityGroupRuleStep.refersToGroup(rule), VpcStep.ID);
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

    /**
     * A group without any ingress rule is one whose create was interrupted (a crash between
     * CreateSecurityGroup and AuthorizeSecurityGroupIngress): its spec rules complete the create, which needs
     * no approval, rather than widen a group in use.
     */
    @Override
    protected boolean unfinishedCreate(SecurityGroup live) {
        return live.ipPermissions().isEmpty();
    }

    @Override
    protected List<Change> diff(StepContext context, SecurityGroup live) {
        List<Change> changes = ruleChanges(context, live);
        tagChange(tags(context), tagsOf(live)).ifPresent(changes::add);
        return changes;
    }

    @Override
    protected String createSummary(StepContext context) {
        return "security group with " + count(group.ingress()) + " ingress and " + count(group.egress())
                + " egress address rule(s)";
    }

    @Override
    protected SecurityGroup create(StepContext context) {
        Ec2Client ec2 = context.aws().ec2();
        String vpc = context.outputs().require(VpcStep.OUTPUT_ID);
        String id = EventualConsistency.retryOn(context, NetworkErrors.VPC_NOT_FOUND, () -> ec2.createSecurityGroup(r -> r
                .groupName(resourceName(context)).description(group.role().description()).vpcId(vpc)
                .tagSpecifications(Ec2Tags.at(ResourceType.SECURITY_GROUP, tags(context))))).groupId();
        SecurityGroup created = EventualConsistency.awaitPresent(context, "security group " + id, () -> find(context));
        reconcile(context, created, wanted(context, group.ingress()), wanted(context, group.egress()));
        return EventualConsistency.awaitPresent(context, "security group " + id, () -> find(context));
    }

    @Override
    protected void update(StepContext context, SecurityGroup live, List<Change> changes) {
        if (touchesMoreThanTags(changes)) {
            reconcile(context, live, wanted(context, group.ingress()), wanted(context, group.egress()));
        }
        if (touches(changes, TAGS)) {
            NetworkTags.apply(context.aws().ec2(), live.groupId(), tags(context), tagsOf(live));
        }
    }

    @Override
    protected void publish(StepContext context, SecurityGroup live) {
        context.outputs().put(outputId(group.role()), live.groupId());
    }

    @Override
    protected void delete(StepContext context, SecurityGroup live) {
        context.retrying(NetworkErrors.LINGERING_INTERFACES, () -> NetworkErrors.ignoreNotFound(
                () -> context.aws().ec2().deleteSecurityGroup(r -> r.groupId(live.groupId())),
                NetworkErrors.GROUP_NOT_FOUND));
    }

    private Map<String, String> tags(StepContext context) {
        return ResourceTags.named(context.spec().environment(), StackName.NETWORK, id().value(), resourceName(context));
    }
}
