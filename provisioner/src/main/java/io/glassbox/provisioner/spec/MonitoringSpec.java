package io.glassbox.provisioner.spec;

/**
 * The Monitoring stack's numbers (spec, "Monitoring Stack"): log retention and the six alarms' thresholds,
 * each evaluated over one period of {@code alarmPeriodSeconds} ("for 5 min").
 *
 * @param api5xxRatePercent      API 5xx responses as a share of all requests, in percent
 * @param apiLatencyP99Seconds   the ALB's p99 target response time
 * @param rdsCpuPercent          RDS CPU utilisation
 * @param rdsConnectionsPercent  RDS connections as a share of the instance class's max_connections
 * @param redisMemoryPercent     Redis memory used as a share of what it may use
 * @param dlqMessages            messages visible in a dead-letter queue (alarm when above)
 */
public record MonitoringSpec(int logRetentionDays, int alarmPeriodSeconds, double api5xxRatePercent,
                             double apiLatencyP99Seconds, double rdsCpuPercent, double rdsConnectionsPercent,
                             double redisMemoryPercent, double dlqMessages) {

    public static MonitoringSpec spec() {
        return new MonitoringSpec(30, 300, 5, 5, 80, 80, 80, 0);
    }
}
