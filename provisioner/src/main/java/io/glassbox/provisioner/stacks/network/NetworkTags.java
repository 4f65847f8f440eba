package io.glassbox.provisioner.stacks.network;

import io.glassbox.provisioner.aws.Ec2Tags;
import io.glassbox.provisioner.aws.ResourceTags;
import java.util.Map;
import software.amazon.awssdk.services.ec2.Ec2Client;

/** Adds the desired tags an EC2 resource lacks (CreateTags overwrites only the keys it names). */
final class NetworkTags {

    private NetworkTags() {
    }

    static void apply(Ec2Client ec2, String resourceId, Map<String, String> desired, Map<String, String> live) {
        Map<String, String> missing = ResourceTags.missing(desired, live);
        if (!missing.isEmpty()) {
            ec2.createTags(r -> r.resources(resourceId).tags(Ec2Tags.toTags(missing)));
        }
    }
}
