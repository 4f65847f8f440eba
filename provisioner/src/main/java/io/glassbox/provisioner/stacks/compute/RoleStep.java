package io.glassbox.provisioner.stacks.compute;

import io.glassbox.provisioner.aws.ResourceTags;
import io.glassbox.provisioner.engine.Change;
import io.glassbox.provisioner.engine.ResourceStep;
import io.glassbox.provisioner.engine.StepContext;
import io.glassbox.provisioner.spec.MessagingSpec;
import io.glassbox.provisioner.spec.ServiceKind;
import io.glassbox.provisioner.spec.StackName;
import io.glassbox.provisioner.stacks.database.DatabaseSecretStep;
import io.glassbox.provisioner.stacks.messaging.QueueStep;
import io.glassbox.provisioner.stacks.monitoring.LogGroupStep;
import io.glassbox.provisioner.stacks.storage.BucketStep;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.iam.model.Tag;

/**
 * An IAM role that one AWS service assumes, with one inline policy ({@link RolePolicies}): the shared ECS
 * task-execution role {@code glassbox-{env}-execution}, a service's task role {@code glassbox-{env}-{service}-task},
 * or the role VPC flow logs deliver with, {@code glassbox-{env}-flow-logs} (Network stack).
 */
public final class RoleStep extends ResourceStep<RoleStep.LiveRole> {

    /** The principal of every role here (ECS Developer Guide, "Task execution IAM role"). */
    static final String ECS_TASKS = "ecs-tasks.amazonaws.com";
    /** The principal of the flow logs' role (VPC User Guide, "IAM role for publishing flow logs to CloudWatch Logs"). */
    static final String FLOW_LOGS = "vpc-flow-logs.amazonaws.com";
    static final String POLICY_NAME = "glassbox";
    private static final String TRUST = "assumeRolePolicyDocument";
    private static final String POLICY = "policy";

    /** The role, its inline policy document (null when it has none) and its tags. */
    record LiveRole(Role role, String policy, Map<String, String> tags) {
    }

    private final StackName stack;
    private final String principal;
    private final Function<StepContext, String> name;
    private final Function<StepContext, PolicyDocument> policy;
    private final String description;

    private RoleStep(String id, StackName stack, String principal, Function<StepContext, String> name,
                     Function<StepContext, PolicyDocument> policy, String description, String... dependencies) {
        super(id, stack, dependencies);
        this.stack = stack;
        this.principal = principal;
        this.name = name;
        this.policy = policy;
        this.description = description;
    }

    private RoleStep(String id, Function<StepContext, String> name, Function<StepContext, PolicyDocument> policy,
                     String description, String... dependencies) {
        this(id, StackName.COMPUTE, ECS_TASKS, name, policy, description, dependencies);
    }

    public static final String FLOW_LOGS_ID = "network.flow-logs.role";

    /** The role VPC flow logs assume to write to their log group, and nothing else (FSBP EC2.6). */
    public static RoleStep flowLogs() {
        return new RoleStep(FLOW_LOGS_ID, StackName.NETWORK, FLOW_LOGS, c -> c.naming().flowLogRole(),
                RolePolicies::flowLogs, "VPC flow logs write to their log group", LogGroupStep.FLOW_LOGS_ID);
    }

    public static final String EXECUTION_ID = "compute.role.execution";

    /** The task-execution role: needs the secrets' ARNs (they end in a random suffix). */
    public static RoleStep execution() {
        return new RoleStep(EXECUTION_ID, c -> c.naming().executionRole(), RolePolicies::execution,
                "ECS pulls images, writes logs and injects secrets for GlassBox tasks",
                DatabaseSecretStep.ID, LlmSecretStep.ID);
    }

    public static String taskId(ServiceKind service) {
        return "compute.role.task." + service.id();
    }

    /** A service's task role: needs the bucket's and its queues' ARNs. */
    public static RoleStep task(ServiceKind service, MessagingSpec messaging) {
        List<String> dependencies = new ArrayList<>();
        dependencies.add(BucketStep.ID);
        messaging.queues().forEach(q -> dependencies.add(QueueStep.id(q, false)));
        return new RoleStep(taskId(service), c -> c.naming().taskRole(service), c -> RolePolicies.task(c, service),
                "GlassBox " + service.id() + " containers: the files bucket and their queues",
                dependencies.toArray(String[]::new));
    }

    public static String outputArn(String stepId) {
        return stepId + ".arn";
    }

    @Override
    public String resourceType() {
        return "IAM role";
    }

    @Override
    public String resourceName(StepContext context) {
        return name.apply(context);
    }

    @Override
    protected Optional<LiveRole> find(StepContext context) {
        IamClient iam = context.aws().iam();
        Role role;
        try {
            role = iam.getRole(r -> r.roleName(resourceName(context))).role();
        } catch (NoSuchEntityException e) {
            return Optional.empty();
        }
        String document;
        try {
            document = iam.getRolePolicy(r -> r.roleName(resourceName(context)).policyName(POLICY_NAME)).policyDocument();
        } catch (NoSuchEntityException e) {
            document = null;
        }
        Map<String, String> tags = new LinkedHashMap<>();
        role.tags().forEach(t -> tags.put(t.key(), t.value()));
        return Optional.of(new LiveRole(role, document, tags));
    }

    @Override
    protected String idOf(LiveRole live) {
        return live.role().arn();
    }

    @Override
    protected Map<String, String> tagsOf(LiveRole live) {
        return live.tags();
    }

    @Override
    protected List<Change> diff(StepContext context, LiveRole live) {
        List<Change> changes = new ArrayList<>();
        PolicyDocument trust = PolicyDocument.trust(principal);
        if (!trust.sameAs(live.role().assumeRolePolicyDocument())) {
            // Who may assume the role is a security boundary: a change there needs approval.
            changes.add(Change.broadening(TRUST, "(differs)", trust.json()));
        }
        PolicyDocument desired = policy.apply(context);
        if (!desired.sameAs(live.policy())) {
            changes.add(Change.update(POLICY, live.policy() == null ? "(none)" : "(differs)", desired.json()));
        }
        tagChange(tags(context), live.tags()).ifPresent(changes::add);
        return changes;
    }

    @Override
    protected String createSummary(StepContext context) {
        return "role assumed by " + principal + ": " + description;
    }

    @Override
    protected LiveRole create(StepContext context) {
        IamClient iam = context.aws().iam();
        iam.createRole(r -> r.roleName(resourceName(context)).description(description)
                .assumeRolePolicyDocument(PolicyDocument.trust(principal).json()).tags(iamTags(tags(context))));
        putPolicy(context);
        return find(context).orElseThrow();
    }

    private void putPolicy(StepContext context) {
        String document = policy.apply(context).json();
        context.aws().iam().putRolePolicy(r -> r.roleName(resourceName(context)).policyName(POLICY_NAME)
                .policyDocument(document));
    }

    @Override
    protected void update(StepContext context, LiveRole live, List<Change> changes) {
        IamClient iam = context.aws().iam();
        if (touches(changes, TRUST)) {
            iam.updateAssumeRolePolicy(r -> r.roleName(resourceName(context))
                    .policyDocument(PolicyDocument.trust(principal).json()));
        }
        if (touches(changes, POLICY)) {
            putPolicy(context);
        }
        if (touches(changes, TAGS)) {
            iam.tagRole(r -> r.roleName(resourceName(context))
                    .tags(iamTags(ResourceTags.missing(tags(context), live.tags()))));
        }
    }

    @Override
    protected void publish(StepContext context, LiveRole live) {
        context.outputs().put(outputArn(id().value()), live.role().arn());
    }

    @Override
    protected void delete(StepContext context, LiveRole live) {
        IamClient iam = context.aws().iam();
        String role = resourceName(context);
        // IAM refuses to delete a role that still has policies (IAM API Reference, DeleteRole).
        // Listed in full first (IAM pages at 100 by default), then deleted: a page is not read while it changes.
        iam.listRolePoliciesPaginator(r -> r.roleName(role)).policyNames().stream().toList()
                .forEach(p -> iam.deleteRolePolicy(r -> r.roleName(role).policyName(p)));
        iam.listAttachedRolePoliciesPaginator(r -> r.roleName(role)).attachedPolicies().stream().toList()
                .forEach(p -> iam.detachRolePolicy(r -> r.roleName(role).policyArn(p.policyArn())));
        try {
            iam.deleteRole(r -> r.roleName(role));
        } catch (NoSuchEntityException e) {
            // already gone
        }
    }

    private static List<Tag> iamTags(Map<String, String> tags) {
        return tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
    }

    private Map<String, String> tags(StepContext context) {
        return ResourceTags.of(context.spec().environment(), stack, id().value());
    }
}
