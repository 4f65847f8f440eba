package io.glassbox.provisioner.stacks.database;

import io.glassbox.provisioner.aws.ResourceTags;
import io.glassbox.provisioner.engine.Change;
import io.glassbox.provisioner.engine.ResourceStep;
import io.glassbox.provisioner.engine.StepContext;
import io.glassbox.provisioner.spec.StackName;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.rds.model.ApplyMethod;
import software.amazon.awssdk.services.rds.model.DBParameterGroup;
import software.amazon.awssdk.services.rds.model.Parameter;
import software.amazon.awssdk.services.rds.model.DbParameterGroupNotFoundException;

/** The parameter group {@code glassbox-{env}-postgres16} (family postgres16), the instance's own. */
public final class DbParameterGroupStep extends ResourceStep<DbParameterGroupStep.LiveGroup> {

    public static final String ID = "database.parameter-group";
    /** FSBP (RDS, "connections encrypted in transit"): the server refuses connections without TLS. Dynamic. */
    private static final String FORCE_SSL = "rds.force_ssl";
    /**
     * Explicit, so the connections alarm knows the limit ({@code RdsMaxConnections}). Static in PostgreSQL: a change
     * takes effect at the instance's next reboot (RDS User Guide, "Working with parameter groups").
     */
    private static final String MAX_CONNECTIONS = "max_connections";

    /** The parameters the group sets, by name. */
    static Map<String, String> parameters(StepContext context) {
        Map<String, String> parameters = new java.util.LinkedHashMap<>();
        parameters.put(FORCE_SSL, "1");
        parameters.put(MAX_CONNECTIONS, String.valueOf(context.spec().database().maxConnections()));
        return parameters;
    }

    record LiveGroup(DBParameterGroup group, Map<String, String> tags, Map<String, String> parameters) {
    }

    public DbParameterGroupStep() {
        super(ID, StackName.DATABASE);
    }

    static String family(StepContext context) {
        return "postgres" + context.spec().database().engineMajorVersion();
    }

    @Override
    public String resourceType() {
        return "DB parameter group";
    }

    @Override
    public String resourceName(StepContext context) {
        return context.naming().base() + "-" + family(context);
    }

    @Override
    protected Optional<LiveGroup> find(StepContext context) {
        try {
            // NotFound is the documented answer; some endpoints answer an empty list instead.
            return context.aws().rds().describeDBParameterGroups(r -> r.dbParameterGroupName(resourceName(context)))
                    .dbParameterGroups().stream().findFirst()
                    .map(group -> new LiveGroup(group, RdsTags.of(context, group.dbParameterGroupArn()),
                            userParameters(context, group.dbParameterGroupName())));
        } catch (DbParameterGroupNotFoundException e) {
            return Optional.empty();
        }
    }

    /** The parameters set in the group (Source user): the engine's defaults are not ours to compare. */
    private static Map<String, String> userParameters(StepContext context, String group) {
        Map<String, String> parameters = new java.util.LinkedHashMap<>();
        context.aws().rds().describeDBParametersPaginator(r -> r.dbParameterGroupName(group).source("user"))
                .parameters().forEach(p -> {
                    if (p.parameterValue() != null) {
                        parameters.put(p.parameterName(), p.parameterValue());
                    }
                });
        return parameters;
    }

    @Override
    protected String idOf(LiveGroup live) {
        return live.group().dbParameterGroupName();
    }

    @Override
    protected Map<String, String> tagsOf(LiveGroup live) {
        return live.tags();
    }

    @Override
    protected List<Change> diff(StepContext context, LiveGroup live) {
        List<Change> changes = new ArrayList<>();
        if (!family(context).equals(live.group().dbParameterGroupFamily())) {
            changes.add(Change.replace("family", live.group().dbParameterGroupFamily(), family(context)));
        }
        parameters(context).forEach((name, value) -> {
            if (!value.equals(live.parameters().get(name))) {
                changes.add(Change.update(name, live.parameters().get(name), value));
            }
        });
        tagChange(tags(context), live.tags()).ifPresent(changes::add);
        return changes;
    }

    @Override
    protected String createSummary(StepContext context) {
        return "parameter group, family " + family(context) + ", rds.force_ssl=1, max_connections="
                + context.spec().database().maxConnections();
    }

    @Override
    protected LiveGroup create(StepContext context) {
        context.aws().rds().createDBParameterGroup(r -> r.dbParameterGroupName(resourceName(context))
                .dbParameterGroupFamily(family(context))
                .description("GlassBox " + context.spec().environment().id() + " PostgreSQL parameters")
                .tags(RdsTags.toTags(tags(context))));
        setParameters(context, parameters(context).keySet());
        return find(context).orElseThrow();
    }

    @Override
    protected void update(StepContext context, LiveGroup live, List<Change> changes) {
        List<String> changed = parameters(context).keySet().stream().filter(name -> touches(changes, name)).toList();
        if (!changed.isEmpty()) {
            setParameters(context, changed);
        }
        if (touches(changes, TAGS)) {
            RdsTags.add(context, live.group().dbParameterGroupArn(), ResourceTags.missing(tags(context), live.tags()));
        }
    }

    /** Dynamic parameters apply at once, static ones at the next reboot (RDS User Guide, "Parameter groups"). */
    private void setParameters(StepContext context, java.util.Collection<String> names) {
        Map<String, String> values = parameters(context);
        context.aws().rds().modifyDBParameterGroup(r -> r.dbParameterGroupName(resourceName(context))
                .parameters(names.stream().map(name -> Parameter.builder().parameterName(name)
                        .parameterValue(values.get(name)).applyMethod(name.equals(MAX_CONNECTIONS)
                                ? ApplyMethod.PENDING_REBOOT : ApplyMethod.IMMEDIATE).build()).toList()));
    }

    @Override
    protected void publish(StepContext context, LiveGroup live) {
        context.outputs().put(ID + ".name", live.group().dbParameterGroupName());
    }

    @Override
    protected void delete(StepContext context, LiveGroup live) {
        try {
            context.aws().rds().deleteDBParameterGroup(r -> r.dbParameterGroupName(live.group().dbParameterGroupName()));
        } catch (DbParameterGroupNotFoundException e) {
            // Already gone.
        }
    }

    private Map<String, String> tags(StepContext context) {
        return ResourceTags.of(context.spec().environment(), StackName.DATABASE, id().value());
    }
}
