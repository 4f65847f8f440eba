package io.glassbox.provisioner.stacks.network;

import io.glassbox.provisioner.aws.ResourceTags;
import io.glassbox.provisioner.engine.Change;
import io.glassbox.provisioner.engine.ProvisionerException;
import io.glassbox.provisioner.engine.ResourceStep;
import io.glassbox.provisioner.engine.StepContext;
import io.glassbox.provisioner.spec.StackName;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;

/**
 * FSBP EC2.2: the VPC's default security group allows nothing, so a resource launched without a group of its own
 * can neither be reached nor reach out. AWS makes the group with the VPC (allowing traffic from itself and all
 * outbound) and deletes it with the VPC; this step only takes its rules away, and a rule added later is drift.
 */
public final class DefaultSecurityGroupStep extends ResourceStep<SecurityGroup> {

    public static final String ID = "network.default-security-group";
    private static final String RULES = "rules";

    public DefaultSecurityGroupStep() {
        super(ID, StackName.NETWORK, VpcStep.ID);
    }

    @Override
    public String resourceType() {
        return "default security group";
    }

    @Override
    public String resourceName(StepContext context) {
        return "default";
    }

    /** The group named {@code default} in the environment's VPC; none before the VPC exists. */
    @Override
    protected Optional<SecurityGroup> find(StepContext context) {
        Optional<String> vpc = context.outputs().get(VpcStep.OUTPUT_ID);
        if (vpc.isEmpty()) {
            return Optional.empty();
        }
        return context.aws().ec2().describeSecurityGroupsPaginator(r -> r.filters(
                Filter.builder().name("vpc-id").values(vpc.get()).build(),
                Filter.builder().name("group-name").values("default").build())).securityGroups().stream().findFirst();
    }

    @Override
    protected String idOf(SecurityGroup live) {
        return live.groupId();
    }

    @Override
    protected Map<String, String> tagsOf(SecurityGroup live) {
        return Map.of(); // AWS's group: left untagged, owned through the VPC
    }

    /** Owned through the VPC it belongs to, whose own tags VpcStep has checked. */
    @Override
    protected Map<String, String> ownershipTags(StepContext context, SecurityGroup live) {
        return ResourceTags.of(context.spec().environment(), StackName.NETWORK, id().value());
    }

    @Override
    protected List<Change> diff(StepContext context, SecurityGroup live) {
        int rules = live.ipPermissions().size() + live.ipPermissionsEgress().size();
        return rules == 0 ? List.of()
                : List.of(Change.update(RULES, live.ipPermissions().size() + " inbound, " + live.ipPermissionsEgress()
                        .size() + " outbound", "(none)"));
    }

    @Override
    protected String createSummary(StepContext context) {
        return "the new VPC's default security group without any rule";
    }

    /** The group comes with the VPC: its rules are taken away. */
    @Override
    protected SecurityGroup create(StepContext context) {
        SecurityGroup group = find(context).orElseThrow(() -> new ProvisionerException("the default security group of"
                + " VPC " + context.outputs().getOrUnknown(VpcStep.OUTPUT_ID) + " was not found"));
        revokeAll(context.aws().ec2(), group);
        return find(context).orElseThrow();
    }

    @Override
    protected void update(StepContext context, SecurityGroup live, List<Change> changes) {
        if (touches(changes, RULES)) {
            revokeAll(context.aws().ec2(), live);
        }
    }

    private static void revokeAll(Ec2Client ec2, SecurityGroup group) {
        if (!group.ipPermissions().isEmpty()) {
            ec2.revokeSecurityGroupIngress(r -> r.groupId(group.groupId()).ipPermissions(new ArrayList<>(group.ipPermissions())));
        }
        if (!group.ipPermissionsEgress().isEmpty()) {
            ec2.revokeSecurityGroupEgress(r -> r.groupId(group.groupId())
                    .ipPermissions(new ArrayList<>(group.ipPermissionsEgress())));
        }
    }

    @Override
    protected void publish(StepContext context, SecurityGroup live) {
        context.outputs().put(ID + ".id", live.groupId());
    }

    /** AWS deletes the default group with its VPC (and refuses to delete it before). */
    @Override
    protected void delete(StepContext context, SecurityGroup live) {
    }
}
