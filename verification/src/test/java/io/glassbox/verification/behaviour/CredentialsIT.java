package io.glassbox.verification.behaviour;

import static org.assertj.core.api.Assertions.assertThat;

import io.glassbox.verification.support.AwsProbe;
import io.glassbox.verification.support.JarProcess;
import io.glassbox.verification.support.LocalEmulator;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Credentials as people and pipelines have them, through the SDK's own providers, in the jar run as operators run
 * it (its own process, its own HOME and AWS variables): IAM Identity Center profiles (sso-session and the legacy keys)
 * with a cached login and the portal's GetRoleCredentials served by the emulator, OIDC web identity against the
 * emulator's STS, an assume-role profile and credential_process. Every command first says who it acts as; a run that
 * cannot get that far stops with one line, within seconds.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CredentialsIT {

    private static final String ROLE = "GlassBoxDeploy";
    private static final String ASSUMED = "arn:aws:sts::" + AwsProbe.ACCOUNT + ":assumed-role/" + ROLE + "/";
    private static final String START_URL = "https://glassbox.awsapps.com/start";
    private static final String ISSUER = "https://token.actions.githubusercontent.com";
    /** Much longer than any run here; a run that waits for retries or timeouts takes longer than this. */
    private static final Duration SECONDS = Duration.ofSeconds(20);

    @TempDir
    Path home;

    @BeforeAll
    void emptyAccount() {
        LocalEmulator.reset();
    }

    private JarProcess.Run plan(Map<String, String> environment, String... extra) throws Exception {
        String[] args = new String[3 + extra.length + 4];
        System.arraycopy(new String[] {"plan", "--env", "staging"}, 0, args, 0, 3);
        System.arraycopy(extra, 0, args, 3, extra.length);
        System.arraycopy(new String[] {"--stack", "Messaging", "--parallelism", "2"}, 0, args, 3 + extra.length, 4);
        return JarProcess.runAs(home, environment, args);
    }

    private Path config(String text) throws IOException {
        Path file = home.resolve(".aws/config");
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }

    /** What {@code aws sso login} leaves: the token in ~/.aws/sso/cache, named by the SHA-1 of the session or URL. */
    private void cachedLogin(String key, String token, Instant expiresAt) throws Exception {
        Path cache = home.resolve(".aws/sso/cache");
        Files.createDirectories(cache);
        String name = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
                .digest(key.getBytes(StandardCharsets.UTF_8))) + ".json";
        Files.writeString(cache.resolve(name), "{\"accessToken\":\"" + token + "\",\"expiresAt\":\"" + expiresAt
                + "\",\"region\":\"us-east-1\",\"startUrl\":\"" + START_URL + "\"}");
    }

    /** The portal issues the token, as the IAM Identity Center login would have. */
    private static void portalIssues(String token) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(LocalEmulator.endpoint().resolve("/glassbox-emulator/sso/tokens"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"accessToken\":\"" + token + "\"}")).build();
        assertThat(HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).statusCode())
                .isEqualTo(200);
    }

    private static void assertActsAs(JarProcess.Run run, String arnPrefix) {
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out().lines().findFirst().orElse("")).startsWith("Using account " + AwsProbe.ACCOUNT + " as "
                + arnPrefix).endsWith(", region us-east-1");
        assertThat(run.out()).contains("SQS queue glassbox-staging-agent-jobs");
    }

    /** Exit 1, one line on stderr that says {@code what}, nothing planned, within seconds. */
    private static void assertOneLine(JarProcess.Run run, Duration took, String... what) {
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(1);
        assertThat(run.err().strip().lines()).as(run.err()).hasSize(1);
        assertThat(run.err()).startsWith("error: ").contains(what).doesNotContain("Exception");
        assertThat(run.out()).doesNotContain("No changes").doesNotContain("Plan");
        assertThat(took).as("failed within seconds").isLessThan(SECONDS);
    }

    @Test
    void anSsoSessionProfileWithACachedLoginActsAsItsRole() throws Exception {
        Path config = config("[profile dev]\nsso_session = glassbox\nsso_account_id = " + AwsProbe.ACCOUNT
                + "\nsso_role_name = " + ROLE + "\nregion = us-east-1\n\n[sso-session glassbox]\nsso_start_url = "
                + START_URL + "\nsso_region = us-east-1\nsso_registration_scopes = sso:account:access\n");
        String token = "session-" + UUID.randomUUID();
        cachedLogin("glassbox", token, Instant.now().plus(Duration.ofHours(8)));
        portalIssues(token);
        assertActsAs(plan(Map.of("AWS_CONFIG_FILE", config.toString()), "--profile", "dev"), ASSUMED);
        // AWS_PROFILE names it just as well.
        assertActsAs(plan(Map.of("AWS_CONFIG_FILE", config.toString(), "AWS_PROFILE", "dev")), ASSUMED);
    }

    @Test
    void aLegacySsoProfileActsAsItsRoleAndAnExpiredLoginSaysHowToLogIn() throws Exception {
        Path config = config("[profile legacy]\nsso_start_url = " + START_URL + "\nsso_region = us-east-1\n"
                + "sso_account_id = " + AwsProbe.ACCOUNT + "\nsso_role_name = " + ROLE + "\nregion = us-east-1\n");
        String token = "legacy-" + UUID.randomUUID();
        cachedLogin(START_URL, token, Instant.now().plus(Duration.ofHours(8)));
        portalIssues(token);
        assertActsAs(plan(Map.of("AWS_CONFIG_FILE", config.toString()), "--profile", "legacy"), ASSUMED);

        cachedLogin(START_URL, token, Instant.now().minus(Duration.ofMinutes(5)));
        long start = System.nanoTime();
        JarProcess.Run expired = plan(Map.of("AWS_CONFIG_FILE", config.toString()), "--profile", "legacy");
        assertOneLine(expired, Duration.ofNanos(System.nanoTime() - start), "aws sso login --profile legacy");
    }

    @Test
    void aLoginThePortalDoesNotKnowSaysHowToLogIn() throws Exception {
        Path config = config("[profile dev]\nsso_session = glassbox\nsso_account_id = " + AwsProbe.ACCOUNT
                + "\nsso_role_name = " + ROLE + "\nregion = us-east-1\n\n[sso-session glassbox]\nsso_start_url = "
                + START_URL + "\nsso_region = us-east-1\n");
        cachedLogin("glassbox", "revoked-" + UUID.randomUUID(), Instant.now().plus(Duration.ofHours(1)));
        long start = System.nanoTime();
        JarProcess.Run run = plan(Map.of("AWS_CONFIG_FILE", config.toString()), "--profile", "dev");
        assertOneLine(run, Duration.ofNanos(System.nanoTime() - start), "aws sso login --profile dev");
        // The profile named by AWS_PROFILE is the one to log in again.
        start = System.nanoTime();
        JarProcess.Run fromEnvironment = plan(Map.of("AWS_CONFIG_FILE", config.toString(), "AWS_PROFILE", "dev"));
        assertOneLine(fromEnvironment, Duration.ofNanos(System.nanoTime() - start), "aws sso login --profile dev");
    }

    private static String jwt(String audience, Instant expires) {
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        String header = base64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String claims = base64.encodeToString(("{\"iss\":\"" + ISSUER + "\",\"aud\":\"" + audience + "\",\"sub\":"
                + "\"repo:glassbox/app:ref:refs/heads/main\",\"exp\":" + expires.getEpochSecond() + "}")
                .getBytes(StandardCharsets.UTF_8));
        return header + "." + claims + "." + base64.encodeToString("signature".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aPipelinesOidcTokenActsAsTheRoleItMayAssume() throws Exception {
        try (AwsProbe aws = new AwsProbe()) {
            // What the platform team sets up once: the CI provider as an IAM OIDC identity provider.
            aws.iam.createOpenIDConnectProvider(r -> r.url(ISSUER).clientIDList("sts.amazonaws.com")
                    .thumbprintList("6938fd4d98bab03faadb97b34396831e3780aea1"));
        }
        Path token = home.resolve("oidc-token");
        Files.writeString(token, jwt("sts.amazonaws.com", Instant.now().plus(Duration.ofMinutes(10))));
        Map<String, String> ci = Map.of("AWS_ROLE_ARN", "arn:aws:iam::" + AwsProbe.ACCOUNT + ":role/" + ROLE,
                "AWS_WEB_IDENTITY_TOKEN_FILE", token.toString(), "AWS_ROLE_SESSION_NAME", "release-42");
        assertActsAs(plan(ci), ASSUMED + "release-42");

        Files.writeString(token, jwt("another-audience", Instant.now().plus(Duration.ofMinutes(10))));
        long start = System.nanoTime();
        JarProcess.Run refused = plan(ci);
        assertOneLine(refused, Duration.ofNanos(System.nanoTime() - start), "STS refused the OIDC token",
                "Incorrect token audience");

        Files.writeString(token, jwt("sts.amazonaws.com", Instant.now().minus(Duration.ofMinutes(1))));
        start = System.nanoTime();
        JarProcess.Run expired = plan(ci);
        assertOneLine(expired, Duration.ofNanos(System.nanoTime() - start), "STS refused the OIDC token",
                "Token expired");
    }

    @Test
    void anAssumeRoleProfileAndCredentialProcessWork() throws Exception {
        Path script = home.resolve("credentials.sh");
        Files.writeString(script, "#!/bin/sh\necho '{\"Version\": 1, \"AccessKeyId\": \"AKIAPROCESS000000001\","
                + " \"SecretAccessKey\": \"process-secret\"}'\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        Path config = config("[profile base]\naws_access_key_id = AKIABASE000000000001\naws_secret_access_key = base\n"
                + "\n[profile deployer]\nrole_arn = arn:aws:iam::" + AwsProbe.ACCOUNT + ":role/" + ROLE
                + "\nsource_profile = base\nrole_session_name = alice\n"
                + "\n[profile process]\ncredential_process = " + script + "\n");
        assertActsAs(plan(Map.of("AWS_CONFIG_FILE", config.toString()), "--profile", "deployer"), ASSUMED + "alice");
        JarProcess.Run process = plan(Map.of("AWS_CONFIG_FILE", config.toString()), "--profile", "process");
        assertThat(process.exitCode()).as(process.err()).isZero();
        assertThat(process.out()).startsWith("Using account " + AwsProbe.ACCOUNT + " as arn:aws:");
    }

    @Test
    void noCredentialsAtAllIsOneLineSayingHowToProvideThem() throws Exception {
        long start = System.nanoTime();
        JarProcess.Run run = plan(Map.of("AWS_CONFIG_FILE", home.resolve("none").toString(),
                "AWS_SHARED_CREDENTIALS_FILE", home.resolve("none").toString()));
        assertOneLine(run, Duration.ofNanos(System.nanoTime() - start), "no AWS credentials found",
                "aws sso login --profile NAME", "AWS_WEB_IDENTITY_TOKEN_FILE");
    }

    @Test
    void anEndpointThatRefusesOrDoesNotResolveIsOneLineWithinSeconds() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        Map<String, String> keys = Map.of("AWS_ACCESS_KEY_ID", "testing", "AWS_SECRET_ACCESS_KEY", "testing");
        long start = System.nanoTime();
        JarProcess.Run refused = plan(keys, "--endpoint-url", "http://127.0.0.1:" + closed);
        assertOneLine(refused, Duration.ofNanos(System.nanoTime() - start),
                "cannot reach AWS at http://127.0.0.1:" + closed + ": connection refused");

        start = System.nanoTime();
        JarProcess.Run unknown = plan(keys, "--endpoint-url", "http://aws.glassbox.invalid");
        assertOneLine(unknown, Duration.ofNanos(System.nanoTime() - start), "aws.glassbox.invalid does not resolve");
    }

    @Test
    void serviceSpecificEndpointsApplyPerService() throws Exception {
        // No global endpoint: STS and SQS (all that a plan of the Messaging stack calls) each have their own.
        String emulator = LocalEmulator.endpoint().toString();
        JarProcess.Run run = plan(Map.of("AWS_ACCESS_KEY_ID", "testing", "AWS_SECRET_ACCESS_KEY", "testing",
                "AWS_ENDPOINT_URL", "", "AWS_ENDPOINT_URL_STS", emulator, "AWS_ENDPOINT_URL_SQS", emulator));
        assertActsAs(run, "arn:aws:");
    }
}
