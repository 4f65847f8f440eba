package io.glassbox.provisioner.spec;

import static io.glassbox.provisioner.spec.SecurityGroupRule.allTraffic;
import static io.glassbox.provisioner.spec.SecurityGroupRule.tcpFromCidr;
import static io.glassbox.provisioner.spec.SecurityGroupRule.tcpFromGroup;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Builds each environment's desired state from the spec's Staging/Production tables
 * ({@code shared/spec/glassbox-infrastructure.md}), then applies an account's {@link ConfigFile} overrides.
 */
public final class EnvironmentSpecs {

    /** The spec's VPC CIDR (Network stack, VPC Configuration). */
    public static final String VPC_CIDR = "10.0.0.0/16";
    /** The spec's frontend origin (Storage CORS, Hosted UI callback URLs). */
    public static final String DEFAULT_APP_ORIGIN = "https://app.glassbox.io";
    /**
     * Every maintenance window: Sunday 05:00-06:00 UTC, after the nightly backups (03:00-04:00). Set explicitly: left
     * out, RDS and ElastiCache pick a random one in the region's 8-hour block (03:00-11:00 UTC in us-east-1), which
     * may overlap the backup window, and then the create fails (RDS User Guide, "The Amazon RDS maintenance window";
     * ElastiCache User Guide, "Managing maintenance": "The snapshot window and maintenance window must not overlap").
     */
    public static final String MAINTENANCE_WINDOW = "sun:05:00-sun:06:00";
    /** The nightly backup and snapshot window, UTC: quiet hours, before the maintenance window. */
    public static final String BACKUP_WINDOW = "03:00-04:00";
    /** Fourteen days, the DLQ retention of the spec (and SQS's maximum). */
    public static final int FOURTEEN_DAYS_SECONDS = 14 * 24 * 60 * 60;

    private EnvironmentSpecs() {
    }

    /** The spec's values for an environment, with no overrides. */
    public static EnvironmentSpec forEnvironment(Environment environment) {
        return forEnvironment(environment, ConfigFile.empty());
    }

    /** The spec's values for an environment, with the config file's overrides applied. */
    public static EnvironmentSpec forEnvironment(Environment environment, ConfigFile config) {
        boolean production = environment == Environment.PRODUCTION;
        String appOrigin = or(config.appOrigin(), DEFAULT_APP_ORIGIN);
        String domain = or(config.domain(), production ? "api.glassbox.io" : "api." + environment.id() + ".glassbox.io");
        return new EnvironmentSpec(
                environment,
                Optional.ofNullable(config.accountId()),
                appOrigin,
                domain,
                Optional.ofNullable(config.certificateArn()),
                Optional.ofNullable(config.alarmEmail()),
                network(production ? 3 : 2, production ? 3 : 1),
                database(production, config.database()),
                cache(production, config.cache()),
                storage(environment, appOrigin),
                messaging(),
                AuthSpec.forOrigin(appOrigin, production, config.auth() != null && config.auth().domainPrefix() != null
                        ? config.auth().domainPrefix() : "glassbox-" + environment.id()),
                compute(production, config),
                MonitoringSpec.spec(),
                DataPlaneSpec.of(config.dataPlane()));
    }

    static NetworkSpec network(int zoneCount, int natGateways) {
        List<AvailabilityZone> zones = IntStream.range(0, zoneCount).mapToObj(AvailabilityZone::new).toList();
        List<SecurityGroupSpec> groups = List.of(
                // ALB SG: 80, 443 from 0.0.0.0/0; all outbound to the VPC only.
                new SecurityGroupSpec(SecurityGroupRole.ALB,
                        Set.of(tcpFromCidr(80, "0.0.0.0/0"), tcpFromCidr(443, "0.0.0.0/0")),
                        Set.of(allTraffic(VPC_CIDR))),
                // ECS SG: 8080 from the ALB SG; all outbound.
                new SecurityGroupSpec(SecurityGroupRole.ECS,
                        Set.of(tcpFromGroup(8080, SecurityGroupRole.ALB)),
                        Set.of(allTraffic("0.0.0.0/0"))),
                // RDS and Redis SGs: one port from the ECS SG; no outbound rule at all.
                new SecurityGroupSpec(SecurityGroupRole.RDS,
                        Set.of(tcpFromGroup(5432, SecurityGroupRole.ECS)), Set.of()),
                new SecurityGroupSpec(SecurityGroupRole.REDIS,
                        Set.of(tcpFromGroup(6379, SecurityGroupRole.ECS)), Set.of()));
        return new NetworkSpec(VPC_CIDR, zones, natGateways, SubnetLayout.forZones(VPC_CIDR, zoneCount), groups);
    }

    static DatabaseSpec database(boolean production, ConfigFile.Database overrides) {
        ConfigFile.Database o = overrides == null ? new ConfigFile.Database(null, null, null, null) : overrides;
        String instanceClass = or(o.instanceClass(), production ? "db.r6g.large" : "db.t3.medium");
        return new DatabaseSpec(
                instanceClass,
                production,
                or(o.allocatedStorageGb(), production ? 100 : 20),
                or(o.maxAllocatedStorageGb(), production ? 500 : 100),
                or(o.backupRetentionDays(), production ? 30 : 7),
                production,
                "16",
                "glassbox",
                "glassbox",
                5432,
                production,
                BACKUP_WINDOW,
                MAINTENANCE_WINDOW,
                RdsMaxConnections.of(instanceClass));
    }

    static CacheSpec cache(boolean production, ConfigFile.Cache overrides) {
        String nodeType = overrides == null ? null : overrides.nodeType();
        return new CacheSpec(
                or(nodeType, production ? "cache.r6g.large" : "cache.t3.micro"),
                production ? 2 : 1,
                production,
                production,
                true,
                production,
                "7",
                6379,
                production ? 7 : 0,
                BACKUP_WINDOW,
                MAINTENANCE_WINDOW);
    }

    static StorageSpec storage(Environment environment, String appOrigin) {
        CorsRule cors = new CorsRule(
                List.of("*"),
                List.of("GET", "PUT", "POST", "DELETE"),
                List.of(appOrigin),
                List.of("ETag"),
                3600);
        return new StorageSpec("glassbox-" + environment.id() + "-files", "AES256", false, true, cors,
                "glassbox-" + environment.id() + "-logs", 90);
    }

    static MessagingSpec messaging() {
        return new MessagingSpec(List.of(
                new QueueSpec(MessagingSpec.AGENT_JOBS, "Agent execution", 600, 3, FOURTEEN_DAYS_SECONDS),
                new QueueSpec(MessagingSpec.FILE_PROCESSING, "File processing", 300, 3, FOURTEEN_DAYS_SECONDS)),
                true);
    }

    static ComputeSpec compute(boolean production, ConfigFile config) {
        ConfigFile.Services services = config.services() == null
                ? new ConfigFile.Services(null, null, null) : config.services();
        ServiceSize api = production ? new ServiceSize(1024, 2048, 2, 2, 10) : new ServiceSize(512, 1024, 1, 1, 4);
        ServiceSize agent = production ? new ServiceSize(1024, 2048, 2, 2, 2) : new ServiceSize(512, 1024, 1, 1, 1);
        ServiceSize file = production ? new ServiceSize(512, 1024, 1, 1, 1) : new ServiceSize(256, 512, 1, 1, 1);
        return new ComputeSpec(
                override("services.api", api, services.api(), true),
                override("services.agentWorker", agent, services.agentWorker(), false),
                override("services.fileWorker", file, services.fileWorker(), false),
                or(config.imageTag(), "latest"),
                config.imageTag() != null ? ComputeSpec.TagSource.CONFIG : ComputeSpec.TagSource.DEFAULT,
                ScalingSpec.spec(),
                production);
    }

    /**
     * The spec's size with the config's overrides; a CPU or memory override must still make a Fargate size with the
     * spec's other value (the config names the key to change). A {@code scaled} service's desired count must lie in
     * its scaling range (Application Auto Scaling would move it there at once); an unscaled one's range is its count.
     */
    private static ServiceSize override(String key, ServiceSize base, ConfigFile.Service o, boolean scaled) {
        if (o == null) {
            return base;
        }
        int desired = or(o.desiredCount(), base.desiredCount());
        ServiceSize size = new ServiceSize(
                or(o.cpu(), base.cpu()),
                or(o.memoryMb(), base.memoryMb()),
                desired,
                scaled ? or(o.minCapacity(), base.minCapacity()) : desired,
                scaled ? or(o.maxCapacity(), base.maxCapacity()) : desired);
        if (scaled && (desired < size.minCapacity() || desired > size.maxCapacity())) {
            throw new ConfigException("config: " + key + ".desiredCount " + desired + " is outside " + key
                    + ".minCapacity.." + key + ".maxCapacity (" + size.minCapacity() + ".." + size.maxCapacity()
                    + (o.minCapacity() == null && o.maxCapacity() == null ? ", the spec's" : "") + ")");
        }
        FargateSizes.problem(size.cpu(), size.memoryMb()).ifPresent(why -> {
            throw new ConfigException("config: " + key + (o.memoryMb() == null ? ".cpu" : ".memoryMb") + ": " + why
                    + (o.memoryMb() == null ? " (the spec's memoryMb for this service; set " + key + ".memoryMb too)"
                    : o.cpu() == null ? " (the spec's cpu for this service; set " + key + ".cpu too)" : ""));
        });
        return size;
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }
}
