package io.glassbox.provisioner.stacks.compute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.glassbox.provisioner.engine.RequestError;
import io.glassbox.provisioner.spec.ConfigFile;
import io.glassbox.provisioner.spec.Environment;
import io.glassbox.provisioner.spec.EnvironmentSpec;
import io.glassbox.provisioner.spec.EnvironmentSpecs;
import io.glassbox.provisioner.spec.ServiceKind;
import io.glassbox.provisioner.stacks.TestContexts;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which image a service's task definition names, from what the steps before published. No network. */
class ServiceImageTest {

    private static final String URI = "123456789012.dkr.ecr.us-east-1.amazonaws.com/glassbox-staging-api";
    private static final String NEW = "sha256:" + "c".repeat(64);
    private static final String RUNNING = URI + "@sha256:" + "a".repeat(64);
    private static final String LATEST_REVISION = URI + "@sha256:" + "b".repeat(64);
    private static final EnvironmentSpec DEFAULT = EnvironmentSpecs.forEnvironment(Environment.STAGING);

    private static ServiceImage.Choice choice(EnvironmentSpec spec, Map<String, String> published) {
        Map<String, String> outputs = new HashMap<>(published);
        outputs.put(RepositoryStep.outputUri("api"), URI);
        return ServiceImage.of(TestContexts.context(spec, outputs), ServiceKind.API);
    }

    @Test
    void withoutANamedTagTheServiceKeepsWhatItRunsWhateverTheTagNamesNow() {
        Map<String, String> live = Map.of(RepositoryStep.outputImageDigest("api"), NEW,
                TaskDefinitionStep.outputRunningImage(ServiceKind.API), RUNNING,
                TaskDefinitionStep.outputImage(ServiceKind.API), LATEST_REVISION);
        assertThat(choice(DEFAULT, live)).isEqualTo(new ServiceImage.Choice(RUNNING, true));
        // No service yet: its family's latest revision; nothing at all: latest's digest, or latest itself to wait for.
        assertThat(choice(DEFAULT, Map.of(TaskDefinitionStep.outputImage(ServiceKind.API), LATEST_REVISION)))
                .isEqualTo(new ServiceImage.Choice(LATEST_REVISION, true));
        assertThat(choice(DEFAULT, Map.of(RepositoryStep.outputImageDigest("api"), NEW)))
                .isEqualTo(new ServiceImage.Choice(URI + "@" + NEW, true));
        assertThat(choice(DEFAULT, Map.of())).isEqualTo(new ServiceImage.Choice(URI + ":latest", false));
        assertThat(choice(DEFAULT, Map.of(TaskDefinitionStep.outputImage(ServiceKind.API), URI + ":latest")))
                .as("a revision registered before the push").isEqualTo(new ServiceImage.Choice(URI + ":latest", false));
    }

    @Test
    void aNamedTagMovesTheServiceToTheDigestItNamesNow() {
        Map<String, String> live = Map.of(RepositoryStep.outputImageDigest("api"), NEW,
                TaskDefinitionStep.outputRunningImage(ServiceKind.API), RUNNING);
        EnvironmentSpec release = DEFAULT.releasing("v1.4.2");
        assertThat(choice(release, live)).isEqualTo(new ServiceImage.Choice(URI + "@" + NEW, true));
        EnvironmentSpec configured = EnvironmentSpecs.forEnvironment(Environment.STAGING,
                new ConfigFile(null, null, null, null, "v1.4.2", null, null, null, null, null, null));
        assertThat(choice(configured, live)).isEqualTo(new ServiceImage.Choice(URI + "@" + NEW, true));
        // The config's tag not pushed yet: the service waits for it; a release's tag not pushed stops the plan.
        assertThat(choice(configured, Map.of(TaskDefinitionStep.outputRunningImage(ServiceKind.API), RUNNING)))
                .isEqualTo(new ServiceImage.Choice(URI + ":v1.4.2", false));
        assertThatThrownBy(() -> choice(release, Map.of(TaskDefinitionStep.outputRunningImage(ServiceKind.API),
                RUNNING))).isInstanceOf(RequestError.class)
                .hasMessage("image tag v1.4.2 is not in ECR repository glassbox-staging-api: push it first; nothing"
                        + " was changed");
    }
}
