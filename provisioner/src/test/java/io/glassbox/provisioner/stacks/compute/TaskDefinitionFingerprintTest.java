package io.glassbox.provisioner.stacks.compute;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.LogDriver;
import software.amazon.awssdk.services.ecs.model.PortMapping;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.Secret;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

/** When a live task definition counts as the template's content, and when a new revision is due. */
class TaskDefinitionFingerprintTest {

    private static ContainerDefinition.Builder container() {
        return ContainerDefinition.builder().name("api").image("repo/glassbox-staging-api:latest").essential(true)
                .environment(KeyValuePair.builder().name("PORT").value("8080").build(),
                        KeyValuePair.builder().name("GO_ENV").value("production").build())
                .secrets(Secret.builder().name("JWT_SECRET").valueFrom("arn:secret:llm-AbCdEf:jwtSecret::").build())
                .logConfiguration(l -> l.logDriver(LogDriver.AWSLOGS).options(Map.of("awslogs-group", "/ecs/x/api")));
    }

    private static RegisterTaskDefinitionRequest request(ContainerDefinition container) {
        return RegisterTaskDefinitionRequest.builder().family("glassbox-staging-api").cpu("512").memory("1024")
                .networkMode("awsvpc").requiresCompatibilitiesWithStrings("FARGATE").executionRoleArn("arn:exec")
                .taskRoleArn("arn:task")
                .containerDefinitions(container.toBuilder()
                        .portMappings(PortMapping.builder().containerPort(8080).protocol("tcp").build()).build())
                .build();
    }

    /** What ECS returns for the request: defaults filled in, variables in another order. */
    private static TaskDefinition registered(ContainerDefinition container) {
        return TaskDefinition.builder().family("glassbox-staging-api").revision(1).cpu("512").memory("1024")
                .networkMode("awsvpc").requiresCompatibilitiesWithStrings("FARGATE").executionRoleArn("arn:exec")
                .taskRoleArn("arn:task")
                .containerDefinitions(container.toBuilder().cpu(0)
                        .environment(KeyValuePair.builder().name("GO_ENV").value("production").build(),
                                KeyValuePair.builder().name("PORT").value("8080").build())
                        .portMappings(PortMapping.builder().containerPort(8080).hostPort(8080).protocol("tcp").build())
                        .build())
                .build();
    }

    @Test
    void registeredRevisionWithServiceDefaultsMatchesItsRequest() {
        assertThat(TaskDefinitionTemplate.fingerprint(registered(container().build())))
                .isEqualTo(TaskDefinitionTemplate.fingerprint(request(container().build())));
    }

    @Test
    void aNewImageTagOrSecretSourceIsADifference() {
        Map<String, String> live = TaskDefinitionTemplate.fingerprint(registered(container().build()));
        Map<String, String> newImage = TaskDefinitionTemplate.fingerprint(request(container().image("repo/api:v2").build()));
        assertThat(newImage).isNotEqualTo(live).containsEntry("container.api.image", "repo/api:v2");
        Map<String, String> newSecret = TaskDefinitionTemplate.fingerprint(request(container()
                .secrets(Secret.builder().name("JWT_SECRET").valueFrom("arn:secret:other:jwtSecret::").build()).build()));
        assertThat(newSecret.get("container.api.secrets.JWT_SECRET")).isNotEqualTo(live.get("container.api.secrets.JWT_SECRET"));
    }

    @Test
    void aVariableRemovedOutOfBandIsADifference() {
        Map<String, String> live = TaskDefinitionTemplate.fingerprint(registered(container().build()).toBuilder()
                .containerDefinitions(container().environment(KeyValuePair.builder().name("PORT").value("8080").build())
                        .portMappings(PortMapping.builder().containerPort(8080).build()).build()).build());
        assertThat(live).doesNotContainKey("container.api.environment.GO_ENV");
        assertThat(TaskDefinitionTemplate.fingerprint(request(container().build())))
                .containsEntry("container.api.environment.GO_ENV", "production");
    }
}
