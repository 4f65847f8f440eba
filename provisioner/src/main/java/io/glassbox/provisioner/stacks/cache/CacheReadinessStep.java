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
import software.amazon.awssdk.services.elasticache.ElastiCacheClient;
import software.amazon.awssdk.services.elasticache.model.CacheCluster;
import software.amazon.awssdk.services.elasticache.model.CacheClusterNotFoundException;
import software.amazon.awssdk.services.elasticache.model.ReplicationGroup;

/**
 * The Redis readiness check (DESIGN.md, "Data plane"). ElastiCache sits in isolated subnets, so by default it is
 * checked from the control plane: the replication group is {@code available} with a primary endpoint, encrypted in
 * transit as the spec says, and its nodes run version 7.x. With {@code --cache-tunnel} it is checked over the wire
 * instead: PING answers PONG, the server reports 7.x, and the connection uses TLS when in-transit encryption is on
 * (the certificate is still checked against the real endpoint name, sent as SNI).
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
        String how = context.options().cacheTunnel().map(t -> "through --cache-tunnel " + t)
                .orElse("from the control plane");
        List<Change> changes = exists ? List.of()
                : List.of(Change.create("check " + resourceName(context) + " once the cache is available, " + how));
        return StepPlan.task(id(), stack(), resourceType(), resourceName(context),
                exists ? Optional.of("checked at deploy, " + how) : Optional.empty(), changes);
    }

    /** A data-plane check: it changes nothing, so false. */
    @Override
    public boolean apply(StepContext context) {
        if (context.options().cacheTunnel().isEmpty()) {
            checkFromControlPlane(context);
            return false;
        }
        checkOverTheWire(context);
        return false;
    }

    /** What ElastiCache reports of the group and its nodes (DescribeReplicationGroups, DescribeCacheClusters). */
    private static void checkFromControlPlane(StepContext context) {
        CacheSpec cache = context.spec().cache();
        String id = context.outputs().require(ReplicationGroupStep.OUTPUT_ID);
        ElastiCacheClient elastiCache = context.aws().elastiCache();
        ReplicationGroup group = elastiCache.describeReplicationGroups(r -> r.replicationGroupId(id))
                .replicationGroups().get(0);
        String redis = "Redis " + id;
        if (!"available".equals(group.status())) {
            throw new ProvisionerException(redis + " is " + group.status() + ", not available");
        }
        boolean primary = group.nodeGroups().stream().anyMatch(g -> g.primaryEndpoint() != null);
        if (!primary) {
            throw new ProvisionerException(redis + " has no primary endpoint");
        }
        if (cache.transitEncryption() && !Boolean.TRUE.equals(group.transitEncryptionEnabled())) {
            throw new ProvisionerException(redis + " is not encrypted in transit; the spec wants TLS");
        }
        for (String member : group.memberClusters()) {
            for (CacheCluster node : nodes(elastiCache, member)) {
                if (!node.engineVersion().startsWith(cache.engineMajorVersion() + ".")) {
                    throw new ProvisionerException(redis + " node " + member + " runs version " + node.engineVersion()
                            + "; the spec wants " + cache.engineMajorVersion() + ".x");
                }
            }
        }
    }

    /** A member node; none while ElastiCache still lists one it has not made (or, on the emulator, never makes). */
    private static List<CacheCluster> nodes(ElastiCacheClient elastiCache, String member) {
        try {
            return elastiCache.describeCacheClusters(r -> r.cacheClusterId(member)).cacheClusters();
        } catch (CacheClusterNotFoundException e) {
            return List.of();
        }
    }

    private static void checkOverTheWire(StepContext context) {
        CacheSpec cache = context.spec().cache();
        String address = context.outputs().require(ReplicationGroupStep.OUTPUT_ADDRESS);
        HostAndPort target = context.options().cacheTunnel().orElseThrow();
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
            throw new ProvisionerException(unreachable(target, address, rootMessage(e)));
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

    private static String unreachable(HostAndPort target, String address, String reason) {
        String advice = "check that the port-forward to " + address + " is open";
        return "cannot connect to Redis at " + target + " (" + reason + "); " + advice
                + ". The AWS resources are deployed as planned.";
    }

    @Override
    public Optional<String> destroyRefusal(StepContext context) {
        return Optional.empty();
    }

    @Override
    public boolean destroy(StepContext context) {
        // Nothing to undo: the check changes nothing.
        return false;
    }
}
