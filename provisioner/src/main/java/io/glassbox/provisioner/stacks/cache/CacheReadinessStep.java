package io.glassbox.provisioner.stacks.cache;

import io.glassbox.provisioner.aws.BoundedRetry;
import io.glassbox.provisioner.aws.DataPlaneFailures;
import io.glassbox.provisioner.aws.TlsTrust;
import io.glassbox.provisioner.aws.Timeouts;
import io.glassbox.provisioner.engine.Change;
import io.glassbox.provisioner.engine.HostAndPort;
import io.glassbox.provisioner.engine.ProvisionerException;
import io.glassbox.provisioner.engine.Step;
import io.glassbox.provisioner.engine.StepContext;
import io.glassbox.provisioner.engine.StepId;
import io.glassbox.provisioner.engine.StepPlan;
import io.glassbox.provisioner.spec.CacheSpec;
import io.glassbox.provisioner.spec.StackName;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * The Redis readiness check (DESIGN.md, "Data plane"): PING answers PONG, the server is version 7.x, and the
 * connection uses TLS when in-transit encryption is on. Through {@code --cache-tunnel} the certificate is still
 * checked against the real endpoint name (sent as SNI), falling back to the tunnel's own address.
 */
public final class CacheReadinessStep implements Step {

    public static final String ID = "cache.readiness";
    private static final Pattern VERSION = Pattern.compile("redis_version:(\\d+)\\.(\\S+)");
    private static final int TIMEOUT_MILLIS = 10_000;
    private static final Duration RETRY_PAUSE = Duration.ofSeconds(2);

    @Override
    public StepId id() {
        return StepId.of(ID);
    }

    @Override
    public StackName stack() {
        return StackName.CACHE;
    }

    @Override
    public Set<StepId> dependencies() {
        return Set.of(StepId.of(ReplicationGroupStep.ID));
    }

    @Override
    public boolean runsEveryDeploy() {
        return true;
    }

    @Override
    public String resourceType() {
        return "Redis readiness";
    }

    @Override
    public String resourceName(StepContext context) {
        return "PING, version " + context.spec().cache().engineMajorVersion() + ".x"
                + (context.spec().cache().transitEncryption() ? ", TLS" : "");
    }

    @Override
    public StepPlan plan(StepContext context) {
        boolean exists = context.outputs().get(ReplicationGroupStep.OUTPUT_ADDRESS).isPresent();
        List<Change> changes = exists ? List.of()
                : List.of(Change.create("check " + resourceName(context) + " once the cache is available"));
        return new StepPlan(id(), stack(), resourceType(), resourceName(context),
                exists ? Optional.of("checked at deploy") : Optional.empty(), changes);
    }

    @Override
    public void apply(StepContext context) {
        CacheSpec cache = context.spec().cache();
        String address = context.outputs().require(ReplicationGroupStep.OUTPUT_ADDRESS);
        int port = Integer.parseInt(context.outputs().get(ReplicationGroupStep.OUTPUT_PORT).orElse(String.valueOf(cache.port())));
        HostAndPort target = context.options().cacheTunnel().orElse(new HostAndPort(address, port));
        DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(TIMEOUT_MILLIS).socketTimeoutMillis(TIMEOUT_MILLIS)
                .clientName("glassbox-provisioner");
        if (cache.transitEncryption()) {
            SSLParameters parameters = new SSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            parameters.setServerNames(List.of(new SNIHostName(address)));
            config.ssl(true).sslSocketFactory(TlsTrust.socketFactory(context.options().cacheCaFile()))
                    .sslParameters(parameters);
        }
        String info = withRetry(context, target, address, () -> {
            try (Jedis jedis = new Jedis(new redis.clients.jedis.HostAndPort(target.host(), target.port()), config.build())) {
                String pong = jedis.ping();
                if (!"PONG".equals(pong)) {
                    throw new ProvisionerException("Redis at " + target + " answered PING with '" + pong + "'");
                }
                return jedis.info("server");
            }
        });
        Matcher version = VERSION.matcher(info);
        if (!version.find()) {
            throw new ProvisionerException("Redis at " + target + " did not report its version");
        }
        if (!version.group(1).equals(cache.engineMajorVersion())) {
            throw new ProvisionerException("Redis at " + target + " is version " + version.group(1) + "."
                    + version.group(2) + "; the spec wants " + cache.engineMajorVersion() + ".x");
        }
    }

    private static String withRetry(StepContext context, HostAndPort target, String address,
                                    BoundedRetry.Attempt<String, JedisConnectionException> check) {
        try {
            // TLS failures and names that do not resolve stay as they are; a server still starting does not.
            return BoundedRetry.retry(context.options().cap(Timeouts.DATA_PLANE_CONNECT), RETRY_PAUSE, RETRY_PAUSE,
                    JedisConnectionException.class,
                    e -> !DataPlaneFailures.isTls(e) && !DataPlaneFailures.isUnknownHost(e), check);
        } catch (JedisConnectionException e) {
            if (DataPlaneFailures.isTls(e)) {
                throw new ProvisionerException("TLS with Redis at " + target + " failed (" + rootMessage(e)
                        + "); if its certificate comes from a private CA, pass --cache-ca-file");
            }
            throw new ProvisionerException(unreachable(context, target, address, rootMessage(e)));
        } catch (JedisException e) {
            throw new ProvisionerException("Redis at " + target + ": " + rootMessage(e));
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    private static String unreachable(StepContext context, HostAndPort target, String address, String reason) {
        String advice = context.options().cacheTunnel().isPresent()
                ? "check that the port-forward to " + address + " is open"
                : "ElastiCache sits in isolated subnets: open a port-forward to it (e.g. an SSM session with"
                        + " AWS-StartPortForwardingSessionToRemoteHost) and pass --cache-tunnel 127.0.0.1:PORT,"
                        + " or pass --skip-data-plane";
        return "cannot connect to Redis at " + target + " (" + reason + "); " + advice
                + ". The AWS resources are deployed as planned.";
    }

    @Override
    public Optional<String> destroyRefusal(StepContext context) {
        return Optional.empty();
    }

    @Override
    public void destroy(StepContext context) {
        // Nothing to undo: the check changes nothing.
    }
}
