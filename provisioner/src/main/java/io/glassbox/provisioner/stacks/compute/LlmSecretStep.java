package io.glassbox.provisioner.stacks.compute;

import io.glassbox.provisioner.engine.Change;
import io.glassbox.provisioner.engine.StepContext;
import io.glassbox.provisioner.spec.StackName;
import io.glassbox.provisioner.stacks.secrets.JsonSecretStep;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The secret {@code glassbox/{env}/llm} (spec, "Secrets Management"): {@code jwtSecret}, generated once, and
 * the {@code anthropicApiKey} / {@code openaiApiKey} placeholders that operators replace with the real keys.
 * A key is written only when it is absent; an existing value is never overwritten, compared or shown.
 */
public final class LlmSecretStep extends JsonSecretStep {

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

    public LlmSecretStep() {
        super(ID, StackName.COMPUTE);
    }

    @Override
    public String resourceName(StepContext context) {
        return context.naming().llmSecret();
    }

    @Override
    protected List<Change> documentChanges(StepContext context, LiveSecret live) {
        List<Change> changes = new ArrayList<>();
        for (String key : List.of(JWT_SECRET, ANTHROPIC_API_KEY, OPENAI_API_KEY)) {
            if (!live.document().containsKey(key)) {
                changes.add(Change.update(key, "(absent)", key.equals(JWT_SECRET) ? "(generated)" : "(placeholder)"));
            }
        }
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
        return create(context, "GlassBox " + context.spec().environment().id()
                + " JWT signing secret and LLM API keys", document);
    }

    @Override
    protected void updateDocument(StepContext context, LiveSecret live, List<Change> changes) {
        Map<String, Object> document = new LinkedHashMap<>(live.document());
        addMissingKeys(context, document);
        if (!document.equals(live.document())) {
            write(context, document);
        }
    }

    /** Adds the keys {@code document} lacks: a generated JWT secret, the API-key placeholders. */
    private static void addMissingKeys(StepContext context, Map<String, Object> document) {
        if (!document.containsKey(JWT_SECRET)) {
            document.put(JWT_SECRET, context.aws().secretsManager().getRandomPassword(r -> r
                    .passwordLength(JWT_SECRET_LENGTH).excludePunctuation(true)).randomPassword());
        }
        PLACEHOLDERS.forEach(document::putIfAbsent);
    }

    @Override
    protected void publish(StepContext context, LiveSecret live) {
        context.outputs().put(OUTPUT_ARN, live.description().arn());
    }
}
