package io.glassbox.verification.behaviour;

import static org.assertj.core.api.Assertions.assertThat;

import io.glassbox.verification.support.Cli;
import io.glassbox.verification.support.FaultProxy;
import io.glassbox.verification.support.LocalEmulator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A real account's load on the plan (issue 21, item 13): every list the plan reads comes a page at a time, here one
 * item a page (KnownEmulatorGaps.PAGED_LISTS: subnets, security groups, route tables, NAT gateways, internet gateways,
 * flow logs, scaling policies), and a fifth of all requests are refused with throttling or 503 (FaultProxy). A plan
 * that read only first pages would miss resources it made and plan to create them again; one that did not retry
 * would be incomplete. It stays exactly "No changes".
 */
class PagedListsIT {

    @Test
    void thePlanStaysCorrectOnePageAtATimeThroughAFifthOfRequestsThrottled() throws Exception {
        LocalEmulator.reset();
        Cli.Result deployed = Cli.run("deploy", "--env", "production", "--skip-data-plane");
        assertThat(deployed.exitCode()).as(deployed.toString()).isZero();

        LocalEmulator.control("page-size", "{\"size\": 1}");
        try (FaultProxy faults = new FaultProxy(LocalEmulator.endpoint(), 0.2, 42)) {
            Cli.Result plan = Cli.runAgainst(faults.endpoint(), List.of(), "plan", "--env", "production",
                    "--skip-data-plane", "--detailed-exitcode");
            assertThat(plan.exitCode()).as(plan.toString()).isZero();
            assertThat(plan.out()).contains("No changes");
            assertThat(faults.throttled()).as("throttled requests").isGreaterThan(10);
        }
    }
}
