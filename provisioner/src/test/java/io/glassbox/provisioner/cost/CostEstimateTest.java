package io.glassbox.provisioner.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.glassbox.provisioner.spec.ConfigFile;
import io.glassbox.provisioner.spec.Environment;
import io.glassbox.provisioner.spec.EnvironmentSpecs;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The estimate follows the spec's sizes and the price table, row by row, in the spec's cost-table shape. */
class CostEstimateTest {

    private static Map<String, Double> rows(CostEstimate estimate) {
        return estimate.rows().stream().filter(r -> r.monthlyUsd().isPresent())
                .collect(Collectors.toMap(CostEstimate.Row::service, r -> r.monthlyUsd().get()));
    }

    @Test
    void stagingMatchesTheSpecsRowsWhereTheyAgree() {
        Map<String, Double> rows = rows(new CostEstimate(EnvironmentSpecs.forEnvironment(Environment.STAGING)));
        // 1.25 vCPU and 2.5 GB (api 0.5/1, agent 0.5/1, file 0.25/0.5) for 730 h.
        assertThat(rows.get("ECS Fargate (3 services)")).isCloseTo((1.25 * 0.04048 + 2.5 * 0.004445) * 730, within(0.01));
        assertThat(rows.get("ElastiCache t3.micro")).isCloseTo(0.017 * 730, within(0.01));
        assertThat(rows.get("NAT Gateway")).isCloseTo(0.045 * 730 + 20 * 0.045, within(0.01));
        assertThat(rows.get("RDS t3.medium")).isCloseTo(0.072 * 730 + 20 * 0.115, within(0.01));
        assertThat(rows.keySet()).contains("S3 (10 GB)", "SQS", "CloudWatch", "Application Load Balancer");
    }

    @Test
    void productionPaysForMultiAzThreeNatGatewaysAndTwoCacheNodes() {
        CostEstimate production = new CostEstimate(EnvironmentSpecs.forEnvironment(Environment.PRODUCTION));
        Map<String, Double> rows = rows(production);
        assertThat(rows.get("RDS r6g.large Multi-AZ")).isCloseTo(2 * (0.225 * 730 + 100 * 0.115), within(0.01));
        assertThat(rows.get("ElastiCache r6g.large x2")).isCloseTo(2 * 0.206 * 730, within(0.01));
        assertThat(rows.get("NAT Gateway x3")).isCloseTo(3 * 0.045 * 730 + 20 * 0.045, within(0.01));
        assertThat(production.total()).isGreaterThan(new CostEstimate(
                EnvironmentSpecs.forEnvironment(Environment.STAGING)).total() * 4);
    }

    @Test
    void theSecurityBaselinesResourcesAreCostedAndCacheBackupsOnlyWhereKept() {
        Map<String, Double> staging = rows(new CostEstimate(EnvironmentSpecs.forEnvironment(Environment.STAGING)));
        assertThat(staging.get("KMS key (alarm topic)")).isEqualTo(1.00);
        assertThat(staging.get("VPC flow logs (5 GB)")).isCloseTo(5 * 0.50, within(0.001));
        assertThat(staging.get("S3 logs bucket (5 GB)")).isCloseTo(5 * 0.023, within(0.001));
        assertThat(staging.keySet()).noneMatch(row -> row.startsWith("ElastiCache backups"));
        Map<String, Double> production = rows(new CostEstimate(EnvironmentSpecs.forEnvironment(Environment.PRODUCTION)));
        // Seven daily snapshots of about 1 GB, the first free.
        assertThat(production.get("ElastiCache backups (7 daily)")).isCloseTo(6 * 0.085, within(0.001));
    }

    @Test
    void anInstanceClassWithoutAPriceIsShownAndLeftOutOfTheTotal() {
        ConfigFile config = new ConfigFile(null, null, null, null, null, null,
                new ConfigFile.Database("db.x2g.large", null, null, null), null, null, null, null);
        CostEstimate estimate = new CostEstimate(EnvironmentSpecs.forEnvironment(Environment.STAGING, config));
        assertThat(estimate.rows()).anySatisfy(r -> {
            assertThat(r.service()).isEqualTo("RDS x2g.large");
            assertThat(r.monthlyUsd()).isEmpty();
        });
        assertThat(estimate.total()).isEqualTo(rows(estimate).values().stream().mapToDouble(Double::doubleValue).sum());
    }
}
