package io.glassbox.provisioner.stacks.monitoring;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.glassbox.provisioner.aws.AwsErrors;
import io.glassbox.provisioner.aws.ResourceTags;
import io.glassbox.provisioner.engine.Change;
import io.glassbox.provisioner.engine.ResourceStep;
import io.glassbox.provisioner.engine.StepContext;
import io.glassbox.provisioner.spec.ServiceKind;
import io.glassbox.provisioner.spec.StackName;
import io.glassbox.provisioner.stacks.cache.ReplicationGroupStep;
import io.glassbox.provisioner.stacks.compute.LoadBalancerStep;
import io.glassbox.provisioner.stacks.compute.ServiceStep;
import io.glassbox.provisioner.stacks.database.DbInstanceStep;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.cloudwatch.model.GetDashboardResponse;
import software.amazon.awssdk.services.cloudwatch.model.CloudWatchException;
import software.amazon.awssdk.services.cloudwatch.model.DashboardNotFoundErrorException;

/**
 * The CloudWatch dashboard {@code glassbox-{env}} with the spec's eight widgets ({@link DashboardBody}).
 * Dashboards have no tags: one with our deterministic name is taken as ours.
 */
public final class DashboardStep extends ResourceStep<GetDashboardResponse> {

    public static final String ID = "monitoring.dashboard";
    private static final String BODY = "dashboardBody";

    public DashboardStep() {
        // The metrics it shows are the live resources' (a taken-over database, cache and services keep their names).
        super(ID, StackName.MONITORING, LoadBalancerStep.ID, DbInstanceStep.ID, ReplicationGroupStep.ID,
                ServiceStep.id(ServiceKind.API), ServiceStep.id(ServiceKind.AGENT_WORKER),
                ServiceStep.id(ServiceKind.FILE_WORKER));
    }

    @Override
    public String resourceType() {
        return "CloudWatch dashboard";
    }

    @Override
    public String resourceName(StepContext context) {
        return context.naming().base();
    }

    @Override
    protected Optional<GetDashboardResponse> find(StepContext context) {
        try {
            return Optional.of(context.aws().cloudWatch().getDashboard(r -> r.dashboardName(resourceName(context))));
        } catch (DashboardNotFoundErrorException e) {
            return Optional.empty();
        } catch (CloudWatchException e) {
            // GetDashboard's NotFound is documented as DashboardNotFoundError with code ResourceNotFound; the
            // query protocol's code mapping varies, so match the code too (CloudWatch API Reference, GetDashboard).
            if (AwsErrors.hasCode(e, Set.of("ResourceNotFound", "DashboardNotFoundError"))) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    protected String idOf(GetDashboardResponse live) {
        return live.dashboardArn();
    }

    @Override
    protected Map<String, String> tagsOf(GetDashboardResponse live) {
        return Map.of();
    }

    @Override
    protected Map<String, String> ownershipTags(StepContext context, GetDashboardResponse live) {
        return ResourceTags.of(context.spec().environment(), StackName.MONITORING, id().value());
    }

    @Override
    protected List<Change> diff(StepContext context, GetDashboardResponse live) {
        JsonNode desired = DashboardBody.of(context);
        JsonNode observed;
        try {
            observed = DashboardBody.JSON.readTree(live.dashboardBody());
        } catch (JsonProcessingException e) {
            observed = null;
        }
        if (desired.equals(observed)) {
            return List.of();
        }
        return List.of(Change.update(BODY, summary(observed), summary(desired)));
    }

    /** The widget titles: the body itself is too long for a plan line. */
    private static String summary(JsonNode body) {
        if (body == null) {
            return "(not JSON)";
        }
        return body.path("widgets").findValuesAsText("title").toString();
    }

    @Override
    protected String createSummary(StepContext context) {
        return "dashboard with 8 widgets " + summary(DashboardBody.of(context));
    }

    @Override
    protected GetDashboardResponse create(StepContext context) {
        put(context);
        return find(context).orElseThrow();
    }

    private void put(StepContext context) {
        context.outputs().require(LoadBalancerStep.OUTPUT_METRIC_ID);
        context.aws().cloudWatch().putDashboard(r -> r.dashboardName(resourceName(context))
                .dashboardBody(DashboardBody.of(context).toString()));
    }

    @Override
    protected void update(StepContext context, GetDashboardResponse live, List<Change> changes) {
        put(context);
    }

    @Override
    protected void publish(StepContext context, GetDashboardResponse live) {
        context.outputs().put(ID + ".arn", live.dashboardArn());
    }

    @Override
    protected void delete(StepContext context, GetDashboardResponse live) {
        context.aws().cloudWatch().deleteDashboards(r -> r.dashboardNames(resourceName(context)));
    }
}
