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
 */
public record AwsSettings(
        String region,
        Optional<String> profile,
        Optional<AwsCredentialsProvider> credentials,
        Optional<URI> endpoint,
        List<ExecutionInterceptor> interceptors) {

    /** Region used when neither {@code --region} nor {@code AWS_REGION} says otherwise (the spec's region). */
    public static final String DEFAULT_REGION = "us-east-1";

    public AwsSettings {
        interceptors = List.copyOf(interceptors);
    }
}
