package io.glassbox.provisioner.stacks.storage;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.glassbox.provisioner.aws.PolicyStatements;
import java.util.List;

/**
 * FSBP S3.5: the bucket policy statement that denies every request made without TLS
 * ({@code aws:SecureTransport} false), merged into whatever else the bucket's policy says (S3 User Guide, "Enforce
 * encryption in transit"). Other statements are the operator's and are kept as they are.
 */
final class SecureTransportPolicy {

    /** Our statement's id. */
    static final String SID = "DenyInsecureTransport";

    private SecureTransportPolicy() {
    }

    static ObjectNode statement(String bucket) {
        ObjectNode statement = PolicyStatements.statement(SID, "Deny");
        statement.put("Principal", "*").put("Action", "s3:*");
        statement.putArray("Resource").add("arn:aws:s3:::" + bucket).add("arn:aws:s3:::" + bucket + "/*");
        statement.putObject("Condition").putObject("Bool").put("aws:SecureTransport", "false");
        return statement;
    }

    /** Whether {@code policy} (null: the bucket has none) holds our statement as we write it. */
    static boolean holds(String policy, String bucket) {
        return PolicyStatements.missing(policy, List.of(statement(bucket))).isEmpty();
    }

    /** {@code policy} with our statement in place of any earlier version of it, every other statement kept. */
    static String merged(String policy, String bucket) {
        return PolicyStatements.merged(policy, List.of(statement(bucket)));
    }
}
