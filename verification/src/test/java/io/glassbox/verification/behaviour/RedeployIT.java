package io.glassbox.verification.behaviour;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.glassbox.verification.support.AwsProbe;
import io.glassbox.verification.support.Cli;
import io.glassbox.verification.support.LocalEmulator;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

/**
 * deploy → destroy → deploy (issue 22, item 8): the second deploy makes the environment again, a new certificate
 * included. The certificate's request token is the request's own: a token derived from the domain would, within ACM's
 * hour, name the certificate the destroy deleted (moto answered it with a 500, AWS with the deleted certificate).
 */
class RedeployIT {

    @Test
    void anEnvironmentDestroyedIsDeployedAgainWithANewCertificate() {
        LocalEmulator.reset();
        Cli.Result first = Cli.run("deploy", "--env", "staging", "--skip-data-plane");
        assertThat(first.exitCode()).as(first.toString()).isZero();
        Cli.Result destroyed = Cli.run("destroy", "--env", "staging", "--yes", "--delete-logs");
        assertThat(destroyed.exitCode()).as(destroyed.toString()).isZero();
        ZonedDateTime destroyedAt = ZonedDateTime.now(ZoneOffset.UTC);
        try (AwsProbe aws = new AwsProbe()) {
            assertThat(aws.acm.listCertificates().certificateSummaryList()).isEmpty();

            // KnownEmulatorGaps.RDS_SNAPSHOT_NAME_PER_MINUTE: a new instance's automated snapshot would collide with
            // the deleted one's, named by the same minute; AWS names them apart.
            await().atMost(Duration.ofSeconds(65)).pollInterval(Duration.ofSeconds(1)).until(() ->
                    !ZonedDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES)
                            .equals(destroyedAt.truncatedTo(ChronoUnit.MINUTES)));
            Cli.Result again = Cli.run("deploy", "--env", "staging", "--skip-data-plane");
            assertThat(again.exitCode()).as(again.toString()).isZero();
            assertThat(aws.acm.listCertificates().certificateSummaryList()).singleElement()
                    .satisfies(c -> assertThat(c.domainName()).isEqualTo("api.staging.glassbox.io"));
            Cli.Result plan = Cli.run("plan", "--env", "staging", "--skip-data-plane", "--detailed-exitcode");
            assertThat(plan.exitCode()).as(plan.toString()).isZero();
        }
    }
}
