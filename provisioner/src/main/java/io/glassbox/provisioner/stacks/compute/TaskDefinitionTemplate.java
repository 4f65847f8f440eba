package io.glassbox.provisioner.stacks.compute;

import io.glassbox.provisioner.engine.StepContext;
import io.glassbox.provisioner.spec.MessagingSpec;
import io.glassbox.provisioner.spec.ServiceKind;
import io.glassbox.provisioner.spec.ServiceSize;
import io.glassbox.provisioner.stacks.cache.ReplicationGroupStep;
import io.glassbox.provisioner.stacks.database.DatabaseSecretStep;
import io.glassbox.provisioner.stacks.database.DatabaseUrl;
import io.glassbox.provisioner.stacks.messaging.QueueStep;
import io.glassbox.provisioner.stacks.storage.BucketStep;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.LogDriver;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.PortMapping;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.Secret;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

/**
 * The translator from the spec's service tables to a Fargate task definition, and the content fingerprint
 * that decides whether a new revision is needed. Plain values go into {@code environment}; every
 * "from-secret" and "from-parameter" value goes into {@code secrets} (DESIGN.md), so no secret is ever
 * readable in the task definition.
 */
final class TaskDefinitionTemplate {

    /** The port the API listens on and the target group forwards to (spec: PORT=8080). */
    static final int API_PORT = 8080;

    private TaskDefinitionTemplate() {
    }

    static RegisterTaskDefinitionRequest request(StepContext context, ServiceKind service) {
        ServiceSize size = service.size(context.spec().compute());
        ContainerDefinition.Builder container = ContainerDefinition.builder()
                .name(service.id())
                .image(ServiceImage.of(context, service).reference())
                .essential(true)
                .environment(environment(context, service).entrySet().stream()
                        .map(e -> KeyValuePair.builder().name(e.getKey()).value(e.getValue()).build()).toList())
                .secrets(secrets(context, service).entrySet().stream()
                        .map(e -> Secret.builder().name(e.getKey()).valueFrom(e.getValue()).build()).toList())
                .logConfiguration(l -> l.logDriver(LogDriver.AWSLOGS).options(Map.of(
                        "awslogs-group", context.naming().logGroup(service),
                        "awslogs-region", context.aws().region(),
                        "awslogs-stream-prefix", service.id())));
        if (service == ServiceKind.API) {
            container.portMappings(PortMapping.builder().containerPort(API_PORT).protocol("tcp").build());
        }
        return RegisterTaskDefinitionRequest.builder()
                .family(context.naming().service(service))
                .networkMode(NetworkMode.AWSVPC)
                .requiresCompatibilities(Compatibility.FARGATE)
                .cpu(String.valueOf(size.cpu()))
                .memory(String.valueOf(size.memoryMb()))
                .executionRoleArn(context.outputs().getOrUnknown(RoleStep.outputArn(RoleStep.EXECUTION_ID)))
                .taskRoleArn(context.outputs().getOrUnknown(RoleStep.outputArn(RoleStep.taskId(service))))
                .containerDefinitions(container.build())
                .build();
    }

    /** The spec's plain environment variables with values from the other stacks' outputs. */
    static Map<String, String> environment(StepContext context, ServiceKind service) {
        String region = context.aws().region();
        String bucket = context.outputs().getOrUnknown(BucketStep.OUTPUT_NAME);
        // In-transit encryption is on, so clients must speak TLS: rediss://, whatever the spec's example says.
        String redis = "rediss://" + context.outputs().getOrUnknown(ReplicationGroupStep.OUTPUT_ADDRESS) + ":"
                + context.spec().cache().port();
        MessagingSpec messaging = context.spec().messaging();
        String agentQueue = context.outputs().getOrUnknown(
                QueueStep.outputUrl(messaging.queue(MessagingSpec.AGENT_JOBS), false));
        String fileQueue = context.outputs().getOrUnknown(
                QueueStep.outputUrl(messaging.queue(MessagingSpec.FILE_PROCESSING), false));
        Map<String, String> env = new LinkedHashMap<>();
        switch (service) {
            case API -> {
                env.put("PORT", String.valueOf(API_PORT));
                env.put("GO_ENV", "production");
                env.put("REDIS_URL", redis);
                env.put("AWS_REGION", region);
                env.put("S3_BUCKET", bucket);
                env.put("SQS_AGENT_QUEUE_URL", agentQueue);
                env.put("SQS_FILE_QUEUE_URL", fileQueue);
                env.put("COGNITO_REGION", region);
                env.put("ALLOWED_ORIGINS", context.spec().appOrigin());
            }
            case AGENT_WORKER -> {
                env.put("WORKER_TYPE", "agent");
                env.put("REDIS_URL", redis);
                env.put("AWS_REGION", region);
                env.put("S3_BUCKET", bucket);
                env.put("SQS_QUEUE_URL", agentQueue);
                env.put("DEFAULT_MODEL", "gpt-4");
            }
            case FILE_WORKER -> {
                env.put("WORKER_TYPE", "file");
                env.put("AWS_REGION", region);
                env.put("S3_BUCKET", bucket);
                env.put("SQS_QUEUE_URL", fileQueue);
            }
        }
        return env;
    }

    /** The spec's "from-secret" and "from-parameter" variables: name → the ARN ECS reads at task start. */
    static Map<String, String> secrets(StepContext context, ServiceKind service) {
        String database = context.outputs().getOrUnknown(DatabaseSecretStep.OUTPUT_ARN);
        String llm = context.outputs().getOrUnknown(LlmSecretStep.OUTPUT_ARN);
        Map<String, String> secrets = new LinkedHashMap<>();
        secrets.put("DATABASE_URL", jsonKey(database, DatabaseUrl.KEY));
        switch (service) {
            case API -> {
                secrets.put("JWT_SECRET", jsonKey(llm, LlmSecretStep.JWT_SECRET));
                secrets.put("COGNITO_USER_POOL_ID", parameterArn(context, "cognito/user-pool-id"));
                secrets.put("COGNITO_CLIENT_ID", parameterArn(context, "cognito/client-id"));
            }
            case AGENT_WORKER -> {
                secrets.put("OPENAI_API_KEY", jsonKey(llm, LlmSecretStep.OPENAI_API_KEY));
                secrets.put("ANTHROPIC_API_KEY", jsonKey(llm, LlmSecretStep.ANTHROPIC_API_KEY));
            }
            case FILE_WORKER -> secrets.put("OPENAI_API_KEY", jsonKey(llm, LlmSecretStep.OPENAI_API_KEY));
        }
        return secrets;
    }

    /** {@code arn:…:secret:name-AbCdEf:key::} — one JSON key, current version (ECS Developer Guide, "secrets"). */
    static String jsonKey(String secretArn, String key) {
        return secretArn + ":" + key + "::";
    }

    private static String parameterArn(StepContext context, String relativeName) {
        return "arn:aws:ssm:" + context.aws().region() + ":" + context.aws().accountId() + ":parameter"
                + context.naming().parameter(relativeName);
    }

    /**
     * What makes a revision: the attributes the template sets, flattened to {@code path → value}. Service
     * defaults that the template does not set (container cpu 0, host port = container port) are left out,
     * so they never show up as drift.
     */
    static Map<String, String> fingerprint(RegisterTaskDefinitionRequest request) {
        return fingerprint(request.cpu(), request.memory(), request.networkModeAsString(),
                request.requiresCompatibilitiesAsStrings(), request.executionRoleArn(), request.taskRoleArn(),
                request.containerDefinitions());
    }

    static Map<String, String> fingerprint(TaskDefinition live) {
        return fingerprint(live.cpu(), live.memory(), live.networkModeAsString(),
                live.requiresCompatibilitiesAsStrings(), live.executionRoleArn(), live.taskRoleArn(),
                live.containerDefinitions());
    }

    private static Map<String, String> fingerprint(String cpu, String memory, String networkMode,
                                                   List<String> compatibilities, String executionRole,
                                                   String taskRole, List<ContainerDefinition> containers) {
        Map<String, String> print = new TreeMap<>();
        print.put("cpu", cpu);
        print.put("memory", memory);
        print.put("networkMode", networkMode);
        print.put("requiresCompatibilities", String.valueOf(compatibilities.stream().sorted().toList()));
        print.put("executionRoleArn", executionRole);
        print.put("taskRoleArn", taskRole);
        print.put("containers", String.valueOf(containers.stream().map(ContainerDefinition::name).sorted().toList()));
        for (ContainerDefinition c : containers) {
            String prefix = "container." + c.name() + ".";
            print.put(prefix + "image", c.image());
            print.put(prefix + "essential", String.valueOf(c.essential()));
            // Only a container that sets them (the data plane's) has an entry point and command of its own.
            if (!c.entryPoint().isEmpty()) {
                print.put(prefix + "entryPoint", String.valueOf(c.entryPoint()));
            }
            if (!c.command().isEmpty()) {
                print.put(prefix + "command", String.valueOf(c.command()));
            }
            print.put(prefix + "ports", String.valueOf(c.portMappings().stream()
                    .map(p -> p.containerPort() + "/" + (p.protocolAsString() == null ? "tcp" : p.protocolAsString()))
                    .sorted().toList()));
            c.environment().forEach(e -> print.put(prefix + "environment." + e.name(), e.value()));
            c.secrets().forEach(s -> print.put(prefix + "secrets." + s.name(), s.valueFrom()));
            if (c.logConfiguration() != null) {
                print.put(prefix + "log.driver", c.logConfiguration().logDriverAsString());
                c.logConfiguration().options().forEach((k, v) -> print.put(prefix + "log." + k, v));
            }
        }
        return print;
    }

}
