package io.glassbox.provisioner.stacks.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The DATABASE_URL kept in the secret: percent-encoded password, TLS required, current only for its host. */
class DatabaseUrlTest {

    @Test
    void passwordIsPercentEncodedAndTlsRequired() {
        Map<String, Object> document = new HashMap<>(Map.of("username", "glassbox", "password", "a:b?c#d%e f",
                "port", 5432, "dbname", "glassbox"));
        assertThat(DatabaseUrl.of(document, "db.example")).isEqualTo(
                "postgres://glassbox:a%3Ab%3Fc%23d%25e%20f@db.example:5432/glassbox?sslmode=require");
    }

    @Test
    void urlIsCurrentOnlyForTheHostItWasMadeFor() {
        Map<String, Object> document = new HashMap<>(Map.of("username", "u", "password", "p", "port", 5432,
                "dbname", "d"));
        assertThat(DatabaseUrl.isCurrent(document, "db.example")).as("no url yet").isFalse();
        document.put(DatabaseUrl.KEY, DatabaseUrl.of(document, "db.example"));
        assertThat(DatabaseUrl.isCurrent(document, "db.example")).isTrue();
        assertThat(DatabaseUrl.isCurrent(document, "other.example")).isFalse();
    }
}
