package io.glassbox.provisioner.stacks.storage;

import io.glassbox.provisioner.spec.CorsRule;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import software.amazon.awssdk.services.s3.model.CORSRule;

/** Compares the spec's CORS rule with S3's, ignoring order within each list (S3 does not keep it). */
final class CorsRules {

    private CorsRules() {
    }

    static boolean equal(CorsRule desired, List<CORSRule> live) {
        if (live.size() != 1) {
            return false;
        }
        CORSRule rule = live.get(0);
        return same(desired.allowedHeaders(), rule.allowedHeaders())
                && same(desired.allowedMethods(), rule.allowedMethods())
                && same(desired.allowedOrigins(), rule.allowedOrigins())
                && same(desired.exposeHeaders(), rule.exposeHeaders())
                && Objects.equals(desired.maxAgeSeconds(), rule.maxAgeSeconds());
    }

    private static boolean same(List<String> a, List<String> b) {
        return new TreeSet<>(a).equals(new TreeSet<>(b == null ? List.of() : b));
    }

    static String describe(CorsRule rule) {
        return "origins=" + rule.allowedOrigins() + " methods=" + rule.allowedMethods() + " headers="
                + rule.allowedHeaders() + " expose=" + rule.exposeHeaders() + " maxAge=" + rule.maxAgeSeconds();
    }

    static String describe(List<CORSRule> rules) {
        if (rules.isEmpty()) {
            return "(none)";
        }
        return rules.stream().map(r -> "origins=" + r.allowedOrigins() + " methods=" + r.allowedMethods()
                + " headers=" + r.allowedHeaders() + " expose=" + r.exposeHeaders() + " maxAge=" + r.maxAgeSeconds())
                .reduce((a, b) -> a + "; " + b).orElse("");
    }
}
