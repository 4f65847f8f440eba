package io.glassbox.provisioner.aws;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * How to reach AWS for one run: region, credentials and an optional endpoint override (an emulator).
 *
 * @param region       the region every client talks to
 * @param profile      a named profile from the shared config files, else the default credentials chain
 * @param credentials  explicit credentials (embedding and tests); wins over {@code profile}
 * @param endpoint     an endpoint override for every service, e.g. {@code http://127.0.0.1:5000}
 * @param interceptors SDK interceptors added to every client (call recording, fault injection)
 * @param configuredEndpoints whether the environment sends calls elsewhere than AWS's own endpoints
 *                     ({@code AWS_ENDPOINT_URL}, {@code AWS_ENDPOINT_URL_<SERVICE>}, which the SDK applies itself):
 *                     S3 is then addressed by path, as emulators serve it
 */
public record AwsSettings(
        String region,
        Optional<String> profile,
        Optional<AwsCredentialsProvider> credentials,
        Optional<URI> endpoint,
        List<ExecutionInterceptor> interceptors,
        boolean configuredEndpoints) {

    /** Region used when neither {@code --region} nor {@code AWS_REGION} says otherwise (the spec's region). */
    public static final String DEFAULT_REGION = "us-east-1";

    public AwsSettings {
        interceptors = List.copyOf(interceptors);
    }

    /** Settings with no endpoint configured in the environment. */
    public AwsSettings(String region, Optional<String> profile, Optional<AwsCredentialsProvider> credentials,
                       Optional<URI> endpoint, List<ExecutionInterceptor> interceptors) {
        this(region, profile, credentials, endpoint, interceptors, false);
    }

    /** Whether S3 must be addressed by path: an endpoint of the operator's own (an emulator) is in use. */
    public boolean pathStyle() {
        return endpoint.isPresent() || configuredEndpoints;
    }
}
