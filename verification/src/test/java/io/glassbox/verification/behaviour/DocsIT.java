package io.glassbox.verification.behaviour;

import static org.assertj.core.api.Assertions.assertThat;

import io.glassbox.verification.support.AwsProbe;
import io.glassbox.verification.support.CallRecorder;
import io.glassbox.verification.support.Cli;
import io.glassbox.verification.support.LocalEmulator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code docs} documents the deployed environment from live reads: real ids, a section per stack, drift shown. */
class DocsIT {

    @Test
    void docsShowTheLiveIdsStackByStackAndWhatDrifted() {
        LocalEmulator.reset();
        Cli.Result deployed = Cli.run("deploy", "--env", "staging", "--skip-data-plane");
        assertThat(deployed.exitCode()).as(deployed.toString()).isZero();
        try (AwsProbe aws = new AwsProbe()) {
            String vpc = aws.ec2.describeVpcs(r -> r.filters(AwsProbe.tag("Environment", "staging"))).vpcs().get(0).vpcId();
            String queueUrl = aws.sqs.getQueueUrl(r -> r.queueName("glassbox-staging-agent-jobs")).queueUrl();
            String lbDns = aws.elb.describeLoadBalancers(r -> r.names("glassbox-staging")).loadBalancers().get(0).dnsName();
            aws.sqs.setQueueAttributes(r -> r.queueUrl(queueUrl).attributesWithStrings(Map.of("VisibilityTimeout", "30")));

            CallRecorder recorder = new CallRecorder();
            Cli.Result docs = Cli.run(List.of(recorder), "docs", "--env", "staging", "--skip-data-plane");
            assertThat(docs.exitCode()).as(docs.toString()).isZero();
            assertThat(recorder.mutating()).as("read calls only").isEmpty();
            assertThat(docs.out()).contains("# GlassBox staging infrastructure (live)")
                    .contains("## Network (GlassBox-staging-Network)", "## Database (GlassBox-staging-Database)",
                            "## Cache (GlassBox-staging-Cache)", "## Storage (GlassBox-staging-Storage)",
                            "## Messaging (GlassBox-staging-Messaging)", "## Auth (GlassBox-staging-Auth)",
                            "## Compute (GlassBox-staging-Compute)", "## Monitoring (GlassBox-staging-Monitoring)")
                    .contains("| VPC | `glassbox-staging` | `" + vpc + "` | matches the spec |")
                    .contains("| SQS queue | `glassbox-staging-agent-jobs` | `" + queueUrl
                            + "` | 1 difference(s) from the spec: run plan |")
                    .contains("| compute.load-balancer.dns-name | `" + lbDns + "` |")
                    .doesNotContain((String) aws.secretDocument("glassbox/staging/database").get("password"));

            // The data plane lives inside the database and the cache, where read calls cannot look: never claimed
            // to match, only said to be checked by deploy.
            Cli.Result withDataPlane = Cli.run("docs", "--env", "staging");
            assertThat(withDataPlane.exitCode()).as(withDataPlane.toString()).isZero();
            assertThat(withDataPlane.out().lines().filter(l -> l.startsWith("| PostgreSQL extensions")
                    || l.startsWith("| Redis readiness")).toList()).hasSize(2)
                    .allMatch(l -> l.endsWith("| not checked here: deploy runs this check |"));
        }
    }
}
