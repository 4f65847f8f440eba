package io.glassbox.provisioner.cost;

import java.util.Map;
import java.util.Optional;

/**
 * On-demand list prices for us-east-1, in USD, as this version records them. Sources: the AWS pricing pages
 * for Fargate (aws.amazon.com/fargate/pricing), RDS for PostgreSQL (aws.amazon.com/rds/postgresql/pricing),
 * ElastiCache (aws.amazon.com/elasticache/pricing), VPC NAT gateways (aws.amazon.com/vpc/pricing), Elastic
 * Load Balancing (aws.amazon.com/elasticloadbalancing/pricing), S3, SQS, CloudWatch (vended logs for VPC flow
 * logs: aws.amazon.com/cloudwatch/pricing), Secrets Manager and KMS (aws.amazon.com/kms/pricing); recorded
 * {@value #AS_OF}. Prices change: the estimate is for budgeting, not billing.
 */
public final class PriceTable {

    /** When these prices were recorded. */
    public static final String AS_OF = "2025 on-demand list prices for us-east-1 (check the sources before budgeting)";
    /** Hours in the average month (AWS pricing pages use 730). */
    public static final double HOURS_PER_MONTH = 730;

    static final double FARGATE_VCPU_HOUR = 0.04048;
    static final double FARGATE_GB_HOUR = 0.004445;
    /** RDS for PostgreSQL, single-AZ instance hour; Multi-AZ is twice this. */
    private static final Map<String, Double> RDS_INSTANCE_HOUR = Map.of(
            "db.t3.micro", 0.018, "db.t3.small", 0.036, "db.t3.medium", 0.072, "db.t3.large", 0.145,
            "db.t4g.medium", 0.065, "db.t4g.large", 0.129,
            "db.r6g.large", 0.225, "db.r6g.xlarge", 0.449, "db.m6g.large", 0.159);
    /** General Purpose (gp2) storage, GB-month, single-AZ; Multi-AZ is twice this. */
    static final double RDS_STORAGE_GB_MONTH = 0.115;
    private static final Map<String, Double> CACHE_NODE_HOUR = Map.of(
            "cache.t3.micro", 0.017, "cache.t3.small", 0.034, "cache.t3.medium", 0.068,
            "cache.t4g.micro", 0.016, "cache.r6g.large", 0.206, "cache.r6g.xlarge", 0.411,
            "cache.m6g.large", 0.149);
    static final double NAT_GATEWAY_HOUR = 0.045;
    static final double NAT_GB_PROCESSED = 0.045;
    static final double ALB_HOUR = 0.0225;
    static final double ALB_LCU_HOUR = 0.008;
    static final double S3_STANDARD_GB_MONTH = 0.023;
    /** Standard queue requests beyond the free tier's first million, per million. */
    static final double SQS_MILLION_REQUESTS = 0.40;
    static final double CLOUDWATCH_DASHBOARD_MONTH = 3.00;
    /** Per metric an alarm evaluates (a metric-math alarm pays for each of its metrics). */
    static final double CLOUDWATCH_ALARM_METRIC_MONTH = 0.10;
    static final double CLOUDWATCH_LOGS_INGESTED_GB = 0.50;
    static final double SECRET_MONTH = 0.40;
    /** A customer managed KMS key, per month (rotated key material included); requests beyond 20,000 a month extra. */
    static final double KMS_KEY_MONTH = 1.00;
    /** Vended logs (VPC flow logs) delivered to CloudWatch Logs, per GB, first 10 TB. */
    static final double VENDED_LOGS_INGESTED_GB = 0.50;
    /** ElastiCache backup storage beyond the one free snapshot per cluster, GB-month. */
    static final double CACHE_BACKUP_GB_MONTH = 0.085;

    private PriceTable() {
    }

    static Optional<Double> rdsInstanceHour(String instanceClass) {
        return Optional.ofNullable(RDS_INSTANCE_HOUR.get(instanceClass));
    }

    static Optional<Double> cacheNodeHour(String nodeType) {
        return Optional.ofNullable(CACHE_NODE_HOUR.get(nodeType));
    }
}
