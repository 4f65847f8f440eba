package io.glassbox.provisioner.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The template a stack is released with: Retain on every resource and nothing else changed. No network. */
class StackReleaseTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyResourceGetsBothPoliciesAndNothingElseChanges() throws Exception {
        JsonNode template = JSON.readTree("""
                {"Parameters": {"CertificateArn": {"Type": "String"}},
                 "Resources": {
                   "Queue": {"Type": "AWS::SQS::Queue", "Properties": {"QueueName": "q"},
                             "UpdateReplacePolicy": "Delete", "DeletionPolicy": "Delete"},
                   "Db": {"Type": "AWS::RDS::DBInstance", "Properties": {"DBName": "glassbox"},
                          "DeletionPolicy": "Snapshot", "Metadata": {"aws:cdk:path": "x"}},
                   "Kept": {"Type": "AWS::S3::Bucket", "DeletionPolicy": "Retain", "UpdateReplacePolicy": "Retain"}},
                 "Outputs": {"Url": {"Value": {"Ref": "Queue"}}}}
                """);
        assertThat(StackRelease.unretained(template)).containsExactly("Queue", "Db");

        JsonNode retained = StackRelease.withRetain(template);
        assertThat(StackRelease.unretained(retained)).isEmpty();
        // Apart from the two policies, the template is the same: CloudFormation then updates no resource.
        for (String resource : new String[] {"Queue", "Db", "Kept"}) {
            com.fasterxml.jackson.databind.node.ObjectNode before = template.path("Resources").path(resource).deepCopy();
            com.fasterxml.jackson.databind.node.ObjectNode after = retained.path("Resources").path(resource).deepCopy();
            before.remove(java.util.List.of("DeletionPolicy", "UpdateReplacePolicy"));
            after.remove(java.util.List.of("DeletionPolicy", "UpdateReplacePolicy"));
            assertThat(after).as(resource).isEqualTo(before);
        }
        assertThat(retained.path("Parameters")).isEqualTo(template.path("Parameters"));
        assertThat(retained.path("Outputs")).isEqualTo(template.path("Outputs"));
        assertThat(template.path("Resources").path("Queue").path("DeletionPolicy").asText())
                .as("the template read is left as it was").isEqualTo("Delete");
    }
}
