package io.glassbox.provisioner.spec;

import java.util.List;

/** The bucket's CORS rule, field for field as in the spec's CORS configuration. */
public record CorsRule(
        List<String> allowedHeaders,
        List<String> allowedMethods,
        List<String> allowedOrigins,
        List<String> exposeHeaders,
        int maxAgeSeconds) {

    public CorsRule {
        allowedHeaders = List.copyOf(allowedHeaders);
        allowedMethods = List.copyOf(allowedMethods);
        allowedOrigins = List.copyOf(allowedOrigins);
        exposeHeaders = List.copyOf(exposeHeaders);
    }
}
