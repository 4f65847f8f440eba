package io.glassbox.provisioner.stacks.database;

import io.glassbox.provisioner.aws.ResourceTags;
import io.glassbox.provisioner.aws.SecretDocuments;
import io.glassbox.provisioner.engine.Change;
import io.glassbox.provisioner.engine.ProvisionerException;
import io.glassbox.provisioner.engine.ResourceStep;
import io.glassbox.provisioner.engine.StepContext;
import io.glassbox.provisioner.spec.DatabaseSpec;
import io.glassbox.provisioner.spec.StackName;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

/**
 * The secret {@code glassbox/{env}/database}: {@code username}, {@code password}, {@code host}, {@code port},
 * {@code dbname} and {@code url} (see {@link DatabaseUrl}). The password is generated once (GetRandomPassword)
 * and never regenerated or overwritten;
 * {@code host} is written by {@link DbInstanceStep} once the instance is available. A secret scheduled for
 * deletion by an earlier destroy is restored, password and all.
 */
public final class DatabaseSecretStep extends ResourceStep<DatabaseSecretStep.LiveSecret> {

    public static final String ID = "database.secret";
    public static final String OUTPUT_ARN = "database.secret.arn";
    /** The endpoint the secret holds (not a secret value), so the instance step need not read the secret again. */
    public static final String OUTPUT_HOST = "database.secret.host";
    /** Characters RDS rejects in a master password (RDS User Guide, "Master user password"). */
    static final String EXCLUDED_CHARACTERS = "/@\" ";
    private static final long PASSWORD_LENGTH = 32;
    /** The longest recovery window Secrets Manager allows: a month to notice and restore (DeleteSecret). */
    private static final long RECOVERY_WINDOW_DAYS = 30;
    private static final String STATE = "state";

    /** The secret's metadata and, unless it is scheduled for deletion, its JSON document. */
    record LiveSecret(DescribeSecretResponse description, Map<String, Object> document) {
        boolean scheduledForDeletion() {
            return description.deletedDate() != null;
        }
    }

    public DatabaseSecretStep() {
        super(ID, StackName.DATABASE);
    }

    public static String name(StepContext context) {
        return "glassbox/" + context.spec().environment().id() + "/database";
    }

    @Override
    public String resourceType() {
        return "secret";
    }

    @Override
    public String resourceName(StepContext context) {
        return name(context);
    }

    @Override
    protected Optional<LiveSecret> find(StepContext context) {
        SecretsManagerClient client = context.aws().secretsManager();
        DescribeSecretResponse description;
        try {
            description = client.describeSecret(r -> r.secretId(name(context)));
        } catch (ResourceNotFoundException e) {
            return Optional.empty();
        }
        Map<String, Object> document = description.deletedDate() != null ? Map.of()
                : SecretDocuments.read(client, name(context)).orElse(Map.of());
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

    /** The keys this step owns, other than the password (which is only ever generated once). */
    private static Map<String, Object> desiredKeys(DatabaseSpec database) {
        Map<String, Object> keys = new LinkedHashMap<>();
        keys.put("username", database.masterUsername());
        keys.put("port", database.port());
        keys.put("dbname", database.databaseName());
        return keys;
    }

    @Override
    protected List<Change> diff(StepContext context, LiveSecret live) {
        List<Change> changes = new ArrayList<>();
        if (live.scheduledForDeletion()) {
            changes.add(Change.update(STATE, "scheduled for deletion", "restored (with its stored password)"));
        } else {
            Object password = live.document().get("password");
            if (!(password instanceof String text) || text.isEmpty()) {
                throw new ProvisionerException("secret " + name(context) + " has no password: it is never regenerated"
                        + " (the database still uses the old one); restore the value by hand");
            }
            desiredKeys(context.spec().database()).forEach((key, value) -> {
                Object observed = live.document().get(key);
                if (!Objects.equals(String.valueOf(value), observed == null ? null : String.valueOf(observed))) {
                    changes.add(Change.update(key, observed, value));
                }
            });
        }
        tagChange(tags(context), tagsOf(live)).ifPresent(changes::add);
        return changes;
    }

    @Override
    protected String createSummary(StepContext context) {
        return "secret with keys username, password (generated), host (once RDS is available), port, dbname";
    }

    @Override
    protected LiveSecret create(StepContext context) {
        SecretsManagerClient client = context.aws().secretsManager();
        String password = client.getRandomPassword(r -> r.passwordLength(PASSWORD_LENGTH)
                .excludeCharacters(EXCLUDED_CHARACTERS)).randomPassword();
        Map<String, Object> document = new LinkedHashMap<>(desiredKeys(context.spec().database()));
        document.put("password", password);
        document.put("host", "");
        client.createSecret(r -> r.name(name(context))
                .description("GlassBox " + context.spec().environment().id() + " database credentials")
                .secretString(SecretDocuments.write(document)).tags(SecretDocuments.tags(tags(context))));
        return find(context).orElseThrow();
    }

    @Override
    protected void update(StepContext context, LiveSecret observed, List<Change> changes) {
        SecretsManagerClient client = context.aws().secretsManager();
        LiveSecret live = observed;
        if (touches(changes, STATE)) {
            client.restoreSecret(r -> r.secretId(name(context)));
            live = find(context).orElseThrow();
        }
        Map<String, String> liveTags = tagsOf(live);
        Map<String, Object> liveDocument = live.document();
        boolean keysChanged = changes.stream().anyMatch(c -> desiredKeys(context.spec().database()).containsKey(c.path()));
        if (keysChanged) {
            // Keep password and host as they are; only the spec's keys are rewritten.
            Map<String, Object> document = new LinkedHashMap<>(liveDocument);
            document.putAll(desiredKeys(context.spec().database()));
            client.putSecretValue(r -> r.secretId(name(context)).secretString(SecretDocuments.write(document)));
        }
        if (touches(changes, TAGS)) {
            client.tagResource(r -> r.secretId(name(context)).tags(SecretDocuments.tags(ResourceTags.missing(tags(context),
                    liveTags))));
        }
    }

    @Override
    protected void publish(StepContext context, LiveSecret live) {
        context.outputs().put(OUTPUT_ARN, live.description().arn());
        Object host = live.document().get("host");
        // The host counts as written only with its URL, so a secret from before the URL key gets one.
        if (host instanceof String text && !text.isEmpty() && DatabaseUrl.isCurrent(live.document(), text)) {
            context.outputs().put(OUTPUT_HOST, text);
        }
    }

    @Override
    protected void delete(StepContext context, LiveSecret live) {
        if (!live.scheduledForDeletion()) {
            context.aws().secretsManager().deleteSecret(r -> r.secretId(name(context))
                    .recoveryWindowInDays(RECOVERY_WINDOW_DAYS));
        }
    }

    private Map<String, String> tags(StepContext context) {
        return ResourceTags.of(context.spec().environment(), StackName.DATABASE);
    }
}
