package io.glassbox.provisioner.stacks.auth;

import io.glassbox.provisioner.aws.ResourceTags;
import io.glassbox.provisioner.engine.Change;
import io.glassbox.provisioner.engine.ResourceStep;
import io.glassbox.provisioner.engine.StepContext;
import io.glassbox.provisioner.spec.StackName;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.cognitoidentityprovider.model.DomainDescriptionType;

/**
 * The hosted UI domain {@code glassbox-{env}} ({@code glassbox-{env}.auth.{region}.amazoncognito.com}) on our
 * pool. A domain held by another pool is not ours and is left alone.
 */
public final class UserPoolDomainStep extends ResourceStep<DomainDescriptionType> {

    public static final String ID = "auth.domain";
    public static final String OUTPUT_URL = "auth.domain.url";

    public UserPoolDomainStep() {
        super(ID, StackName.AUTH, UserPoolStep.ID);
    }

    @Override
    public String resourceType() {
        return "Cognito domain";
    }

    @Override
    public String resourceName(StepContext context) {
        return context.naming().base();
    }

    @Override
    protected Optional<DomainDescriptionType> find(StepContext context) {
        DomainDescriptionType domain = context.aws().cognito()
                .describeUserPoolDomain(r -> r.domain(resourceName(context))).domainDescription();
        // An unknown domain comes back as an empty description, not as an error.
        return domain == null || domain.userPoolId() == null || domain.userPoolId().isEmpty()
                ? Optional.empty() : Optional.of(domain);
    }

    @Override
    protected String idOf(DomainDescriptionType live) {
        return live.domain();
    }

    @Override
    protected Map<String, String> tagsOf(DomainDescriptionType live) {
        return Map.of(); // domains carry no tags
    }

    /** Ours when it belongs to our pool. */
    @Override
    protected Map<String, String> ownershipTags(StepContext context, DomainDescriptionType live) {
        return context.outputs().get(UserPoolStep.OUTPUT_ID).filter(live.userPoolId()::equals).isPresent()
                ? Map.of(ResourceTags.MANAGED_BY, ResourceTags.MANAGED_BY_VALUE) : Map.of();
    }

    @Override
    protected List<Change> diff(StepContext context, DomainDescriptionType live) {
        return List.of();
    }

    @Override
    protected String createSummary(StepContext context) {
        return "hosted UI at https://" + resourceName(context) + ".auth." + context.aws().region() + ".amazoncognito.com";
    }

    @Override
    protected DomainDescriptionType create(StepContext context) {
        String pool = context.outputs().require(UserPoolStep.OUTPUT_ID);
        context.aws().cognito().createUserPoolDomain(r -> r.domain(resourceName(context)).userPoolId(pool));
        return find(context).orElseThrow();
    }

    @Override
    protected void update(StepContext context, DomainDescriptionType live, List<Change> changes) {
        // Nothing changes in place: the domain is its name and its pool.
    }

    @Override
    protected void publish(StepContext context, DomainDescriptionType live) {
        context.outputs().put(OUTPUT_URL, "https://" + live.domain() + ".auth." + context.aws().region()
                + ".amazoncognito.com");
    }

    @Override
    protected void delete(StepContext context, DomainDescriptionType live) {
        context.aws().cognito().deleteUserPoolDomain(r -> r.domain(live.domain()).userPoolId(live.userPoolId()));
    }
}
