package io.glassbox.provisioner.stacks.secrets;

import io.glassbox.provisioner.aws.ResourceTags;
import io.glassbox.provisioner.aws.SecretDocuments;
import io.glassbox.provisioner.engine.Change;
import io.glassbox.provisioner.engine.ResourceStep;
import io.glassbox.provisioner.engine.StepContext;
import io.glassbox.provisioner.spec.StackName;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

/**
 * The life of a Secrets Manager secret holding a JSON document ({@code glassbox/{env}/database},
 * {@code glassbox/{env}/llm}): found by name; a secret scheduled for deletion by an earlier destroy is
 * restored with what it held; deleted with the longest recovery window. What the document must contain is
 * the subclass's; values are never put into changes or messages.
 */
public abstract class JsonSecretStep extends ResourceStep<JsonSecretStep.LiveSecret> {

    /** The longest recovery window Secrets Manager allows: a month to notice and restore (DeleteSecret). */
    private static final long RECOVERY_WINDOW_DAYS = 30;
    private static final String STATE = "state";

    /** The secret's metadata and, unless it is scheduled for deletion, its JSON document. */
    public record LiveSecret(DescribeSecretResponse description, Map<String, Object> document) {
        public boolean scheduledForDeletion() {
            return description.deletedDate() != null;
        }

        /** The secret's name and its document's keys: never a value (a record's own toString would print them). */
        @Override
        public String toString() {
            return "LiveSecret[" + description.name() + ", keys " + new java.util.TreeSet<>(document.keySet()) + "]";
        }
    }

    private final StackName stack;

    protected JsonSecretStep(String id, StackName stack, String... dependencies) {
        super(id, stack, dependencies);
        this.stack = stack;
    }

    /** Changes to the document of a secret that is not scheduled for deletion. */
    protected abstract List<Change> documentChanges(StepContext context, LiveSecret live);

    /** Writes what {@link #documentChanges} found missing, keeping every other key as it is. */
    protected abstract void updateDocument(StepContext context, LiveSecret live, List<Change> changes);

    /** What a restore brings back, for the plan line ("its stored password"). */
    protected String restoredContent() {
        return "what it holds";
    }

    @Override
    public final String resourceType() {
        return "secret";
    }

    @Override
    protected final Optional<LiveSecret> find(StepContext context) {
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
    protected final String idOf(LiveSecret live) {
        return live.description().arn();
    }

    @Override
    protected final Map<String, String> tagsOf(LiveSecret live) {
        return SecretDocuments.tagMap(live.description().tags());
    }

    @Override
    protected final List<Change> diff(StepContext context, LiveSecret live) {
        List<Change> changes = new ArrayList<>();
        if (live.scheduledForDeletion()) {
            changes.add(Change.update(STATE, "scheduled for deletion", "restored (with " + restoredContent() + ")"));
        } else {
            changes.addAll(documentChanges(context, live));
        }
        tagChange(tags(context), tagsOf(live)).ifPresent(changes::add);
        return changes;
    }

    /** Creates the secret with {@code document} and our tags. */
    protected final LiveSecret create(StepContext context, String description, Map<String, Object> document) {
        context.aws().secretsManager().createSecret(r -> r.name(resourceName(context)).description(description)
                .secretString(SecretDocuments.write(document)).tags(SecretDocuments.tags(tags(context))));
        return find(context).orElseThrow();
    }

    @Override
    protected final void update(StepContext context, LiveSecret observed, List<Change> changes) {
        SecretsManagerClient client = context.aws().secretsManager();
        LiveSecret live = observed;
        if (touches(changes, STATE)) {
            client.restoreSecret(r -> r.secretId(resourceName(context)));
            live = find(context).orElseThrow();
            // What the restored document lacks is only known now.
            changes = new ArrayList<>(changes);
            changes.addAll(documentChanges(context, live));
        }
        updateDocument(context, live, changes);
        Map<String, String> missingTags = ResourceTags.missing(tags(context), tagsOf(live));
        if (!missingTags.isEmpty()) {
            client.tagResource(r -> r.secretId(resourceName(context)).tags(SecretDocuments.tags(missingTags)));
        }
    }

    /** Replaces the document by {@code document} (which must keep every key the live one has). */
    protected final void write(StepContext context, Map<String, Object> document) {
        context.aws().secretsManager().putSecretValue(r -> r.secretId(resourceName(context))
                .secretString(SecretDocuments.write(document)));
    }

    /** A secret scheduled for deletion is gone as far as destroy is concerned (deploy restores it). */
    @Override
    protected final boolean deletionUnderway(LiveSecret live) {
        return live.scheduledForDeletion();
    }

    @Override
    protected final void delete(StepContext context, LiveSecret live) {
        if (!live.scheduledForDeletion()) {
            context.aws().secretsManager().deleteSecret(r -> r.secretId(resourceName(context))
                    .recoveryWindowInDays(RECOVERY_WINDOW_DAYS));
        }
    }

    protected final Map<String, String> tags(StepContext context) {
        return ResourceTags.of(context.spec().environment(), stack, id().value());
    }
}
