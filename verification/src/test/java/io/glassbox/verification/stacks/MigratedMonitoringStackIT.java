package io.glassbox.verification.stacks;

import io.glassbox.verification.support.TakenOver;
import org.junit.jupiter.api.BeforeAll;

/**
 * Every check of {@link MonitoringStackIT} on the environments the CDK app deployed, once {@code migrate
 * --from-cloudformation --yes} took them over: the spec's rows hold for what was taken over as for a fresh deploy.
 */
class MigratedMonitoringStackIT extends MonitoringStackIT {

    @BeforeAll
    @Override
    void deployBothEnvironments() throws Exception {
        java.nio.file.Path config = io.glassbox.verification.support.Scratch.file("glassbox", ".yaml");
        java.nio.file.Files.writeString(config, "alarmEmail: oncall@example.com\n");
        TakenOver.bothEnvironments(java.util.Map.of("production", config));
    }
}
