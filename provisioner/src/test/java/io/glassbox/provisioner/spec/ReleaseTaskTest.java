package io.glassbox.provisioner.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code --before-rollout "SERVICE: COMMAND"}: the service and the command's words, or one line naming the flag. */
class ReleaseTaskTest {

    @Test
    void theServiceAndTheCommandsWordsWithQuotesKeepingSpaces() {
        assertThat(ReleaseTask.parse("--before-rollout", "api: ./migrate up"))
                .isEqualTo(new ReleaseTask(ServiceKind.API, List.of("./migrate", "up")));
        assertThat(ReleaseTask.parse("--before-rollout", "agent-worker:python -m jobs 'drain queue' \"a b\"").command())
                .containsExactly("python", "-m", "jobs", "drain queue", "a b");
        assertThat(ReleaseTask.parse("--before-rollout", "api: ./migrate up")).hasToString("api: ./migrate up");
    }

    @Test
    void anythingElseIsOneLineNamingTheFlag() {
        assertThatThrownBy(() -> ReleaseTask.parse("--before-rollout", "./migrate up"))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("--before-rollout: expected SERVICE: COMMAND");
        assertThatThrownBy(() -> ReleaseTask.parse("--before-rollout", "web: ./migrate"))
                .hasMessage("--before-rollout: unknown service 'web' (expected one of api, agent-worker, file-worker)");
        assertThatThrownBy(() -> ReleaseTask.parse("--before-rollout", "api:   "))
                .hasMessage("--before-rollout: no command after 'api:'");
        assertThatThrownBy(() -> ReleaseTask.parse("--before-rollout", "api: ./migrate 'up"))
                .hasMessageContaining("a quote is not closed");
    }
}
