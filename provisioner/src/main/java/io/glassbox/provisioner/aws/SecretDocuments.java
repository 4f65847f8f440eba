package io.glassbox.provisioner.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.glassbox.provisioner.engine.ProvisionerException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

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

    public static String write(Map<String, Object> document) {
        try {
            return JSON.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings and numbers always serialises", e);
        }
    }
}
