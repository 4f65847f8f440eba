package io.glassbox.verification.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The AWS emulator the tests run against: the moto_server (or LocalStack container) of {@link LocalServices}. Between test classes it is
 * reset to an empty account through moto's own {@code /moto-api/reset}, so every class starts from nothing.
 */
public final class LocalEmulator {

    private LocalEmulator() {
    }

    /** The emulator's URL. */
    public static URI endpoint() {
        return LocalServices.motoEndpoint();
    }

    /** Empties the emulated account: every resource of every service is gone afterwards. */
    public static void reset() {
        // moto's /moto-api/reset; LocalStack's state reset when the container run uses LocalStack.
        post(LocalServices.getOrDefault("EMULATOR_RESET_PATH", "/moto-api/reset"), HttpRequest.BodyPublishers.noBody());
    }

    /**
     * Tells the emulator's own control endpoint {@code path} (under {@code /glassbox-emulator/}, see
     * {@code scripts/emulator}) what a test needs AWS to do next: a task's outcome, a busy replication group.
     */
    public static void control(String path, String json) {
        post("/glassbox-emulator/" + path, HttpRequest.BodyPublishers.ofString(json));
    }

    private static void post(String path, HttpRequest.BodyPublisher body) {
        HttpRequest request = HttpRequest.newBuilder(endpoint().resolve(path))
                .timeout(Duration.ofSeconds(30)).POST(body).build();
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot reach the emulator at " + endpoint() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
