package io.glassbox.provisioner.stacks.compute;

import io.glassbox.provisioner.aws.ResourceTags;
import io.glassbox.provisioner.engine.Change;
import io.glassbox.provisioner.engine.ResourceStep;
import io.glassbox.provisioner.engine.StepContext;
import io.glassbox.provisioner.spec.StackName;
import io.glassbox.provisioner.stacks.network.VpcStep;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;

/**
 * The API's target group {@code glassbox-{env}-api}: HTTP on 8080 to IP targets (Fargate tasks in awsvpc
 * mode register by IP), health check {@code GET /health}. Port, protocol, target type and VPC are immutable.
 */
public final class TargetGroupStep extends ResourceStep<TargetGroupStep.LiveTargetGroup> {

    public static final String ID = "compute.target-group";
    public static final String OUTPUT_ARN = ID + ".arn";
    /** {@code targetgroup/glassbox-staging-api/73e2d6bc24d8a067}: its CloudWatch {@code TargetGroup} dimension. */
    public static final String OUTPUT_METRIC_ID = ID + ".metric-dimension";
    static final String HEALTH_CHECK_PATH = "/health";

    /** The target group and its tags. */
    record LiveTargetGroup(TargetGroup group, Map<String, String> tags) {
    }

    public TargetGroupStep() {
        super(ID, StackName.COMPUTE, VpcStep.ID);
    }

    @Override
    public String resourceType() {
        return "target group";
    }

    @Override
    public String resourceName(StepContext context) {
        return context.naming().targetGroup();
    }

    /** The target groups in the environment's VPC and the one with our name, tags in one DescribeTags. */
    @Override
    protected List<LiveTargetGroup> candidates(StepContext context) {
        ElasticLoadBalancingV2Client elb = context.aws().elbv2();
        Optional<String> vpc = context.outputs().get(VpcStep.OUTPUT_ID);
        List<TargetGroup> found = elb.describeTargetGroupsPaginator(r -> { }).targetGroups().stream()
                .filter(g -> g.targetGroupName().equals(resourceName(context))
                        || vpc.filter(v -> v.equals(g.vpcId())).isPresent()).toList();
        Map<String, Map<String, String>> tags = ElbTags.ofAll(elb, found.stream().map(TargetGroup::targetGroupArn).toList());
        return found.stream().map(g -> new LiveTargetGroup(g, tags.getOrDefault(g.targetGroupArn(), Map.of()))).toList();
    }

    @Override
    protected String nameOf(LiveTargetGroup live) {
        return live.group().targetGroupName();
    }

    @Override
    protected String idOf(LiveTargetGroup live) {
        return live.group().targetGroupArn();
    }

    @Override
    protected Map<String, String> tagsOf(LiveTargetGroup live) {
        return live.tags();
    }

    @Override
    protected List<Change> diff(StepContext context, LiveTargetGroup live) {
        TargetGroup group = live.group();
        List<Change> changes = new ArrayList<>();
        replaceIfDiffers(changes, "port", group.port(), TaskDefinitionTemplate.API_PORT);
        replaceIfDiffers(changes, "protocol", group.protocolAsString(), ProtocolEnum.HTTP.toString());
        replaceIfDiffers(changes, "targetType", group.targetTypeAsString(), TargetTypeEnum.IP.toString());
        replaceIfDiffers(changes, "vpcId", group.vpcId(),
                context.outputs().getOrUnknown(VpcStep.OUTPUT_ID));
        if (!Objects.equals(group.healthCheckPath(), HEALTH_CHECK_PATH)) {
            changes.add(Change.update("healthCheckPath", group.healthCheckPath(), HEALTH_CHECK_PATH));
        }
        if (!Objects.equals(group.healthCheckProtocolAsString(), ProtocolEnum.HTTP.toString())) {
            changes.add(Change.update("healthCheckProtocol", group.healthCheckProtocolAsString(), ProtocolEnum.HTTP));
        }
        tagChange(tags(context), live.tags()).ifPresent(changes::add);
        return changes;
    }

    private static void replaceIfDiffers(List<Change> changes, String path, Object live, Object desired) {
        if (!Objects.equals(String.valueOf(live), String.valueOf(desired))) {
            changes.add(Change.replace(path, live, desired));
        }
    }

    @Override
    protected String createSummary(StepContext context) {
        return "HTTP target group on port " + TaskDefinitionTemplate.API_PORT + " (IP targets), health check GET "
                + HEALTH_CHECK_PATH;
    }

    @Override
    protected LiveTargetGroup create(StepContext context) {
        context.aws().elbv2().createTargetGroup(r -> r.name(resourceName(context))
                .protocol(ProtocolEnum.HTTP).port(TaskDefinitionTemplate.API_PORT).targetType(TargetTypeEnum.IP)
                .vpcId(context.outputs().require(VpcStep.OUTPUT_ID))
                .healthCheckProtocol(ProtocolEnum.HTTP).healthCheckPath(HEALTH_CHECK_PATH)
                .tags(ElbTags.list(tags(context))));
        return find(context).orElseThrow();
    }

    @Override
    protected void update(StepContext context, LiveTargetGroup live, List<Change> changes) {
        ElasticLoadBalancingV2Client elb = context.aws().elbv2();
        String arn = live.group().targetGroupArn();
        if (touches(changes, "healthCheckPath") || touches(changes, "healthCheckProtocol")) {
            elb.modifyTargetGroup(r -> r.targetGroupArn(arn).healthCheckProtocol(ProtocolEnum.HTTP)
                    .healthCheckPath(HEALTH_CHECK_PATH));
        }
        if (touches(changes, TAGS)) {
            elb.addTags(r -> r.resourceArns(arn).tags(ElbTags.list(ResourceTags.missing(tags(context), live.tags()))));
        }
    }

    @Override
    protected void publish(StepContext context, LiveTargetGroup live) {
        String arn = live.group().targetGroupArn();
        context.outputs().put(OUTPUT_ARN, arn);
        context.outputs().put(OUTPUT_METRIC_ID, arn.substring(arn.lastIndexOf(":") + 1));
    }

    @Override
    protected void delete(StepContext context, LiveTargetGroup live) {
        context.aws().elbv2().deleteTargetGroup(r -> r.targetGroupArn(live.group().targetGroupArn()));
    }

    private Map<String, String> tags(StepContext context) {
        return ResourceTags.of(context.spec().environment(), StackName.COMPUTE, id().value());
    }
}
