package io.glassbox.verification.behaviour;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.glassbox.verification.support.AwsProbe;
import io.glassbox.verification.support.CallRecorder;
import io.glassbox.verification.support.Cli;
import io.glassbox.verification.support.LocalEmulator;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.ec2.model.DomainType;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.servicequotas.model.GetServiceQuotaRequest;
import software.amazon.awssdk.services.servicequotas.model.ServiceQuotasException;

/**
 * Quotas before anything is made (issue 24, item 4): a deploy compares the account's quotas (Service Quotas, AWS's
 * default where the account has no value of its own) with what the region holds now plus what the plan creates, and
 * a shortfall refuses up front (exit 3), listing each quota, its value, what is used and needed, and the code to
 * request, with no change made. The emulator enforces the Elastic IP quota as EC2 does
 * ({@code KnownEmulatorGaps.SERVICE_QUOTAS}), so without the check the deploy fails halfway instead.
 */
class QuotasIT {

    private final AwsProbe aws = new AwsProbe();

    @BeforeEach
    void emptyAccount() {
        LocalEmulator.reset();
    }

    @AfterEach
    void close() {
        LocalEmulator.reset();
        aws.close();
    }

    @Test
    void anAccountWithoutRoomRefusesBeforeAnyChangeListingEachQuota() {
        quota("ec2", "L-0263D0A3", 2);
        quota("vpc", "L-FE5A380F", 0);
        CallRecorder recorder = new CallRecorder();
        Cli.Result refused = Cli.run(List.of(recorder), "deploy", "--env", "production", "--skip-data-plane");

        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(3);
        assertThat(refused.err()).contains("the account's quotas leave no room for what this deploy creates, so"
                        + " nothing was changed")
                .contains("EC2-VPC Elastic IPs in us-east-1: quota 2, 0 used, 3 needed by this deploy; request 1 more"
                        + " (Service Quotas, service ec2, quota code L-0263D0A3)")
                .contains("NAT gateways per Availability Zone in us-east-1a: quota 0, 0 used, 1 needed by this"
                        + " deploy; request 1 more (Service Quotas, service vpc, quota code L-FE5A380F)")
                .contains("NAT gateways per Availability Zone in us-east-1c:")
                .doesNotContain("VPCs per Region").doesNotContain("Exception");
        assertThat(recorder.mutating()).as("nothing made, not even the lock").isEmpty();
        assertThat(recorder.all()).contains("ServiceQuotas.GetServiceQuota");

        // plan says so too, so a pipeline's plan stage learns of it before its deploy stage.
        Cli.Result plan = Cli.run("plan", "--env", "production");
        assertThat(plan.exitCode()).as(plan.toString()).isZero();
        assertThat(plan.err()).contains("quota too low, deploy will refuse: EC2-VPC Elastic IPs in us-east-1: quota 2,"
                + " 0 used, 3 needed by this deploy");
    }

    @Test
    void anotherTeamsAddressesCountAgainstAwssDefaultAndARaisedQuotaLetsTheDeployRun() {
        for (int i = 0; i < 3; i++) {
            aws.ec2.allocateAddress(r -> r.domain(DomainType.VPC)); // another team's, in the same account
        }
        CallRecorder recorder = new CallRecorder();
        Cli.Result refused = Cli.run(List.of(recorder), "deploy", "--env", "production", "--skip-data-plane");
        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(3);
        assertThat(refused.err()).contains("EC2-VPC Elastic IPs in us-east-1: quota 5, 3 used, 3 needed by this"
                + " deploy; request 1 more");
        assertThat(recorder.all()).as("no value of the account's own: AWS's default")
                .contains("ServiceQuotas.GetAWSDefaultServiceQuota");
        assertThat(recorder.mutating()).isEmpty();

        quota("ec2", "L-0263D0A3", 6);
        Cli.Result deployed = Cli.run("deploy", "--env", "production", "--skip-data-plane");
        assertThat(deployed.exitCode()).as(deployed.toString()).isZero();

        // What exists is counted once: a deploy with nothing to create checks nothing and still runs.
        CallRecorder again = new CallRecorder();
        Cli.Result converged = Cli.run(List.of(again), "deploy", "--env", "production", "--skip-data-plane");
        assertThat(converged.exitCode()).as(converged.toString()).isZero();
        assertThat(again.all()).noneMatch(call -> call.startsWith("ServiceQuotas."));
    }

    @Test
    void aRoleThatMayNotReadQuotasDeploysWithANoticeInsteadOfAGuess() {
        // AWS's default would be a guess: an account whose quota was raised would be refused for nothing.
        Cli.Result deployed = Cli.run(List.of(denyServiceQuotas()), "deploy", "--env", "staging",
                "--skip-data-plane");
        assertThat(deployed.exitCode()).as(deployed.toString()).isZero();
        assertThat(deployed.err()).contains("quota not checked: EC2-VPC Elastic IPs (L-0263D0A3), access denied:"
                + " arn:aws:sts::123456789012:assumed-role/deploy/ci may not call servicequotas:GetServiceQuota");
    }

    @Test
    void theEmulatorRefusesAnAddressBeyondTheQuotaAsEc2Does() {
        quota("ec2", "L-0263D0A3", 1);
        aws.ec2.allocateAddress(r -> r.domain(DomainType.VPC));
        assertThatThrownBy(() -> aws.ec2.allocateAddress(r -> r.domain(DomainType.VPC)))
                .isInstanceOfSatisfying(Ec2Exception.class, e -> assertThat(e.awsErrorDetails().errorCode())
                        .isEqualTo("AddressLimitExceeded"));
    }

    /** IAM's answer to a role without servicequotas:GetServiceQuota (IAM User Guide's access denied messages). */
    private static ExecutionInterceptor denyServiceQuotas() {
        return new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                if (context.request() instanceof GetServiceQuotaRequest) {
                    throw ServiceQuotasException.builder().statusCode(400).awsErrorDetails(AwsErrorDetails.builder()
                            .errorCode("AccessDeniedException").errorMessage("User:"
                                    + " arn:aws:sts::123456789012:assumed-role/deploy/ci is not authorized to perform:"
                                    + " servicequotas:GetServiceQuota because no identity-based policy allows the"
                                    + " servicequotas:GetServiceQuota action").build()).build();
                }
            }
        };
    }

    private static void quota(String service, String code, int value) {
        LocalEmulator.control("service-quotas", "{\"serviceCode\":\"" + service + "\",\"quotaCode\":\"" + code
                + "\",\"value\":" + value + "}");
    }
}
