package io.glassbox.provisioner.stacks.network;

import io.glassbox.provisioner.aws.Ec2Tags;
import io.glassbox.provisioner.aws.ResourceTags;
import io.glassbox.provisioner.engine.Change;
import io.glassbox.provisioner.engine.ProvisionerException;
import io.glassbox.provisioner.engine.ResourceStep;
import io.glassbox.provisioner.engine.StepContext;
import io.glassbox.provisioner.engine.TransientRefusal;
import io.glassbox.provisioner.aws.Timeouts;
import io.glassbox.provisioner.spec.StackName;
import io.glassbox.provisioner.stacks.compute.RoleStep;
import io.glassbox.provisioner.stacks.monitoring.LogGroupStep;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.ec2.model.CreateFlowLogsResponse;
import software.amazon.awssdk.services.ec2.model.FlowLog;
import software.amazon.awssdk.services.ec2.model.FlowLogsResourceType;
import software.amazon.awssdk.services.ec2.model.LogDestinationType;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.TrafficType;

/**
 * The VPC's flow log (FSBP EC2.6): all traffic, accepted and rejected, to the log group
 * {@code /vpc/glassbox-{env}/flow-logs} through the flow logs' own role. A flow log cannot be changed once created
 * (EC2 API Reference: there is no ModifyFlowLogs for these settings), so a difference is a replacement: the records
 * already delivered stay in the log group. Other flow logs on the VPC (the operator's, to S3, say) are left alone.
 */
public final class FlowLogStep extends ResourceStep<FlowLog> {

    public static final String ID = "network.flow-logs";
    private static final String TRAFFIC = "trafficType";
    private static final String DESTINATION = "logGroup";
    /**
     * The delivery role, created or given its policy just before, cannot be assumed by the flow logs service for some
     * seconds: CreateFlowLogs answers InvalidParameter "Unable to assume given IAM role" meanwhile (IAM User Guide,
     * "Changes that I make are not always immediately visible"; hashicorp/terraform-provider-aws #29323).
     */
    private static final TransientRefusal ROLE_NOT_YET_ASSUMABLE = TransientRefusal.withMessage(
            "IAM to propagate the delivery role", Timeouts.IAM_PROPAGATION, "Unable to assume", "InvalidParameter");
    private static final String ROLE = "deliverLogsPermissionArn";

    public FlowLogStep() {
        super(ID, StackName.NETWORK, VpcStep.ID, LogGroupStep.FLOW_LOGS_ID, RoleStep.FLOW_LOGS_ID);
    }

    @Override
    public String resourceType() {
        return "VPC flow log";
    }

    @Override
    public String resourceName(StepContext context) {
        return context.naming().base();
    }

    /**
     * The VPC's flow logs, for the engine's Identity: ours carries our step tag and our {@code Name} (both set by
     * CreateFlowLogs itself); the operator's own flow logs of the VPC carry neither and are left alone.
     */
    @Override
    protected List<FlowLog> candidates(StepContext context) {
        Optional<String> vpc = context.outputs().get(VpcStep.OUTPUT_ID);
        if (vpc.isEmpty()) {
            return List.of(); // no VPC, no flow log
        }
        return context.aws().ec2().describeFlowLogsPaginator(r -> r.filter(Ec2Tags.filter("resource-id", vpc.get())))
                .flowLogs().stream().toList();
    }

    @Override
    protected String nameOf(FlowLog live) {
        return Ec2Tags.name(live.tags());
    }

    @Override
    protected String idOf(FlowLog live) {
        return live.flowLogId();
    }

    @Override
    protected Map<String, String> tagsOf(FlowLog live) {
        return Ec2Tags.toMap(live.tags());
    }

    @Override
    protected List<Change> diff(StepContext context, FlowLog live) {
        List<Change> changes = new ArrayList<>();
        if (live.trafficType() != TrafficType.ALL) {
            changes.add(Change.replace(TRAFFIC, live.trafficTypeAsString(), TrafficType.ALL));
        }
        if (!context.naming().flowLogGroup().equals(live.logGroupName())) {
            changes.add(Change.replace(DESTINATION, live.logGroupName(), context.naming().flowLogGroup()));
        }
        String role = context.outputs().getOrUnknown(RoleStep.outputArn(RoleStep.FLOW_LOGS_ID));
        if (!role.equals(live.deliverLogsPermissionArn())) {
            changes.add(Change.replace(ROLE, live.deliverLogsPermissionArn(), role));
        }
        tagChange(tags(context), tagsOf(live)).ifPresent(changes::add);
        return changes;
    }

    @Override
    protected String createSummary(StepContext context) {
        return "all traffic of the VPC to " + context.naming().flowLogGroup();
    }

    @Override
    protected FlowLog create(StepContext context) {
        CreateFlowLogsResponse response = context.retrying(ROLE_NOT_YET_ASSUMABLE, () -> context.aws().ec2()
                .createFlowLogs(r -> r
                .resourceIds(context.outputs().require(VpcStep.OUTPUT_ID)).resourceType(FlowLogsResourceType.VPC)
                .trafficType(TrafficType.ALL).logDestinationType(LogDestinationType.CLOUD_WATCH_LOGS)
                .logGroupName(context.naming().flowLogGroup())
                .deliverLogsPermissionArn(context.outputs().require(RoleStep.outputArn(RoleStep.FLOW_LOGS_ID)))
                .tagSpecifications(Ec2Tags.at(ResourceType.VPC_FLOW_LOG, tags(context)))));
        if (!response.unsuccessful().isEmpty()) {
            throw new ProvisionerException("VPC flow log for " + resourceName(context) + " was not created: "
                    + response.unsuccessful().get(0).error().message());
        }
        return find(context).orElseThrow(() -> new ProvisionerException("VPC flow log "
                + response.flowLogIds() + " vanished after create"));
    }

    @Override
    protected void update(StepContext context, FlowLog live, List<Change> changes) {
        // Only the tags can change in place; everything else is a replacement (see the class comment).
        context.aws().ec2().createTags(r -> r.resources(live.flowLogId())
                .tags(Ec2Tags.toTags(ResourceTags.missing(tags(context), tagsOf(live)))));
    }

    @Override
    protected void publish(StepContext context, FlowLog live) {
        context.outputs().put(ID + ".id", live.flowLogId());
    }

    @Override
    protected void delete(StepContext context, FlowLog live) {
        context.aws().ec2().deleteFlowLogs(r -> r.flowLogIds(live.flowLogId()));
    }

    private Map<String, String> tags(StepContext context) {
        return ResourceTags.named(context.spec().environment(), StackName.NETWORK, id().value(), resourceName(context));
    }
}
