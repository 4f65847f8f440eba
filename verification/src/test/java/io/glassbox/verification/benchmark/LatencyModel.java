package io.glassbox.verification.benchmark;

import io.glassbox.provisioner.engine.Step;
import io.glassbox.provisioner.spec.EnvironmentSpec;
import java.time.Duration;

/**
 * How long AWS keeps each slow resource in its creating state, from real deploys (issue 6): NAT gateway about
 * 2 min, ALB about 2 min, RDS single-AZ about 3.5 min and Multi-AZ 15-20 min, ElastiCache one node about 9 min
 * and two nodes Multi-AZ 10-17 min, an ECS service 1-1.5 min to steady state. Ranges are taken at their middle.
 * Every duration is scaled by {@code secondsPerMinute} (default 1: a minute of AWS is a second here); every
 * other resource counts as immediate.
 *
 * @param secondsPerMinute how many seconds of the benchmark stand for one minute of AWS
 */
public record LatencyModel(double secondsPerMinute) {

    static final double NAT_GATEWAY_MINUTES = 2;
    static final double LOAD_BALANCER_MINUTES = 2;
    static final double RDS_SINGLE_AZ_MINUTES = 3.5;
    static final double RDS_MULTI_AZ_MINUTES = 17.5;
    static final double CACHE_ONE_NODE_MINUTES = 9;
    static final double CACHE_MULTI_AZ_MINUTES = 13.5;
    static final double ECS_SERVICE_MINUTES = 1.25;

    public LatencyModel {
        if (!(secondsPerMinute > 0)) {
            throw new IllegalArgumentException("secondsPerMinute must be positive");
        }
    }

    /** A minute of AWS as a second. */
    public static LatencyModel oneSecondPerMinute() {
        return new LatencyModel(1);
    }

    public Duration natGateway() {
        return scaled(NAT_GATEWAY_MINUTES);
    }

    public Duration loadBalancer() {
        return scaled(LOAD_BALANCER_MINUTES);
    }

    public Duration database(boolean multiAz) {
        return scaled(multiAz ? RDS_MULTI_AZ_MINUTES : RDS_SINGLE_AZ_MINUTES);
    }

    public Duration cache(boolean multiAz) {
        return scaled(multiAz ? CACHE_MULTI_AZ_MINUTES : CACHE_ONE_NODE_MINUTES);
    }

    public Duration ecsService() {
        return scaled(ECS_SERVICE_MINUTES);
    }

    /**
     * How long creating {@code step}'s resource takes in this model: what the critical path is computed from.
     * The mapping goes by resource type, the same names the plan prints.
     */
    public Duration creationTime(Step step, EnvironmentSpec spec) {
        return switch (step.resourceType()) {
            case "NAT gateway" -> natGateway();
            case "load balancer" -> loadBalancer();
            case "RDS instance" -> database(spec.database().multiAz());
            case "ElastiCache replication group" -> cache(spec.cache().multiAz());
            case "ECS service" -> ecsService();
            default -> Duration.ZERO;
        };
    }

    /** The model's poll interval: the provisioner's 5 s, scaled like every AWS duration. */
    public Duration pollInterval() {
        return scaled(5.0 / 60);
    }

    private Duration scaled(double minutes) {
        return Duration.ofNanos(Math.round(minutes * secondsPerMinute * 1_000_000_000L));
    }
}
