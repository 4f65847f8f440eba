package io.glassbox.provisioner.stacks.storage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.glassbox.provisioner.engine.ProvisionerException;
import java.io.IOException;

/**
 * FSBP S3.5: the bucket policy statement that denies every request made without TLS
 * ({@code aws:SecureTransport} false), merged into whatever else the bucket's policy says (S3 User Guide, "Enforce
 * encryption in transit"). Other statements are the operator's and are kept as they are.
 */
final class SecureTransportPolicy {

    /** Our statement's id: the one statement of the policy this step owns. */
    static final String SID = "DenyInsecureTransport";
    private static final ObjectMapper JSON = new ObjectMapper();

    private SecureTransportPolicy() {
    }

    static ObjectNode statement(String bucket) {
        ObjectNode statement = JSON.createObjectNode();
        statement.put("Sid", SID).put("Effect", "Deny").put("Principal", "*").put("Action", "s3:*");
        statement.putArray("Resource").add("arn:aws:s3:::" + bucket).add("arn:aws:s3:::" + bucket + "/*");
        statement.putObject("Condition").putObject("Bool").put("aws:SecureTransport", "false");
        return statement;
    }

    /** Whether {@code policy} (null: the bucket has none) holds our statement as we write it. */
    static boolean holds(String policy, String bucket) {
        if (policy == null) {
            return false;
        }
        for (JsonNode statement : parse(policy).path("Statement")) {
            if (SID.equals(statement.path("Sid").asText()) && statement.equals(statement(bucket))) {
                return true;
            }
        }
        return false;
    }

    /** {@code policy} with our statement in place of any earlier version of it, every other statement kept. */
    static String merged(String policy, String bucket) {
        ObjectNode merged = JSON.createObjectNode();
        merged.put("Version", "2012-10-17");
        ArrayNode statements = merged.putArray("Statement");
        if (policy != null) {
            JsonNode live = parse(policy);
            live.path("Statement").forEach(s -> {
                if (!SID.equals(s.path("Sid").asText())) {
                    statements.add(s);
                }
            });
        }
        statements.add(statement(bucket));
        return merged.toString();
    }

    private static JsonNode parse(String policy) {
        try {
            return JSON.readTree(policy);
        } catch (IOException e) {
            throw new ProvisionerException("the bucket policy is not JSON: " + e.getMessage());
        }
    }
}
