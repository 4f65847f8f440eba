package io.glassbox.provisioner.spec;

import java.util.List;

/**
 * The Auth stack's desired Cognito user pool, app client and hosted UI, value for value from the spec.
 *
 * @param passwordMinimumLength 8+ characters with upper case, lower case and a number (no symbol required)
 * @param callbackUrl           {@code {appOrigin}/auth/callback}
 * @param logoutUrl             {@code {appOrigin}/auth/logout}
 * @param deletionProtection    the pool cannot be deleted until it is turned off (production: the security baseline)
 * @param domainPrefix          the hosted UI's prefix ({@code {prefix}.auth.{region}.amazoncognito.com}), unique across
 *                              every AWS account of the region: {@code glassbox-{env}} unless configured
 */
public record AuthSpec(
        boolean selfSignUp,
        String mfa,
        boolean emailVerification,
        int passwordMinimumLength,
        List<String> oauthFlows,
        List<String> oauthScopes,
        int accessTokenHours,
        int idTokenHours,
        int refreshTokenDays,
        String callbackUrl,
        String logoutUrl,
        boolean deletionProtection,
        String domainPrefix) {

    public AuthSpec {
        oauthFlows = List.copyOf(oauthFlows);
        oauthScopes = List.copyOf(oauthScopes);
    }

    /**
     * The spec's values for an app served from {@code appOrigin}; deletion protection in production; the hosted UI
     * on {@code domainPrefix}.
     */
    public static AuthSpec forOrigin(String appOrigin, boolean production, String domainPrefix) {
        return new AuthSpec(true, "OPTIONAL", true, 8, List.of("code", "implicit"),
                List.of("openid", "email", "profile"), 1, 1, 30, appOrigin + "/auth/callback", appOrigin + "/auth/logout",
                production, domainPrefix);
    }
}
