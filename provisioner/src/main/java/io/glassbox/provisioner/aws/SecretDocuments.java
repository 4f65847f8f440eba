package io.glassbox.provisioner.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.glassbox.provisioner.engine.ProvisionerException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;
import software.amazon.awssdk.services.secretsmanager.model.Tag;

/**
 * Reads and writes JSON secrets (Secrets Manager SecretString). Values are never logged or put into messages:
 * errors name the secret and the key, never what it holds.
 */
public final class SecretDocuments {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SecretDocuments() {
    }

    /** The secret's current JSON document, or empty when the secret or its value does not exist. */
    public static Optional<Map<String, Object>> read(SecretsManagerClient client, String secretId) {
        String text;
        try {
            text = client.getSecretValue(r -> r.secretId(secretId)).secretString();
        } catch (ResourceNotFoundException e) {
            return Optional.empty();
        }
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(text, new TypeReference<LinkedHashMap<String, Object>>() { }));
        } catch (JsonProcessingException e) {
            throw new ProvisionerException("secret " + secretId + " does not hold a JSON object; fix it by hand");
        }
    }

    /** Secrets Manager's tag list for a tag map, sorted by key. */
    public static List<Tag> tags(Map<String, String> tags) {
        return tags.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
    }

    /** A secret's tags as a map. */
    public static Map<String, String> tagMap(List<Tag> tags) {
        Map<String, String> map = new LinkedHashMap<>();
        tags.forEach(t -> map.put(t.key(), t.value()));
        return map;
    }

    public static String write(Map<String, Object> document) {
        try {
            return JSON.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings and numbers always serialises", e);
        }
    }
}
