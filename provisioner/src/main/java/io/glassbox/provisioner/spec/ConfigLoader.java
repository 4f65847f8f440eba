package io.glassbox.provisioner.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.stream.Collectors;

/**
 * Reads a config file (JSON if it ends in {@code .json}, YAML otherwise) into a {@link ConfigFile} and
 * validates it. Unknown keys, wrong types and out-of-range values are rejected with a message naming the
 * key, e.g. {@code config.yaml: database.allocatedStorageGb: must be between 20 and 65536, got 5}.
 */
public final class ConfigLoader {

    private ConfigLoader() {
    }

    public static ConfigFile load(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file + ": no such config file");
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read config file: " + e.getMessage());
        }
        boolean json = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".json");
        return parse(text, json, file.getFileName().toString());
    }

    /** Parses and validates config text; {@code source} names it in messages. */
    public static ConfigFile parse(String text, boolean json, String source) {
        ObjectMapper mapper = (json ? JsonMapper.builder() : YAMLMapper.builder())
                // A string where a number belongs ("20") is a wrong type, not something to guess at.
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
        ConfigFile config;
        try {
            config = text.isBlank() ? ConfigFile.empty() : mapper.readValue(text, ConfigFile.class);
        } catch (UnrecognizedPropertyException e) {
            throw new ConfigException(source + ": unknown key '" + path(e) + "' (known keys here: "
                    + e.getKnownPropertyIds().stream().map(String::valueOf).sorted().collect(Collectors.joining(", "))
                    + ")");
        } catch (InvalidFormatException e) {
            throw new ConfigException(source + ": " + path(e) + ": expected " + typeName(e.getTargetType())
                    + ", got '" + e.getValue() + "'");
        } catch (MismatchedInputException e) {
            String key = path(e);
            throw new ConfigException(source + ": " + (key.isEmpty() ? "the file" : key) + ": expected "
                    + typeName(e.getTargetType()));
        } catch (JsonProcessingException e) {
            throw new ConfigException(source + ": not valid " + (json ? "JSON" : "YAML") + " at line "
                    + (e.getLocation() == null ? "?" : e.getLocation().getLineNr()) + ": " + e.getOriginalMessage());
        }
        if (config == null) {
            config = ConfigFile.empty();
        }
        ConfigValidator.validate(config, source);
        return config;
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."));
    }

    private static String typeName(Class<?> type) {
        if (type == null) {
            return "a value";
        }
        if (type == Integer.class || type == int.class) {
            return "a whole number";
        }
        if (type == String.class) {
            return "a string";
        }
        return "a mapping of keys (" + type.getSimpleName() + ")";
    }
}
