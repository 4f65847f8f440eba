package io.glassbox.provisioner.stacks.compute;

import io.glassbox.provisioner.engine.StepContext;
import io.glassbox.provisioner.spec.MessagingSpec;
import io.glassbox.provisioner.spec.QueueSpec;
import io.glassbox.provisioner.spec.ServiceKind;
import io.glassbox.provisioner.stacks.database.DatabaseSecretStep;
import io.glassbox.provisioner.stacks.messaging.QueueStep;
import io.glassbox.provisioner.stacks.monitoring.LogGroupStep;
import io.glassbox.provisioner.stacks.storage.BucketStep;
import java.util.List;

/**
 * The least-privilege policies of the Compute stack's roles. The execution role (used by ECS to start tasks)
 * may pull from the two repositories, write the three log groups, and read exactly the secrets and
 * parameters the task definitions inject. Each task role (what the containers run as) may use the bucket and
 * that service's own queues: the API sends to both work queues, each worker consumes its own.
 */
final class RolePolicies {

    private RolePolicies() {
    }

    static PolicyDocument execution(StepContext context) {
        String region = context.aws().region();
        String account = context.aws().accountId();
        List<String> repositories = List.of("api", "worker").stream()
                .map(r -> "arn:aws:ecr:" + region + ":" + account + ":repository/" + context.naming().repository(r))
                .toList();
        List<String> logGroups = List.of(ServiceKind.values()).stream()
                .map(s -> "arn:aws:logs:" + region + ":" + account + ":log-group:" + context.naming().logGroup(s) + ":*")
                .toList();
        List<String> parameters = List.of("cognito/user-pool-id", "cognito/client-id").stream()
                .map(p -> "arn:aws:ssm:" + region + ":" + account + ":parameter" + context.naming().parameter(p))
                .toList();
        return new PolicyDocument()
                // GetAuthorizationToken has no resource-level permissions (ECR User Guide, "Private registry auth").
                .allow("EcrAuth", List.of("ecr:GetAuthorizationToken"), List.of("*"))
                .allow("EcrPull", List.of("ecr:BatchCheckLayerAvailability", "ecr:GetDownloadUrlForLayer",
                        "ecr:BatchGetImage"), repositories)
                .allow("Logs", List.of("logs:CreateLogStream", "logs:PutLogEvents"), logGroups)
                .allow("Secrets", List.of("secretsmanager:GetSecretValue"), List.of(
                        context.outputs().getOrUnknown(DatabaseSecretStep.OUTPUT_ARN),
                        context.outputs().getOrUnknown(LlmSecretStep.OUTPUT_ARN)))
                .allow("Parameters", List.of("ssm:GetParameters"), parameters);
    }

    /**
     * The flow logs' role: write streams and events to its one log group (VPC User Guide, "IAM role for publishing
     * flow logs to CloudWatch Logs", narrowed from {@code *} to that group).
     */
    static PolicyDocument flowLogs(StepContext context) {
        String group = context.outputs().getOrUnknown(LogGroupStep.outputArn(LogGroupStep.FLOW_LOGS_ID));
        return new PolicyDocument().allow("FlowLogs", List.of("logs:CreateLogStream", "logs:PutLogEvents",
                "logs:DescribeLogStreams"), List.of(group, group + ":*"));
    }

    static PolicyDocument task(StepContext context, ServiceKind service) {
        String bucketArn = context.outputs().getOrUnknown(BucketStep.OUTPUT_ARN);
        List<QueueSpec> queues = context.spec().messaging().queues();
        PolicyDocument document = new PolicyDocument()
                .allow("BucketList", List.of("s3:ListBucket"), List.of(bucketArn))
                .allow("BucketObjects", List.of("s3:GetObject", "s3:PutObject", "s3:DeleteObject"),
                        List.of(bucketArn + "/*"));
        return switch (service) {
            case API -> document.allow("SendJobs", List.of("sqs:SendMessage", "sqs:GetQueueAttributes",
                    "sqs:GetQueueUrl"), queues.stream()
                    .map(q -> context.outputs().getOrUnknown(QueueStep.outputArn(q, false))).toList());
            case AGENT_WORKER -> document.allow("ConsumeJobs", consume(),
                    List.of(queueArn(context, MessagingSpec.AGENT_JOBS)));
            case FILE_WORKER -> document.allow("ConsumeJobs", consume(),
                    List.of(queueArn(context, MessagingSpec.FILE_PROCESSING)));
        };
    }

    private static String queueArn(StepContext context, String baseName) {
        return context.outputs().getOrUnknown(QueueStep.outputArn(context.spec().messaging().queue(baseName), false));
    }

    private static List<String> consume() {
        return List.of("sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:ChangeMessageVisibility",
                "sqs:GetQueueAttributes", "sqs:GetQueueUrl");
    }

}
