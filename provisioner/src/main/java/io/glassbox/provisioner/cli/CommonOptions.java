package io.glassbox.provisioner.cli;

import io.glassbox.provisioner.Provisioner;
import io.glassbox.provisioner.aws.AwsSettings;
import io.glassbox.provisioner.spec.ConfigFile;
import io.glassbox.provisioner.spec.ReleaseTask;
import io.glassbox.provisioner.spec.ConfigLoader;
import io.glassbox.provisioner.spec.Environment;
import io.glassbox.provisioner.spec.StackName;
import io.glassbox.provisioner.engine.HostAndPort;
import io.glassbox.provisioner.engine.DeletableData;
import io.glassbox.provisioner.engine.LockOptions;
import io.glassbox.provisioner.engine.RunOptions;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;

/**
 * The options every command shares (a picocli mixin). {@link #validate} checks them all before any AWS call,
 * so bad input costs nothing and changes nothing.
 */
public final class CommonOptions {

    private static final Pattern DURATION = Pattern.compile("(\\d{1,6})([smh])");
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d+");
    private static final int MAX_PARALLELISM = 64;

    @Option(names = "--env", paramLabel = "ENV", converter = EnvironmentConverter.class,
            description = "Environment: staging or production (required).")
    Environment environment;

    @Option(names = "--region", paramLabel = "REGION", description = "AWS region (default: AWS_REGION, else us-east-1).")
    String region;

    @Option(names = "--profile", paramLabel = "NAME", description = "Named profile of the AWS config files.")
    String profile;

    @Option(names = "--endpoint-url", paramLabel = "URL",
            description = "Send every AWS call here, e.g. an emulator (else AWS_ENDPOINT_URL and"
                    + " AWS_ENDPOINT_URL_<SERVICE> apply, per service, as everywhere in the AWS SDKs).")
    String endpointUrl;

    @Option(names = "--stack", paramLabel = "NAME",
            description = "Limit to a stack: Network or GlassBox-{env}-Network (repeatable).")
    List<String> stacks = new ArrayList<>();

    @Option(names = "--parallelism", paramLabel = "N", description = "Steps run at once (default: 8).")
    int parallelism = Provisioner.DEFAULT_PARALLELISM;

    @Option(names = "--json", description = "One JSON object per line instead of text.")
    boolean json;

    @Option(names = "--config", paramLabel = "FILE", description = "Account overrides (YAML or JSON).")
    Path config;

    @Option(names = "--apply-immediately",
            description = "Apply RDS/ElastiCache modifications now, not at the next maintenance window.")
    boolean applyImmediately;

    @Option(names = "--skip-data-plane", description = "Skip the database extensions and the Redis readiness check.")
    boolean skipDataPlane;

    @Option(names = "--database-tunnel", paramLabel = "HOST:PORT",
            description = "Reach the database through this local port (an SSM or bastion port-forward).")
    String databaseTunnel;

    @Option(names = "--cache-tunnel", paramLabel = "HOST:PORT",
            description = "Reach Redis through this local port (an SSM or bastion port-forward).")
    String cacheTunnel;

    @Option(names = "--cache-ca-file", paramLabel = "PEM",
            description = "Also trust this CA for Redis TLS (like redis-cli --cacert).")
    Path cacheCaFile;

    @Option(names = "--max-wait", paramLabel = "DURATION",
            description = "Longest single wait for AWS, e.g. 90s, 20m, 1h (default: each resource's own).")
    String maxWait;

    @Option(names = "--adopt",
            description = "Take over resources that have our names but not our ManagedBy tag (tags them as ours).")
    boolean adopt;

    @Option(names = "--lock-timeout", paramLabel = "DURATION",
            description = "Wait this long for another run's lock on the environment (default: refuse at once).")
    String lockTimeout;

    @Option(names = "--force-unlock",
            description = "Remove another run's lock on the environment first: an expired or dead run's at once, a"
                    + " live one only when its name is typed on a terminal or with --yes; prints whose lock it removed.")
    boolean forceUnlock;

    @Option(names = {"-v", "--verbose"}, description = "Show unchanged steps and stack traces of unexpected errors.")
    boolean verbose;

    /** The validated settings of a run; built before any AWS call. */
    record Validated(Environment environment, String region, URI endpoint, boolean configuredEndpoints,
                     Set<StackName> stacks, ConfigFile config, RunOptions runOptions, LockOptions lock,
                     Optional<String> imageTag, Optional<ReleaseTask> releaseTask) {

        Validated(Environment environment, String region, URI endpoint, boolean configuredEndpoints,
                  Set<StackName> stacks, ConfigFile config, RunOptions runOptions, LockOptions lock) {
            this(environment, region, endpoint, configuredEndpoints, stacks, config, runOptions, lock,
                    Optional.empty(), Optional.empty());
        }

        /**
         * The same run, releasing {@code tag} ({@code --image-tag}; none when null), checked as a Docker tag, with
         * {@code beforeRollout} ({@code --before-rollout "api: ./migrate up"}; none when null) run before the rollout.
         */
        Validated releasing(String tag, String beforeRollout) {
            return new Validated(environment, region, endpoint, configuredEndpoints, stacks, config, runOptions, lock,
                    Optional.ofNullable(tag).map(t -> io.glassbox.provisioner.spec.ImageTag.check("--image-tag", t)),
                    Optional.ofNullable(beforeRollout).map(t -> ReleaseTask.parse("--before-rollout", t)));
        }

        /** The same run, {@code unlock} deciding whether --force-unlock may remove a live lock. */
        Validated unlocking(io.glassbox.provisioner.engine.ForceUnlock unlock) {
            return new Validated(environment, region, endpoint, configuredEndpoints, stacks, config, runOptions,
                    lock.unlocking(unlock), imageTag, releaseTask);
        }

        /** The same run, with destroy allowed to delete {@code data}. */
        Validated deleting(Set<DeletableData> data) {
            return new Validated(environment, region, endpoint, configuredEndpoints, stacks, config,
                    runOptions.deleting(data), lock, imageTag, releaseTask);
        }
    }

    /** The SDK's endpoint settings (AWS SDKs and Tools Reference Guide, "Service-specific endpoints"). */
    private static final String ENDPOINT_VARIABLE = "AWS_ENDPOINT_URL";

    Validated validate(Map<String, String> environmentVariables) {
        if (environment == null) {
            throw new UsageException("missing --env (staging or production)");
        }
        String resolvedRegion = firstNonBlank(region, environmentVariables.get("AWS_REGION"),
                environmentVariables.get("AWS_DEFAULT_REGION"), AwsSettings.DEFAULT_REGION);
        if (!REGION.matcher(resolvedRegion).matches()) {
            throw bad("invalid region '" + resolvedRegion + "' (expected a name such as us-east-1)");
        }
        // --endpoint-url overrides every client; otherwise the SDK applies AWS_ENDPOINT_URL and the service-specific
        // AWS_ENDPOINT_URL_<SERVICE> itself, the more specific first. Their values are checked here all the same.
        URI endpoint = endpoint(firstNonBlank(endpointUrl));
        boolean configuredEndpoints = false;
        for (Map.Entry<String, String> variable : environmentVariables.entrySet()) {
            if (variable.getKey().startsWith(ENDPOINT_VARIABLE) && !variable.getValue().isBlank()) {
                endpoint(variable.getValue().trim(), variable.getKey());
                configuredEndpoints = true;
            }
        }
        if (parallelism < 1 || parallelism > MAX_PARALLELISM) {
            throw bad("--parallelism must be between 1 and " + MAX_PARALLELISM + ", got " + parallelism);
        }
        Set<StackName> selected = EnumSet.noneOf(StackName.class);
        for (String stack : stacks) {
            try {
                selected.add(StackName.parse(stack, environment));
            } catch (IllegalArgumentException e) {
                throw bad(e.getMessage());
            }
        }
        if (cacheCaFile != null && !Files.isReadable(cacheCaFile)) {
            throw bad("--cache-ca-file: cannot read " + cacheCaFile);
        }
        RunOptions runOptions = new RunOptions(applyImmediately, skipDataPlane, tunnel("--database-tunnel", databaseTunnel),
                tunnel("--cache-tunnel", cacheTunnel), Optional.ofNullable(cacheCaFile), duration("--max-wait", maxWait),
                Set.of(), adopt, RunOptions.DEFAULT_POLL_INTERVAL);
        ConfigFile configFile = config == null ? ConfigFile.empty() : ConfigLoader.load(config);
        LockOptions lock = new LockOptions(duration("--lock-timeout", lockTimeout).orElse(Duration.ZERO),
                LockOptions.DEFAULT_LEASE, forceUnlock);
        return new Validated(environment, resolvedRegion, endpoint, configuredEndpoints, selected, configFile,
                runOptions, lock);
    }

    private static Optional<HostAndPort> tunnel(String option, String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(HostAndPort.parse(text));
        } catch (IllegalArgumentException e) {
            throw bad(option + ": " + e.getMessage());
        }
    }

    private static Optional<Duration> duration(String option, String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = DURATION.matcher(text.trim());
        if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
            throw bad(option + ": expected a duration such as 90s, 20m or 1h, got '" + text + "'");
        }
        long amount = Long.parseLong(m.group(1));
        return Optional.of(switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofHours(amount);
        });
    }

    private static URI endpoint(String text) {
        return text == null ? null : endpoint(text, "--endpoint-url");
    }

    private static URI endpoint(String text, String source) {
        try {
            URI uri = new URI(text);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw bad(source + ": invalid endpoint URL '" + text + "' (expected http://HOST:PORT or https://HOST)");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw bad(source + ": invalid endpoint URL '" + text + "'");
        }
    }

    private static String firstNonBlank(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value.trim();
            }
        }
        return null;
    }

    private static UsageException bad(String message) {
        return new UsageException(message);
    }
}
