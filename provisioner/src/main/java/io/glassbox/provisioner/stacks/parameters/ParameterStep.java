package io.glassbox.provisioner.stacks.parameters;

import io.glassbox.provisioner.aws.ResourceTags;
import io.glassbox.provisioner.engine.Change;
import io.glassbox.provisioner.engine.ResourceStep;
import io.glassbox.provisioner.engine.StepContext;
import io.glassbox.provisioner.spec.StackName;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.Parameter;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;
import software.amazon.awssdk.services.ssm.model.ParameterType;
import software.amazon.awssdk.services.ssm.model.ResourceTypeForTagging;
import software.amazon.awssdk.services.ssm.model.Tag;

/**
 * One SSM String parameter under {@code /glassbox/{env}/} (spec, "Parameter Store"), whose value is a constant
 * of the spec or another step's output (an endpoint, a pool id).
 */
public final class ParameterStep extends ResourceStep<ParameterStep.LiveParameter> {

    private static final String VALUE = "value";
    private static final String TYPE = "type";

    /** The parameter and its tags. */
    record LiveParameter(Parameter parameter, Map<String, String> tags) {
    }

    private final String relativeName;
    private final Function<StepContext, Optional<String>> value;

    /**
     * @param id           the step id, e.g. {@code database.parameter.host}
     * @param relativeName the name below {@code /glassbox/{env}/}, e.g. {@code database/host}
     * @param value        the desired value; empty while the resource it comes from does not exist
     * @param dependencies steps whose outputs {@code value} reads
     */
    public ParameterStep(String id, StackName stack, String relativeName, Function<StepContext, Optional<String>> value,
                         String... dependencies) {
        super(id, stack, dependencies);
        this.relativeName = relativeName;
        this.value = value;
    }

    /** A parameter whose value is another step's output. */
    public static ParameterStep fromOutput(String id, StackName stack, String relativeName, String outputKey,
                                           String producer) {
        return new ParameterStep(id, stack, relativeName, c -> c.outputs().get(outputKey), producer);
    }

    /** A parameter with a value known from the spec. */
    public static ParameterStep constant(String id, StackName stack, String relativeName,
                                         Function<StepContext, String> value) {
        return new ParameterStep(id, stack, relativeName, c -> Optional.of(value.apply(c)));
    }

    @Override
    public String resourceType() {
        return "SSM parameter";
    }

    @Override
    public String resourceName(StepContext context) {
        return "/glassbox/" + context.spec().environment().id() + "/" + relativeName;
    }

    @Override
    protected Optional<LiveParameter> find(StepContext context) {
        SsmClient ssm = context.aws().ssm();
        // One GetParametersByPath for everything under /glassbox/{env}/, shared by the parameter steps of a plan.
        List<Parameter> all = context.reads().get("ssm.parameters", () -> ssm.getParametersByPathPaginator(
                r -> r.path(context.naming().parameter("").replaceAll("/$", "")).recursive(true)).stream()
                .flatMap(page -> page.parameters().stream()).toList());
        Optional<Parameter> found = all.stream().filter(p -> p.name().equals(resourceName(context))).findFirst();
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Parameter parameter = found.get();
        Map<String, String> tags = ssm.listTagsForResource(r -> r.resourceType(ResourceTypeForTagging.PARAMETER)
                .resourceId(resourceName(context))).tagList().stream().collect(Collectors.toMap(Tag::key, Tag::value));
        return Optional.of(new LiveParameter(parameter, tags));
    }

    @Override
    protected String idOf(LiveParameter live) {
        return live.parameter().name();
    }

    @Override
    protected Map<String, String> tagsOf(LiveParameter live) {
        return live.tags();
    }

    @Override
    protected List<Change> diff(StepContext context, LiveParameter live) {
        List<Change> changes = new ArrayList<>();
        String desired = value.apply(context).orElse(Change.KNOWN_AFTER_APPLY);
        if (!desired.equals(live.parameter().value())) {
            changes.add(Change.update(VALUE, live.parameter().value(), desired));
        }
        if (live.parameter().type() != ParameterType.STRING) {
            changes.add(Change.replace(TYPE, live.parameter().typeAsString(), ParameterType.STRING.toString()));
        }
        tagChange(tags(context), live.tags()).ifPresent(changes::add);
        return changes;
    }

    @Override
    protected String createSummary(StepContext context) {
        return "String = " + value.apply(context).orElse(Change.KNOWN_AFTER_APPLY);
    }

    @Override
    protected LiveParameter create(StepContext context) {
        String desired = requiredValue(context);
        // Tags only on create: SSM rejects Tags together with Overwrite (PutParameter API Reference).
        context.aws().ssm().putParameter(r -> r.name(resourceName(context)).value(desired).type(ParameterType.STRING)
                .tags(ssmTags(tags(context))));
        return find(context).orElseThrow();
    }

    @Override
    protected void update(StepContext context, LiveParameter live, List<Change> changes) {
        SsmClient ssm = context.aws().ssm();
        if (touches(changes, VALUE)) {
            String desired = requiredValue(context);
            ssm.putParameter(r -> r.name(resourceName(context)).value(desired).type(ParameterType.STRING).overwrite(true));
        }
        if (touches(changes, TAGS)) {
            ssm.addTagsToResource(r -> r.resourceType(ResourceTypeForTagging.PARAMETER).resourceId(resourceName(context))
                    .tags(ssmTags(ResourceTags.missing(tags(context), live.tags()))));
        }
    }

    private String requiredValue(StepContext context) {
        return value.apply(context).orElseThrow(() -> new io.glassbox.provisioner.engine.ProvisionerException(
                "the value of " + resourceName(context) + " is not known yet: its source does not exist"));
    }

    @Override
    protected void publish(StepContext context, LiveParameter live) {
        context.outputs().put(id().value() + ".name", live.parameter().name());
    }

    @Override
    protected void delete(StepContext context, LiveParameter live) {
        try {
            context.aws().ssm().deleteParameter(r -> r.name(live.parameter().name()));
        } catch (ParameterNotFoundException e) {
            // Already gone.
        }
    }

    private static List<Tag> ssmTags(Map<String, String> tags) {
        return tags.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
    }

    private Map<String, String> tags(StepContext context) {
        return ResourceTags.of(context.spec().environment(), stack(), id().value());
    }
}
