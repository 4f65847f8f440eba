package io.glassbox.verification.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The AWS emulator the tests run against: a moto_server process started by {@code scripts/local-services.sh},
 * whose URL arrives in {@code MOTO_ENDPOINT}. Between test classes it is reset to an empty account through
 * moto's own {@code /moto-api/reset}, so every class starts from nothing.
 */
public final class LocalEmulator {

    private LocalEmulator() {
    }

    /** The emulator's URL; fails with how to start it when the tests were run without local services. */
    public static URI endpoint() {
        String value = System.getenv("MOTO_ENDPOINT");
        if (value == null || value.isBlank()) {
            value = System.getProperty("moto.endpoint");
        }
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("MOTO_ENDPOINT is not set: run the tests with scripts/test.sh, which"
                    + " starts moto_server (or start it with scripts/local-services.sh start and export MOTO_ENDPOINT)");
        }
        return URI.create(value);
    }

    /** Empties the emulated account: every resource of every service is gone afterwards. */
    public static void reset() {
        HttpRequest request = HttpRequest.newBuilder(endpoint().resolve("/moto-api/reset"))
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.noBody()).build();
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("moto reset answered " + response.statusCode() + ": " + response.body());
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot reach the emulator at " + endpoint() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
