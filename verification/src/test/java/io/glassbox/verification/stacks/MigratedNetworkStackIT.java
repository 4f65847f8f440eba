package io.glassbox.verification.stacks;

import io.glassbox.verification.support.TakenOver;
import org.junit.jupiter.api.BeforeAll;

/**
 * Every check of {@link NetworkStackIT} on the environments the CDK app deployed, once {@code migrate
 * --from-cloudformation --yes} took them over: the spec's rows hold for what was taken over as for a fresh deploy.
 */
class MigratedNetworkStackIT extends NetworkStackIT {

    @BeforeAll
    @Override
    void deployBothEnvironments() {
        TakenOver.bothEnvironments();
    }
}
