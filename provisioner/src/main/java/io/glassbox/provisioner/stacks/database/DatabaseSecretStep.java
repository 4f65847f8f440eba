package io.glassbox.provisioner.stacks.database;

import io.glassbox.provisioner.engine.Change;
import io.glassbox.provisioner.engine.ProvisionerException;
import io.glassbox.provisioner.engine.StepContext;
import io.glassbox.provisioner.spec.DatabaseSpec;
import io.glassbox.provisioner.spec.StackName;
import io.glassbox.provisioner.stacks.secrets.JsonSecretStep;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The secret {@code glassbox/{env}/database}: {@code username}, {@code password}, {@code host}, {@code port},
 * {@code dbname} and {@code url} (see {@link DatabaseUrl}). The password is generated once (GetRandomPassword)
 * and never regenerated or overwritten; {@code host} and {@code url} are written by {@link DbInstanceStep}
 * once the instance is available. A secret scheduled for deletion by an earlier destroy is restored,
 * password and all.
 */
public final class DatabaseSecretStep extends JsonSecretStep {

    public static final String ID = "database.secret";
    public static final String OUTPUT_ARN = "database.secret.arn";
    /** The endpoint the secret holds (not a secret value), so the instance step need not read the secret again. */
    public static final String OUTPUT_HOST = "database.secret.host";
    /** Characters RDS rejects in a master password (RDS User Guide, "Master user password"). */
    static final String EXCLUDED_CHARACTERS = "/@\" ";
    private static final long PASSWORD_LENGTH = 32;

    public DatabaseSecretStep() {
        super(ID, StackName.DATABASE);
    }

    public static String name(StepContext context) {
        return "glassbox/" + context.spec().environment().id() + "/database";
    }

    @Override
    public String resourceName(StepContext context) {
        return name(context);
    }

    @Override
    protected String restoredContent() {
        return "its stored password";
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
    protected List<Change> documentChanges(StepContext context, LiveSecret live) {
        Object password = live.document().get("password");
        if (!(password instanceof String text) || text.isEmpty()) {
            throw new ProvisionerException("secret " + name(context) + " has no password: it is never regenerated"
                    + " (the database still uses the old one); restore the value by hand");
        }
        List<Change> changes = new ArrayList<>();
        desiredKeys(context.spec().database()).forEach((key, value) -> {
            Object observed = live.document().get(key);
            if (!Objects.equals(String.valueOf(value), observed == null ? null : String.valueOf(observed))) {
                changes.add(Change.update(key, observed, value));
            }
        });
        return changes;
    }

    @Override
    protected String createSummary(StepContext context) {
        return "secret with keys username, password (generated), host and url (once RDS is available), port, dbname";
    }

    @Override
    protected LiveSecret create(StepContext context) {
        String password = context.aws().secretsManager().getRandomPassword(r -> r.passwordLength(PASSWORD_LENGTH)
                .excludeCharacters(EXCLUDED_CHARACTERS)).randomPassword();
        Map<String, Object> document = new LinkedHashMap<>(desiredKeys(context.spec().database()));
        document.put("password", password);
        document.put("host", "");
        return create(context, "GlassBox " + context.spec().environment().id() + " database credentials", document);
    }

    @Override
    protected void updateDocument(StepContext context, LiveSecret live, List<Change> changes) {
        Map<String, Object> desired = desiredKeys(context.spec().database());
        if (changes.stream().anyMatch(c -> desired.containsKey(c.path()))) {
            // Keep password, host and url as they are; only the spec's keys are rewritten.
            Map<String, Object> document = new LinkedHashMap<>(live.document());
            document.putAll(desired);
            write(context, document);
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
}
