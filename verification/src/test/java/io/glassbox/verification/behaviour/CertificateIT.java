package io.glassbox.verification.behaviour;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.glassbox.verification.support.AwsProbe;
import io.glassbox.verification.support.Cli;
import io.glassbox.verification.support.LocalEmulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.acm.model.CertificateStatus;
import software.amazon.awssdk.services.acm.model.DescribeCertificateResponse;
import software.amazon.awssdk.services.acm.model.DomainStatus;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;

/**
 * The HTTPS listener's certificate: while ACM has not issued the requested one, the deploy says which DNS
 * record to create, finishes everything that does not need HTTPS, and a re-run resumes; a configured
 * certificate ARN is used as it is. (moto issues a requested certificate 4 s after the request, so the first
 * deploy plays ACM before the DNS record exists: every DescribeCertificate answers PENDING_VALIDATION. Racing
 * moto's 4 s instead made the test depend on how fast the deploy reached the listener.)
 */
class CertificateIT {

    /** ACM as it is until the validation record exists: the certificate stays pending. */
    private static final ExecutionInterceptor NO_DNS_RECORD_YET = new ExecutionInterceptor() {
        @Override
        public SdkResponse modifyResponse(Context.ModifyResponse context, ExecutionAttributes attributes) {
            if (context.response() instanceof DescribeCertificateResponse described && described.certificate() != null) {
                // The SDK's CertificateValidated waiter reads each domain's ValidationStatus, the message the status.
                return described.toBuilder().certificate(described.certificate().toBuilder()
                        .status(CertificateStatus.PENDING_VALIDATION)
                        .domainValidationOptions(described.certificate().domainValidationOptions().stream()
                                .map(o -> o.toBuilder().validationStatus(DomainStatus.PENDING_VALIDATION).build())
                                .toList()).build()).build();
            }
            return context.response();
        }
    };

    private static Listener https(AwsProbe aws) {
        String lb = aws.elb.describeLoadBalancers(r -> r.names("glassbox-staging")).loadBalancers().get(0)
                .loadBalancerArn();
        return aws.elb.describeListeners(r -> r.loadBalancerArn(lb)).listeners().stream().filter(l -> l.port() == 443)
                .findFirst().orElse(null);
    }

    @Test
    void pendingValidationNamesTheRecordAndAReRunResumes() {
        LocalEmulator.reset();
        try (AwsProbe aws = new AwsProbe()) {
            Cli.Result first = Cli.run(List.of(NO_DNS_RECORD_YET), "deploy", "--env", "staging", "--skip-data-plane",
                    "--max-wait", "5s");
            assertThat(first.exitCode()).as(first.toString()).isEqualTo(1);
            assertThat(first.out() + first.err())
                    .contains("certificate for api.staging.glassbox.io is PENDING_VALIDATION")
                    .contains("create the DNS record CNAME _")
                    .contains(".api.staging.glassbox.io. → ")
                    .contains("then run deploy again");
            assertThat(https(aws)).as("no HTTPS listener without an issued certificate").isNull();
            assertThat(aws.ecs.describeServices(r -> r.cluster("glassbox-staging")
                    .services("glassbox-staging-agent-worker", "glassbox-staging-api")).services())
                    .as("the workers need no HTTPS; the API waits for its listener: " + first)
                    .extracting(s -> s.serviceName()).containsExactly("glassbox-staging-agent-worker");

            Cli.Result again = Cli.run("deploy", "--env", "staging", "--skip-data-plane");
            assertThat(again.exitCode()).as(again.toString()).isZero();
            assertThat(https(aws)).isNotNull();
            assertThat(aws.acm.listCertificates().certificateSummaryList()).hasSize(1);
            assertThat(aws.ecs.describeServices(r -> r.cluster("glassbox-staging").services("glassbox-staging-api"))
                    .services()).extracting(s -> s.status()).containsExactly("ACTIVE");
        }
    }

    @Test
    void aConfiguredCertificateIsUsedAsItIs() throws Exception {
        LocalEmulator.reset();
        try (AwsProbe aws = new AwsProbe()) {
            String own = aws.acm.requestCertificate(r -> r.domainName("api.example.com").validationMethod("DNS"))
                    .certificateArn();
            await().atMost(Duration.ofSeconds(20)).until(() -> aws.acm.describeCertificate(r -> r.certificateArn(own))
                    .certificate().statusAsString().equals("ISSUED"));
            Path config = io.glassbox.verification.support.Scratch.file("glassbox", ".yaml");
            Files.writeString(config, "domain: api.example.com\ncertificateArn: " + own + "\n");

            Cli.Result deployed = Cli.run("deploy", "--env", "staging", "--skip-data-plane", "--config", config.toString());
            assertThat(deployed.exitCode()).as(deployed.toString()).isZero();
            assertThat(https(aws).certificates()).extracting(c -> c.certificateArn()).containsExactly(own);
            assertThat(aws.acm.listCertificates().certificateSummaryList()).as("none requested")
                    .extracting(c -> c.certificateArn()).containsExactly(own);
            Cli.Result plan = Cli.run("plan", "--env", "staging", "--config", config.toString(), "--detailed-exitcode");
            assertThat(plan.exitCode()).as(plan.toString()).isZero();
        }
    }
}
