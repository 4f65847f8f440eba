package io.glassbox.provisioner.stacks.auth;

import io.glassbox.provisioner.aws.ResourceTags;
import io.glassbox.provisioner.engine.Change;
import io.glassbox.provisioner.engine.ProvisionerException;
import io.glassbox.provisioner.engine.ResourceStep;
import io.glassbox.provisioner.engine.StepContext;
import io.glassbox.provisioner.spec.AuthSpec;
import io.glassbox.provisioner.spec.StackName;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.OAuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.TimeUnitsType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolClientDescription;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolClientType;

/**
 * The app client {@code glassbox-{env}-app} of our pool: authorization-code and implicit flows, scopes openid,
 * email and profile, tokens valid 1 h (access, ID) and 30 d (refresh), callback and sign-out URLs on the app
 * origin. Clients carry no tags; a client belongs to us because our pool does.
 */
public final class UserPoolClientStep extends ResourceStep<UserPoolClientType> {

    public static final String ID = "auth.client";
    public static final String OUTPUT_ID = "auth.client.id";
    private static final int PAGE = 60;

    public UserPoolClientStep() {
        super(ID, StackName.AUTH, UserPoolStep.ID);
    }

    @Override
    public String resourceType() {
        return "Cognito app client";
    }

    @Override
    public String resourceName(StepContext context) {
        return context.naming().base() + "-app";
    }

    @Override
    protected Optional<UserPoolClientType> find(StepContext context) {
        Optional<String> pool = context.outputs().get(UserPoolStep.OUTPUT_ID);
        if (pool.isEmpty()) {
            return Optional.empty();
        }
        CognitoIdentityProviderClient cognito = context.aws().cognito();
        List<String> ids = new ArrayList<>();
        for (var page : cognito.listUserPoolClientsPaginator(r -> r.userPoolId(pool.get()).maxResults(PAGE))) {
            page.userPoolClients().stream().filter(c -> resourceName(context).equals(c.clientName()))
                    .map(UserPoolClientDescription::clientId).forEach(ids::add);
        }
        if (ids.size() > 1) {
            throw new ProvisionerException("found " + ids.size() + " app clients named " + resourceName(context)
                    + " in pool " + pool.get() + "; delete the extra ones by hand");
        }
        return ids.stream().findFirst().map(id -> cognito.describeUserPoolClient(
                r -> r.userPoolId(pool.get()).clientId(id)).userPoolClient());
    }

    @Override
    protected String idOf(UserPoolClientType live) {
        return live.clientId();
    }

    @Override
    protected Map<String, String> tagsOf(UserPoolClientType live) {
        return Map.of(ResourceTags.MANAGED_BY, ResourceTags.MANAGED_BY_VALUE); // owned through its pool
    }

    @Override
    protected List<Change> diff(StepContext context, UserPoolClientType live) {
        AuthSpec auth = context.spec().auth();
        List<Change> changes = new ArrayList<>();
        compareSets(changes, "oauthFlows", live.allowedOAuthFlowsAsStrings(), auth.oauthFlows());
        compareSets(changes, "oauthScopes", live.allowedOAuthScopes(), auth.oauthScopes());
        compareSets(changes, "callbackUrls", live.callbackURLs(), List.of(auth.callbackUrl()));
        compareSets(changes, "logoutUrls", live.logoutURLs(), List.of(auth.logoutUrl()));
        compareSets(changes, "identityProviders", live.supportedIdentityProviders(), List.of("COGNITO"));
        compare(changes, "oauthEnabled", live.allowedOAuthFlowsUserPoolClient(), true);
        compare(changes, "accessTokenValidity", hours(live.accessTokenValidity(),
                live.tokenValidityUnits() == null ? null : live.tokenValidityUnits().accessTokenAsString()), auth.accessTokenHours() + "h");
        compare(changes, "idTokenValidity", hours(live.idTokenValidity(),
                live.tokenValidityUnits() == null ? null : live.tokenValidityUnits().idTokenAsString()), auth.idTokenHours() + "h");
        compare(changes, "refreshTokenValidity", days(live.refreshTokenValidity(),
                live.tokenValidityUnits() == null ? null : live.tokenValidityUnits().refreshTokenAsString()), auth.refreshTokenDays() + "d");
        return changes;
    }

    /** Token validities in a common unit: Cognito's defaults are hours for access/ID and days for refresh. */
    private static String hours(Integer value, String unit) {
        if (value == null) {
            return null;
        }
        return switch (unit == null ? "hours" : unit) {
            case "minutes" -> value % 60 == 0 ? value / 60 + "h" : value + "m";
            case "days" -> value * 24 + "h";
            case "seconds" -> value % 3600 == 0 ? value / 3600 + "h" : value + "s";
            default -> value + "h";
        };
    }

    private static String days(Integer value, String unit) {
        if (value == null) {
            return null;
        }
        return switch (unit == null ? "days" : unit) {
            case "hours" -> value % 24 == 0 ? value / 24 + "d" : value + "h";
            default -> value + "d";
        };
    }

    private static void compareSets(List<Change> changes, String path, List<String> live, List<String> desired) {
        TreeSet<String> observed = new TreeSet<>(live == null ? List.of() : live);
        TreeSet<String> wanted = new TreeSet<>(desired);
        if (!observed.equals(wanted)) {
            changes.add(Change.update(path, String.join(",", observed), String.join(",", wanted)));
        }
    }

    private static void compare(List<Change> changes, String path, Object live, Object desired) {
        if (!Objects.equals(String.valueOf(live), String.valueOf(desired))) {
            changes.add(Change.update(path, live, desired));
        }
    }

    @Override
    protected String createSummary(StepContext context) {
        AuthSpec auth = context.spec().auth();
        return "app client: flows " + auth.oauthFlows() + ", scopes " + auth.oauthScopes() + ", callback "
                + auth.callbackUrl();
    }

    @Override
    protected UserPoolClientType create(StepContext context) {
        AuthSpec auth = context.spec().auth();
        String pool = context.outputs().require(UserPoolStep.OUTPUT_ID);
        context.aws().cognito().createUserPoolClient(r -> r.userPoolId(pool).clientName(resourceName(context))
                .generateSecret(false) // a browser app cannot keep a secret
                .allowedOAuthFlowsWithStrings(auth.oauthFlows()).allowedOAuthScopes(auth.oauthScopes())
                .allowedOAuthFlowsUserPoolClient(true).supportedIdentityProviders("COGNITO")
                .callbackURLs(auth.callbackUrl()).logoutURLs(auth.logoutUrl())
                .accessTokenValidity(auth.accessTokenHours()).idTokenValidity(auth.idTokenHours())
                .refreshTokenValidity(auth.refreshTokenDays())
                .tokenValidityUnits(u -> u.accessToken(TimeUnitsType.HOURS).idToken(TimeUnitsType.HOURS)
                        .refreshToken(TimeUnitsType.DAYS)));
        return find(context).orElseThrow();
    }

    @Override
    protected void update(StepContext context, UserPoolClientType live, List<Change> changes) {
        AuthSpec auth = context.spec().auth();
        // UpdateUserPoolClient resets what it is not given, so it gets every setting.
        context.aws().cognito().updateUserPoolClient(r -> r.userPoolId(live.userPoolId()).clientId(live.clientId())
                .clientName(resourceName(context))
                .allowedOAuthFlows(auth.oauthFlows().stream().map(OAuthFlowType::fromValue).toList())
                .allowedOAuthScopes(auth.oauthScopes()).allowedOAuthFlowsUserPoolClient(true)
                .supportedIdentityProviders("COGNITO").callbackURLs(auth.callbackUrl()).logoutURLs(auth.logoutUrl())
                .accessTokenValidity(auth.accessTokenHours()).idTokenValidity(auth.idTokenHours())
                .refreshTokenValidity(auth.refreshTokenDays())
                .tokenValidityUnits(u -> u.accessToken(TimeUnitsType.HOURS).idToken(TimeUnitsType.HOURS)
                        .refreshToken(TimeUnitsType.DAYS)));
    }

    @Override
    protected void publish(StepContext context, UserPoolClientType live) {
        context.outputs().put(OUTPUT_ID, live.clientId());
    }

    @Override
    protected void delete(StepContext context, UserPoolClientType live) {
        context.aws().cognito().deleteUserPoolClient(r -> r.userPoolId(live.userPoolId()).clientId(live.clientId()));
    }
}
