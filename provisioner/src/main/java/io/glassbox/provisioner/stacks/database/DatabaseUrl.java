package io.glassbox.provisioner.stacks.database;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code url} key of {@code glassbox/{env}/database}: the services' {@code DATABASE_URL}
 * ({@code postgres://user:password@host:5432/glassbox?sslmode=require}). ECS can inject one JSON key of a
 * secret as a variable, not a composition of several, so the URL is kept in the secret beside its parts.
 * The password is percent-encoded; the URL is a secret value and is never printed.
 */
public final class DatabaseUrl {

    public static final String KEY = "url";

    private DatabaseUrl() {
    }

    /** The URL for the secret's username, password, port and dbname at {@code host}. */
    public static String of(Map<String, Object> document, String host) {
        return "postgres://" + encode(document.get("username")) + ":" + encode(document.get("password")) + "@" + host
                + ":" + document.get("port") + "/" + encode(document.get("dbname")) + "?sslmode=require";
    }

    /** Whether the document's URL is the one its parts and {@code host} make. */
    public static boolean isCurrent(Map<String, Object> document, String host) {
        return Objects.equals(document.get(KEY), of(document, host));
    }

    private static String encode(Object value) {
        return URLEncoder.encode(String.valueOf(value), StandardCharsets.UTF_8).replace("+", "%20");
    }
}
