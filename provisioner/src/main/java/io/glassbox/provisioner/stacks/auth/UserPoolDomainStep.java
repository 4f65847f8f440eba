package io.glassbox.provisioner.stacks.auth;

import io.glassbox.provisioner.aws.ResourceTags;
import io.glassbox.provisioner.engine.Change;
import io.glassbox.provisioner.engine.ResourceStep;
import io.glassbox.provisioner.engine.StepContext;
import io.glassbox.provisioner.spec.StackName;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import io.glassbox.provisioner.engine.ProvisionerException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.DomainDescriptionType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidParameterException;

/**
 * The hosted UI domain on our pool: {@code {prefix}.auth.{region}.amazoncognito.com}, the prefix {@code glassbox-{env}}
 * unless the config's {@code auth.domainPrefix} says otherwise. Prefixes are unique across every AWS account of the
 * region, so the default may be someone else's: Cognito then refuses it and the message names the setting. A pool has
 * one prefix domain, so a changed prefix replaces it. A domain held by another pool is not ours and is left alone.
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
        return context.spec().auth().domainPrefix();
    }

    /** The configured prefix's domain; else the domain our pool has under another prefix (the config changed it). */
    @Override
    protected Optional<DomainDescriptionType> find(StepContext context) {
        return describe(context, resourceName(context))
                .or(() -> context.outputs().get(UserPoolStep.OUTPUT_DOMAIN).flatMap(d -> describe(context, d)));
    }

    private static Optional<DomainDescriptionType> describe(StepContext context, String prefix) {
        DomainDescriptionType domain = context.aws().cognito()
                .describeUserPoolDomain(r -> r.domain(prefix)).domainDescription();
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
        // Stateless: the hosted UI moves to the new address, which the app's sign-in links must follow.
        return live.domain().equals(resourceName(context)) ? List.of()
                : List.of(Change.replace("domainPrefix", live.domain(), resourceName(context)));
    }

    @Override
    protected String createSummary(StepContext context) {
        return "hosted UI at https://" + resourceName(context) + ".auth." + context.aws().region() + ".amazoncognito.com";
    }

    @Override
    protected DomainDescriptionType create(StepContext context) {
        String pool = context.outputs().require(UserPoolStep.OUTPUT_ID);
        try {
            context.aws().cognito().createUserPoolDomain(r -> r.domain(resourceName(context)).userPoolId(pool));
        } catch (InvalidParameterException e) {
            if (e.getMessage() != null && e.getMessage().contains(TAKEN)) {
                throw new ProvisionerException("the Cognito domain prefix " + resourceName(context) + " is taken:"
                        + " prefixes are unique across every AWS account of " + context.aws().region()
                        + ", so choose another with auth.domainPrefix in the config (for example "
                        + context.aws().accountId() + "-" + resourceName(context) + ")");
            }
            throw e;
        }
        return describe(context, resourceName(context)).orElseThrow(() -> new ProvisionerException("Cognito domain "
                + resourceName(context) + " is not found right after its creation; run deploy again"));
    }

    /** Cognito's answer for a prefix in use anywhere (Cognito API Reference, CreateUserPoolDomain). */
    private static final String TAKEN = "Domain already associated with another user pool";

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
