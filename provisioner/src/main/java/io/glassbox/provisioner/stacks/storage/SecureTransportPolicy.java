package io.glassbox.provisioner.stacks.storage;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.glassbox.provisioner.aws.PolicyStatements;

/**
 * FSBP S3.5: the bucket policy statement that denies every request made without TLS
 * ({@code aws:SecureTransport} false; S3 User Guide, "Enforce encryption in transit"), merged by
 * {@link PolicyStatements} into whatever else the bucket's policy says.
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
}
