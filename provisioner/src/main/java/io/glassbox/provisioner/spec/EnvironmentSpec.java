package io.glassbox.provisioner.spec;

import java.util.Optional;

/**
 * The whole desired state of one environment: the spec's tables for that environment, with the account's
 * overrides from the config file applied. Immutable; built by {@link EnvironmentSpecs}.
 *
 * @param appOrigin      the frontend's origin ({@code https://app.glassbox.io}): CORS, callback URLs
 * @param domain         the API's domain for the HTTPS certificate, when no certificate ARN is given
 * @param certificateArn an existing ACM certificate for the HTTPS listener, if configured
 * @param alarmEmail     where alarm notifications go, if configured
 * @param accountId      the only account this environment may be deployed into, if the config pins one
 * @param dataPlane      how the data plane reaches the database from inside the VPC
 */
public record EnvironmentSpec(
        Environment environment,
        Optional<String> accountId,
        String appOrigin,
        String domain,
        Optional<String> certificateArn,
        Optional<String> alarmEmail,
        NetworkSpec network,
        DatabaseSpec database,
        CacheSpec cache,
        StorageSpec storage,
        MessagingSpec messaging,
        AuthSpec auth,
        ComputeSpec compute,
        MonitoringSpec monitoring,
        DataPlaneSpec dataPlane) {

    /** The same environment with {@code task} run before the services roll out. */
    public EnvironmentSpec runningBeforeRollout(ReleaseTask task) {
        return new EnvironmentSpec(environment, accountId, appOrigin, domain, certificateArn, alarmEmail, network,
                database, cache, storage, messaging, auth, compute.runningBeforeRollout(task), monitoring, dataPlane);
    }

    /** The same environment released with the image tag {@code tag} ({@link ComputeSpec.TagSource#RELEASE}). */
    public EnvironmentSpec releasing(String tag) {
        return new EnvironmentSpec(environment, accountId, appOrigin, domain, certificateArn, alarmEmail, network,
                database, cache, storage, messaging, auth, compute.releasing(tag), monitoring, dataPlane);
    }
}
