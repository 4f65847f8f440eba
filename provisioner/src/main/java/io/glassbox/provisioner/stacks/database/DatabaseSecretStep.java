package io.glassbox.provisioner.stacks.database;

import io.glassbox.provisioner.aws.SecretDocuments;
import io.glassbox.provisioner.engine.Change;
import io.glassbox.provisioner.engine.CloudFormationOrigin;
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
import java.util.Optional;

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
        return credentialsSource(context).map(source -> "secret with the username and password of " + source
                        + " (the CDK app's, copied: the database keeps its password), host and url, port, dbname")
                .orElse("secret with keys username, password (generated), host and url (once RDS is available), port,"
                        + " dbname");
    }

    /**
     * The CDK app's secret of the database credentials, when a takeover names one under another name: ours is then
     * made from it (the claim creates it before any stack is released).
     */
    private Optional<String> credentialsSource(StepContext context) {
        return context.takeoverOf(id()).flatMap(origin -> origin.reportedId().or(() -> taggedBy(context, origin)))
                .filter(source -> !source.equals(name(context)) && !source.contains(":secret:" + name(context) + "-"));
    }

    /** The secret CloudFormation tagged as {@code origin}, for when it reports no physical id. */
    private static Optional<String> taggedBy(StepContext context, CloudFormationOrigin origin) {
        return context.aws().secretsManager().listSecretsPaginator(r -> r.filters(
                        f -> f.key("tag-key").values(CloudFormationOrigin.LOGICAL_ID_TAG),
                        f -> f.key("tag-value").values(origin.logicalId()))).stream().flatMap(page -> page.secretList().stream())
                .filter(secret -> origin.taggedOn(SecretDocuments.tagMap(secret.tags())))
                .map(secret -> secret.arn()).findFirst();
    }

    @Override
    protected boolean createdByClaim(StepContext context) {
        return credentialsSource(context).isPresent();
    }

    @Override
    protected LiveSecret create(StepContext context) {
        Optional<String> source = credentialsSource(context);
        Map<String, Object> document = new LinkedHashMap<>(desiredKeys(context.spec().database()));
        document.put("password", source.isPresent() ? copiedPassword(context, source.get()) : context.aws()
                .secretsManager().getRandomPassword(r -> r.passwordLength(PASSWORD_LENGTH)
                        .excludeCharacters(EXCLUDED_CHARACTERS)).randomPassword());
        document.put("host", "");
        return create(context, "GlassBox " + context.spec().environment().id() + " database credentials", document);
    }

    /**
     * The password of the CDK app's credentials, whose username must be the spec's (RDS cannot rename its master
     * user, and the secret's username is the spec's). Neither value is ever put into a message.
     */
    private static String copiedPassword(StepContext context, String source) {
        Map<String, Object> credentials = SecretDocuments.read(context.aws().secretsManager(), source)
                .orElseThrow(() -> new ProvisionerException("the CDK app's database secret " + source + " has no JSON"
                        + " document to copy the credentials from"));
        String username = context.spec().database().masterUsername();
        if (!username.equals(credentials.get("username"))) {
            throw new ProvisionerException("the CDK app's database secret " + source + " names another master user"
                    + " than " + username + ": RDS cannot rename it, so the takeover stops before anything changed");
        }
        if (!(credentials.get("password") instanceof String password) || password.isEmpty()) {
            throw new ProvisionerException("the CDK app's database secret " + source + " has no password to copy");
        }
        return password;
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
