package io.glassbox.provisioner.stacks.compute;

import io.glassbox.provisioner.engine.StepContext;
import io.glassbox.provisioner.spec.ServiceKind;
import io.glassbox.provisioner.stacks.database.DatabaseBootstrapStep;
import io.glassbox.provisioner.stacks.database.DatabaseSecretStep;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.LogDriver;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.Secret;

/**
 * The data plane's one-off task: {@code psql} in a PostgreSQL client image creates the spec's extensions, run in the
 * private subnets with the ECS security group, which the database's group admits. libpq takes everything from its
 * environment (PostgreSQL docs, "Environment Variables"): the host, database, user and password come from the database
 * secret's JSON keys through {@code secrets}, which ECS resolves when it starts the task (ECS Developer Guide,
 * "Pass Secrets Manager secrets through Amazon ECS environment variables"), so no credential is ever in the task
 * definition, its environment or its command line. TLS is required (rds.force_ssl).
 */
public final class DataPlaneTaskTemplate {

    /** {@code glassbox-{env}-data-plane}. */
    public static final String FAMILY = "data-plane";
    /** The container's name, also in its log stream ({@code data-plane/data-plane/{task id}}). */
    public static final String CONTAINER = "data-plane";
    /** The smallest Fargate size: psql needs little (ECS Developer Guide, "Task size"). */
    static final int CPU = 256;
    static final int MEMORY_MB = 512;
    /** libpq's environment variable for each key of the database secret. */
    static final Map<String, String> FROM_SECRET = Map.of("PGHOST", "host", "PGDATABASE", "dbname",
            "PGUSER", "username", "PGPASSWORD", "password");

    private DataPlaneTaskTemplate() {
    }

    static RegisterTaskDefinitionRequest request(StepContext context) {
        String secret = context.outputs().getOrUnknown(DatabaseSecretStep.OUTPUT_ARN);
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("PGPORT", String.valueOf(context.spec().database().port()));
        environment.put("PGSSLMODE", "require");
        environment.put("PGCONNECT_TIMEOUT", "10");
        environment.put("PGAPPNAME", "glassbox-data-plane");
        ContainerDefinition container = ContainerDefinition.builder()
                .name(CONTAINER)
                .image(context.spec().dataPlane().image())
                .essential(true)
                .entryPoint("psql")
                .command(command())
                .environment(environment.entrySet().stream()
                        .map(e -> KeyValuePair.builder().name(e.getKey()).value(e.getValue()).build()).toList())
                .secrets(FROM_SECRET.entrySet().stream().sorted(Map.Entry.comparingByKey())
                        .map(e -> Secret.builder().name(e.getKey())
                                .valueFrom(TaskDefinitionTemplate.jsonKey(secret, e.getValue())).build()).toList())
                // The API's log group, which the execution role may already write, under a prefix of its own.
                .logConfiguration(l -> l.logDriver(LogDriver.AWSLOGS).options(Map.of(
                        "awslogs-group", context.naming().logGroup(ServiceKind.API),
                        "awslogs-region", context.aws().region(),
                        "awslogs-stream-prefix", FAMILY)))
                .build();
        return RegisterTaskDefinitionRequest.builder()
                .family(context.naming().base() + "-" + FAMILY)
                .networkMode(NetworkMode.AWSVPC)
                .requiresCompatibilities(Compatibility.FARGATE)
                .cpu(String.valueOf(CPU))
                .memory(String.valueOf(MEMORY_MB))
                .executionRoleArn(context.outputs().getOrUnknown(RoleStep.outputArn(RoleStep.EXECUTION_ID)))
                .containerDefinitions(container)
                .build();
    }

    /**
     * psql's arguments: stop at the first error, one {@code -c} per extension (idempotent), then list the extensions
     * so the task's log shows what the database has.
     */
    public static List<String> command() {
        List<String> command = new ArrayList<>(List.of("--no-psqlrc", "-v", "ON_ERROR_STOP=1"));
        for (String statement : DatabaseBootstrapStep.statements()) {
            command.add("-c");
            command.add(statement);
        }
        command.add("-c");
        command.add("SELECT extname, extversion FROM pg_extension ORDER BY extname");
        return command;
    }
}
