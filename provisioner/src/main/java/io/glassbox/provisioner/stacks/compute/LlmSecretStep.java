package io.glassbox.provisioner.stacks.compute;

import io.glassbox.provisioner.aws.ResourceTags;
import io.glassbox.provisioner.aws.SecretDocuments;
import io.glassbox.provisioner.engine.Change;
import io.glassbox.provisioner.engine.ResourceStep;
import io.glassbox.provisioner.engine.StepContext;
import io.glassbox.provisioner.spec.StackName;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

/**
 * The secret {@code glassbox/{env}/llm} (spec, "Secrets Management"): {@code jwtSecret}, generated once, and
 * the {@code anthropicApiKey} / {@code openaiApiKey} placeholders that operators replace with the real keys.
 * A key is written only when it is absent; an existing value is never overwritten or regenerated.
 */
public final class LlmSecretStep extends ResourceStep<LlmSecretStep.LiveSecret> {

    public static final String ID = "compute.secret.llm";
    public static final String OUTPUT_ARN = ID + ".arn";
    public static final String JWT_SECRET = "jwtSecret";
    public static final String ANTHROPIC_API_KEY = "anthropicApiKey";
    public static final String OPENAI_API_KEY = "openaiApiKey";
    /** HS256 wants a key at least as long as its 256-bit hash (RFC 7518, 3.2); 64 characters is ample. */
    static final long JWT_SECRET_LENGTH = 64;
    /** What operators find in place of an API key until they put the real one in. */
    static final Map<String, String> PLACEHOLDERS = Map.of(
            ANTHROPIC_API_KEY, "sk-ant-placeholder-replace-me",
            OPENAI_API_KEY, "sk-placeholder-replace-me");
    private static final long RECOVERY_WINDOW_DAYS = 30;
    private static final String STATE = "state";

    /** The secret's metadata and, unless it is scheduled for deletion, which keys it holds (never their values). */
    record LiveSecret(DescribeSecretResponse description, Map<String, Object> document) {
        boolean scheduledForDeletion() {
            return description.deletedDate() != null;
        }
    }

    public LlmSecretStep() {
        super(ID, StackName.COMPUTE);
    }

    @Override
    public String resourceType() {
        return "secret";
    }

    @Override
    public String resourceName(StepContext context) {
        return context.naming().llmSecret();
    }

    @Override
    protected Optional<LiveSecret> find(StepContext context) {
        SecretsManagerClient client = context.aws().secretsManager();
        DescribeSecretResponse description;
        try {
            description = client.describeSecret(r -> r.secretId(resourceName(context)));
        } catch (ResourceNotFoundException e) {
            return Optional.empty();
        }
        Map<String, Object> document = description.deletedDate() != null ? Map.of()
                : SecretDocuments.read(client, resourceName(context)).orElse(Map.of());
        return Optional.of(new LiveSecret(description, document));
    }

    @Override
    protected String idOf(LiveSecret live) {
        return live.description().arn();
    }

    @Override
    protected Map<String, String> tagsOf(LiveSecret live) {
        return SecretDocuments.tagMap(live.description().tags());
    }

    @Override
    protected List<Change> diff(StepContext context, LiveSecret live) {
        List<Change> changes = new ArrayList<>();
        if (live.scheduledForDeletion()) {
            changes.add(Change.update(STATE, "scheduled for deletion", "restored (with its stored keys)"));
        } else {
            // Only absence counts: whatever an operator stored is theirs, so values are never compared or shown.
            for (String key : List.of(JWT_SECRET, ANTHROPIC_API_KEY, OPENAI_API_KEY)) {
                if (!live.document().containsKey(key)) {
                    changes.add(Change.update(key, "(absent)", key.equals(JWT_SECRET) ? "(generated)" : "(placeholder)"));
                }
            }
        }
        tagChange(tags(context), tagsOf(live)).ifPresent(changes::add);
        return changes;
    }

    @Override
    protected String createSummary(StepContext context) {
        return "secret with jwtSecret (generated, " + JWT_SECRET_LENGTH + " characters) and placeholders for"
                + " anthropicApiKey, openaiApiKey";
    }

    @Override
    protected LiveSecret create(StepContext context) {
        Map<String, Object> document = new LinkedHashMap<>();
        addMissingKeys(context, document);
        context.aws().secretsManager().createSecret(r -> r.name(resourceName(context))
                .description("GlassBox " + context.spec().environment().id() + " JWT signing secret and LLM API keys")
                .secretString(SecretDocuments.write(document)).tags(SecretDocuments.tags(tags(context))));
        return find(context).orElseThrow();
    }

    /** Adds the keys {@code document} lacks: a generated JWT secret, the API-key placeholders. */
    private void addMissingKeys(StepContext context, Map<String, Object> document) {
        if (!document.containsKey(JWT_SECRET)) {
            document.put(JWT_SECRET, context.aws().secretsManager().getRandomPassword(r -> r
                    .passwordLength(JWT_SECRET_LENGTH).excludePunctuation(true)).randomPassword());
        }
        PLACEHOLDERS.forEach(document::putIfAbsent);
    }

    @Override
    protected void update(StepContext context, LiveSecret observed, List<Change> changes) {
        SecretsManagerClient client = context.aws().secretsManager();
        LiveSecret live = observed;
        if (touches(changes, STATE)) {
            client.restoreSecret(r -> r.secretId(resourceName(context)));
            live = find(context).orElseThrow();
        }
        Map<String, Object> document = new LinkedHashMap<>(live.document());
        addMissingKeys(context, document);
        if (!document.equals(live.document())) {
            client.putSecretValue(r -> r.secretId(resourceName(context)).secretString(SecretDocuments.write(document)));
        }
        Map<String, String> missingTags = ResourceTags.missing(tags(context), tagsOf(live));
        if (!missingTags.isEmpty()) {
            client.tagResource(r -> r.secretId(resourceName(context)).tags(SecretDocuments.tags(missingTags)));
        }
    }

    @Override
    protected void publish(StepContext context, LiveSecret live) {
        context.outputs().put(OUTPUT_ARN, live.description().arn());
    }

    @Override
    protected void delete(StepContext context, LiveSecret live) {
        if (!live.scheduledForDeletion()) {
            context.aws().secretsManager().deleteSecret(r -> r.secretId(resourceName(context))
                    .recoveryWindowInDays(RECOVERY_WINDOW_DAYS));
        }
    }

    private Map<String, String> tags(StepContext context) {
        return ResourceTags.of(context.spec().environment(), StackName.COMPUTE);
    }
}
