package io.glassbox.provisioner.cost;

import io.glassbox.provisioner.spec.CacheSpec;
import io.glassbox.provisioner.spec.DatabaseSpec;
import io.glassbox.provisioner.spec.EnvironmentSpec;
import io.glassbox.provisioner.spec.ServiceKind;
import io.glassbox.provisioner.spec.ServiceSize;
import io.glassbox.provisioner.stacks.monitoring.Alarms;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A monthly estimate for an environment, in the shape of the spec's "Cost Estimate" table: one row per
 * service, from the desired state (no AWS call) and {@link PriceTable}, with the usage it assumes stated in
 * each row. The spec's table has no load balancer and no secrets; both exist, so both are rows here.
 */
public final class CostEstimate {

    /** Usage the spec does not fix: what the estimate assumes per month. */
    static final double S3_GB = 10;
    static final double SQS_MILLION_REQUESTS = 2;
    static final double NAT_GB = 20;
    static final double LOG_GB = 5;
    static final double ALB_LCU = 1;
    static final double FLOW_LOG_GB = 5;
    static final double ACCESS_LOG_GB = 5;
    /** The size of one cache snapshot the estimate assumes (a node's data). */
    static final double CACHE_SNAPSHOT_GB = 1;

    /** One row: what, its monthly cost (empty when the table has no price), and how it was reckoned. */
    public record Row(String service, Optional<Double> monthlyUsd, String basis) {
    }

    private final EnvironmentSpec spec;

    public CostEstimate(EnvironmentSpec spec) {
        this.spec = spec;
    }

    public List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        rows.add(fargate());
        rows.add(database());
        rows.add(cache());
        int nat = spec.network().natGatewayCount();
        rows.add(new Row("NAT Gateway" + (nat > 1 ? " x" + nat : ""), Optional.of(nat * PriceTable.NAT_GATEWAY_HOUR
                * PriceTable.HOURS_PER_MONTH + NAT_GB * PriceTable.NAT_GB_PROCESSED),
                nat + " x $" + PriceTable.NAT_GATEWAY_HOUR + "/h + " + (int) NAT_GB + " GB processed"));
        rows.add(new Row("Application Load Balancer", Optional.of((PriceTable.ALB_HOUR + ALB_LCU
                * PriceTable.ALB_LCU_HOUR) * PriceTable.HOURS_PER_MONTH), "$" + PriceTable.ALB_HOUR + "/h + "
                + (int) ALB_LCU + " LCU"));
        rows.add(new Row("S3 (" + (int) S3_GB + " GB)", Optional.of(S3_GB * PriceTable.S3_STANDARD_GB_MONTH),
                "Standard storage"));
        rows.add(new Row("SQS", Optional.of(Math.max(0, SQS_MILLION_REQUESTS - 1) * PriceTable.SQS_MILLION_REQUESTS),
                (int) SQS_MILLION_REQUESTS + "M requests, first 1M free"));
        rows.add(cloudWatch());
        rows.add(new Row("Secrets Manager (2 secrets)", Optional.of(2 * PriceTable.SECRET_MONTH), "$"
                + PriceTable.SECRET_MONTH + " per secret"));
        rows.addAll(securityBaseline());
        return rows;
    }

    /** The sum of the rows with a price. */
    public double total() {
        return rows().stream().flatMap(r -> r.monthlyUsd().stream()).mapToDouble(Double::doubleValue).sum();
    }

    /** What the security baseline (issue 14) adds: the KMS key, flow logs, the logs bucket, cache backups. */
    private List<Row> securityBaseline() {
        List<Row> rows = new ArrayList<>();
        rows.add(new Row("KMS key (alarm topic)", Optional.of(PriceTable.KMS_KEY_MONTH), "$" + PriceTable.KMS_KEY_MONTH
                + " per customer managed key"));
        rows.add(new Row("VPC flow logs (" + (int) FLOW_LOG_GB + " GB)", Optional.of(FLOW_LOG_GB
                * PriceTable.VENDED_LOGS_INGESTED_GB), "vended logs to CloudWatch Logs"));
        rows.add(new Row("S3 logs bucket (" + (int) ACCESS_LOG_GB + " GB)", Optional.of(ACCESS_LOG_GB
                * PriceTable.S3_STANDARD_GB_MONTH), "access logs, expired after " + spec.storage().logExpirationDays()
                + " days"));
        int snapshots = spec.cache().snapshotRetentionDays();
        if (snapshots > 0) {
            rows.add(new Row("ElastiCache backups (" + snapshots + " daily)", Optional.of((snapshots - 1)
                    * CACHE_SNAPSHOT_GB * PriceTable.CACHE_BACKUP_GB_MONTH), (int) CACHE_SNAPSHOT_GB
                    + " GB each, the first free"));
        }
        return rows;
    }

    private Row fargate() {
        double vcpu = 0;
        double gb = 0;
        for (ServiceKind service : ServiceKind.values()) {
            ServiceSize size = service.size(spec.compute());
            vcpu += size.desiredCount() * size.cpu() / 1024.0;
            gb += size.desiredCount() * size.memoryMb() / 1024.0;
        }
        double cost = (vcpu * PriceTable.FARGATE_VCPU_HOUR + gb * PriceTable.FARGATE_GB_HOUR) * PriceTable.HOURS_PER_MONTH;
        return new Row("ECS Fargate (3 services)", Optional.of(cost),
                String.format(Locale.ROOT, "%.2f vCPU, %.1f GB at the desired counts", vcpu, gb));
    }

    private Row database() {
        DatabaseSpec db = spec.database();
        int copies = db.multiAz() ? 2 : 1;
        String name = "RDS " + db.instanceClass().replaceFirst("^db\\.", "") + (db.multiAz() ? " Multi-AZ" : "");
        return new Row(name, PriceTable.rdsInstanceHour(db.instanceClass()).map(hour -> copies * (hour
                * PriceTable.HOURS_PER_MONTH + db.allocatedStorageGb() * PriceTable.RDS_STORAGE_GB_MONTH)),
                db.allocatedStorageGb() + " GB gp2" + (db.multiAz() ? ", both zones" : ""));
    }

    private Row cache() {
        CacheSpec cache = spec.cache();
        String name = "ElastiCache " + cache.nodeType().replaceFirst("^cache\\.", "")
                + (cache.nodeCount() > 1 ? " x" + cache.nodeCount() : "");
        return new Row(name, PriceTable.cacheNodeHour(cache.nodeType()).map(hour -> cache.nodeCount() * hour
                * PriceTable.HOURS_PER_MONTH), cache.nodeCount() + " node(s)");
    }

    private Row cloudWatch() {
        int alarms = Alarms.all(spec).size();
        int metrics = alarms + 2 /* 5xx rate: three metrics, not one */
                + (spec.cache().nodeCount() > 1 ? spec.cache().nodeCount() - 1 : 0);
        double cost = PriceTable.CLOUDWATCH_DASHBOARD_MONTH + metrics * PriceTable.CLOUDWATCH_ALARM_METRIC_MONTH
                + LOG_GB * PriceTable.CLOUDWATCH_LOGS_INGESTED_GB;
        return new Row("CloudWatch", Optional.of(cost), "1 dashboard, " + alarms + " alarms, "
                + (int) LOG_GB + " GB logs");
    }
}
