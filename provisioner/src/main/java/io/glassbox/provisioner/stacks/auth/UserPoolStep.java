package io.glassbox.provisioner.stacks.auth;

import io.glassbox.provisioner.aws.ResourceTags;
import io.glassbox.provisioner.engine.Change;
import io.glassbox.provisioner.engine.DeletableData;
import io.glassbox.provisioner.engine.ProvisionerException;
import io.glassbox.provisioner.engine.RefusedException;
import io.glassbox.provisioner.engine.ResourceStep;
import io.glassbox.provisioner.engine.StepContext;
import io.glassbox.provisioner.spec.AuthSpec;
import io.glassbox.provisioner.spec.StackName;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.DeletionProtectionType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.PasswordPolicyType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolDescriptionType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolMfaType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.VerifiedAttributeType;

/**
 * The Cognito user pool {@code glassbox-{env}-users}: self sign-up, optional (TOTP) MFA, email verification and
 * the spec's password policy. Pool names are not unique in Cognito, so the pool is found by name and then by our
 * tags; a re-run never creates a second one, and two of ours is an error to sort out by hand.
 */
public final class UserPoolStep extends ResourceStep<UserPoolStep.LivePool> {

    public static final String ID = "auth.user-pool";
    public static final String OUTPUT_ID = "auth.user-pool.id";
    /** The prefix domain the pool has now, if any (a pool has one: Cognito API Reference, CreateUserPoolDomain). */
    static final String OUTPUT_DOMAIN = "auth.user-pool.domain";
    private static final int PAGE = 60;
    private static final String MFA = "mfa";
    private static final String DELETION_PROTECTION = "deletionProtection";

    /** The pool and its MFA setting (GetUserPoolMfaConfig is the authoritative read of it). */
    record LivePool(UserPoolType pool, String mfa) {
    }

    public UserPoolStep() {
        super(ID, StackName.AUTH);
    }

    @Override
    public String resourceType() {
        return "Cognito user pool";
    }

    @Override
    public String resourceName(StepContext context) {
        return context.naming().base() + "-users";
    }

    @Override
    protected Optional<LivePool> find(StepContext context) {
        CognitoIdentityProviderClient cognito = context.aws().cognito();
        List<UserPoolType> named = new ArrayList<>();
        for (var page : cognito.listUserPoolsPaginator(r -> r.maxResults(PAGE))) {
            for (UserPoolDescriptionType description : page.userPools()) {
                if (resourceName(context).equals(description.name())) {
                    named.add(cognito.describeUserPool(r -> r.userPoolId(description.id())).userPool());
                }
            }
        }
        List<UserPoolType> ours = named.stream().filter(p -> ResourceTags.isManaged(tags(p))
                && context.spec().environment().id().equals(tags(p).get(ResourceTags.ENVIRONMENT))).toList();
        if (ours.size() > 1) {
            throw new ProvisionerException("found " + ours.size() + " user pools named " + resourceName(context)
                    + " (" + ours.stream().map(UserPoolType::id).toList() + "); keep one and delete the others by hand");
        }
        Optional<UserPoolType> pool = ours.isEmpty() ? named.stream().findFirst() : Optional.of(ours.get(0));
        return pool.map(p -> new LivePool(p, cognito.getUserPoolMfaConfig(r -> r.userPoolId(p.id())).mfaConfigurationAsString()));
    }

    private static Map<String, String> tags(UserPoolType pool) {
        return pool.userPoolTags() == null ? Map.of() : pool.userPoolTags();
    }

    @Override
    protected String idOf(LivePool live) {
        return live.pool().id();
    }

    @Override
    protected Map<String, String> tagsOf(LivePool live) {
        return tags(live.pool());
    }

    @Override
    protected List<Change> diff(StepContext context, LivePool live) {
        AuthSpec auth = context.spec().auth();
        UserPoolType pool = live.pool();
        List<Change> changes = new ArrayList<>();
        boolean selfSignUp = pool.adminCreateUserConfig() == null
                || !Boolean.TRUE.equals(pool.adminCreateUserConfig().allowAdminCreateUserOnly());
        if (selfSignUp != auth.selfSignUp()) {
            changes.add(Change.update("selfSignUp", selfSignUp, auth.selfSignUp()));
        }
        boolean verifiesEmail = pool.autoVerifiedAttributes().contains(VerifiedAttributeType.EMAIL);
        if (verifiesEmail != auth.emailVerification()) {
            changes.add(Change.update("emailVerification", verifiesEmail, auth.emailVerification()));
        }
        String policy = describe(pool.policies() == null ? null : pool.policies().passwordPolicy());
        if (!policy.equals(describe(passwordPolicy(auth)))) {
            changes.add(Change.update("passwordPolicy", policy, describe(passwordPolicy(auth))));
        }
        boolean protectedPool = isProtected(pool);
        if (protectedPool != auth.deletionProtection()) {
            changes.add(Change.update(DELETION_PROTECTION, protectedPool, auth.deletionProtection()));
        }
        if (!auth.mfa().equals(live.mfa())) {
            changes.add(Change.update(MFA, live.mfa(), auth.mfa()));
        }
        tagChange(tags(context), tags(pool)).ifPresent(changes::add);
        return changes;
    }

    private static boolean isProtected(UserPoolType pool) {
        return pool.deletionProtection() == DeletionProtectionType.ACTIVE;
    }

    private static DeletionProtectionType deletionProtection(AuthSpec auth) {
        return auth.deletionProtection() ? DeletionProtectionType.ACTIVE : DeletionProtectionType.INACTIVE;
    }

    static PasswordPolicyType passwordPolicy(AuthSpec auth) {
        return PasswordPolicyType.builder().minimumLength(auth.passwordMinimumLength()).requireUppercase(true)
                .requireLowercase(true).requireNumbers(true).requireSymbols(false).build();
    }

    private static String describe(PasswordPolicyType policy) {
        if (policy == null) {
            return "(none)";
        }
        return "min " + policy.minimumLength() + (Boolean.TRUE.equals(policy.requireUppercase()) ? ", upper" : "")
                + (Boolean.TRUE.equals(policy.requireLowercase()) ? ", lower" : "")
                + (Boolean.TRUE.equals(policy.requireNumbers()) ? ", number" : "")
                + (Boolean.TRUE.equals(policy.requireSymbols()) ? ", symbol" : "");
    }

    @Override
    protected String createSummary(StepContext context) {
        return "user pool: self sign-up, MFA optional, email verification, passwords of 8+ with upper, lower, number"
                + (context.spec().auth().deletionProtection() ? ", deletion protection" : "");
    }

    @Override
    protected LivePool create(StepContext context) {
        AuthSpec auth = context.spec().auth();
        String id = context.aws().cognito().createUserPool(r -> r.poolName(resourceName(context))
                .usernameAttributes(software.amazon.awssdk.services.cognitoidentityprovider.model.UsernameAttributeType.EMAIL)
                .autoVerifiedAttributes(VerifiedAttributeType.EMAIL)
                .policies(p -> p.passwordPolicy(passwordPolicy(auth)))
                .adminCreateUserConfig(a -> a.allowAdminCreateUserOnly(!auth.selfSignUp()))
                .deletionProtection(deletionProtection(auth))
                .userPoolTags(tags(context))).userPool().id();
        setMfa(context, id);
        return find(context).orElseThrow(() -> new ProvisionerException("user pool " + id + " vanished after create"));
    }

    /** Optional MFA needs a factor: TOTP apps (software tokens), which need no SMS role. */
    private static void setMfa(StepContext context, String poolId) {
        context.aws().cognito().setUserPoolMfaConfig(r -> r.userPoolId(poolId)
                .softwareTokenMfaConfiguration(s -> s.enabled(true))
                .mfaConfiguration(UserPoolMfaType.fromValue(context.spec().auth().mfa())));
    }

    @Override
    protected void update(StepContext context, LivePool live, List<Change> changes) {
        AuthSpec auth = context.spec().auth();
        String id = live.pool().id();
        boolean poolSettings = changes.stream().anyMatch(c -> !c.path().equals(MFA) && !c.path().equals(TAGS));
        if (touches(changes, MFA)) {
            setMfa(context, id);
        }
        if (poolSettings) {
            updatePool(context, id, deletionProtection(auth), mergedTags(context, live));
        } else if (touches(changes, TAGS)) {
            context.aws().cognito().tagResource(r -> r.resourceArn(live.pool().arn()).tags(mergedTags(context, live)));
        }
    }

    /** UpdateUserPool resets whatever it is not given to the default, so it always gets every setting. */
    private static void updatePool(StepContext context, String id, DeletionProtectionType protection,
                                   Map<String, String> tags) {
        AuthSpec auth = context.spec().auth();
        context.aws().cognito().updateUserPool(r -> r.userPoolId(id)
                .autoVerifiedAttributes(VerifiedAttributeType.EMAIL)
                .policies(p -> p.passwordPolicy(passwordPolicy(auth)))
                .adminCreateUserConfig(a -> a.allowAdminCreateUserOnly(!auth.selfSignUp()))
                .mfaConfiguration(UserPoolMfaType.fromValue(auth.mfa()))
                .deletionProtection(protection)
                .userPoolTags(tags));
    }

    private Map<String, String> mergedTags(StepContext context, LivePool live) {
        Map<String, String> merged = new java.util.HashMap<>(tags(live.pool()));
        merged.putAll(tags(context));
        return merged;
    }

    @Override
    protected void publish(StepContext context, LivePool live) {
        context.outputs().put(OUTPUT_ID, live.pool().id());
        context.outputs().put(ID + ".arn", live.pool().arn());
        context.outputs().put(OUTPUT_DOMAIN, live.pool().domain());
    }

    @Override
    protected Optional<String> refuseDelete(StepContext context, LivePool live) {
        if (context.options().mayDelete(DeletableData.USERS)) {
            return Optional.empty();
        }
        boolean hasUsers = !context.aws().cognito().listUsers(r -> r.userPoolId(live.pool().id()).limit(1)).users().isEmpty();
        if (hasUsers) {
            return Optional.of("Cognito user pool " + resourceName(context) + " (" + live.pool().id()
                    + ") has users: their accounts are data; it is kept (" + DeletableData.USERS.flag() + " deletes them)");
        }
        return isProtected(live.pool()) ? Optional.of("Cognito user pool " + resourceName(context) + " ("
                + live.pool().id() + ") has deletion protection on; it is kept (" + DeletableData.USERS.flag()
                + " turns protection off and deletes it)") : Optional.empty();
    }

    /**
     * Deletion protection is lifted first (DeleteUserPool fails while it is on: Cognito API Reference,
     * UserPoolType.DeletionProtection), only when the operator named {@code --delete-users}: refuseDelete stops
     * destroy before this otherwise. UpdateUserPool resets what it is not given, so it gets every setting again.
     */
    @Override
    protected void delete(StepContext context, LivePool live) {
        String id = live.pool().id();
        if (isProtected(live.pool())) {
            if (!context.options().mayDelete(DeletableData.USERS)) {
                throw new RefusedException("Cognito user pool " + id
                        + " has deletion protection on", List.of(DeletableData.USERS.flag() + " turns it off"));
            }
            updatePool(context, id, DeletionProtectionType.INACTIVE, tags(live.pool()));
        }
        context.aws().cognito().deleteUserPool(r -> r.userPoolId(id));
    }

    private Map<String, String> tags(StepContext context) {
        return ResourceTags.of(context.spec().environment(), StackName.AUTH, id().value());
    }
}
