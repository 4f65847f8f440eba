package io.glassbox.provisioner.quotas;

import io.glassbox.provisioner.aws.AccessDenials;
import io.glassbox.provisioner.aws.AwsClients;
import io.glassbox.provisioner.aws.Ec2Tags;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.NatGateway;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerTypeEnum;
import software.amazon.awssdk.services.servicequotas.ServiceQuotasClient;
import software.amazon.awssdk.services.servicequotas.model.NoSuchResourceException;

/**
 * Compares, for each quota a deploy needs more of, the account's value with what exists now plus what the plan
 * creates, before anything is made. Read calls only, and only for the quotas the plan needs (a deploy that creates
 * none of these makes no call here).
 */
public final class QuotaCheck {

    private final AwsClients aws;
    private final Consumer<String> notices;

    /** @param notices told of each quota that could not be read, hence was not checked */
    public QuotaCheck(AwsClients aws, Consumer<String> notices) {
        this.aws = aws;
        this.notices = notices;
    }

    /** The quotas that cannot hold {@code needs}; empty when every one can. */
    public List<Shortfall> shortfalls(List<QuotaNeed> needs) {
        List<Shortfall> shortfalls = new ArrayList<>();
        Map<Quota, Optional<Double>> values = new HashMap<>();
        Map<String, Integer> natGatewaysByZone = null;
        for (QuotaNeed need : needs) {
            Optional<Double> known = values.computeIfAbsent(need.quota(), this::value);
            if (known.isEmpty()) {
                continue;
            }
            double value = known.get();
            int used;
            if (need.quota() == Quota.NAT_GATEWAYS_PER_ZONE) {
                if (natGatewaysByZone == null) {
                    natGatewaysByZone = natGatewaysByZone();
                }
                used = natGatewaysByZone.getOrDefault(need.scope(), 0);
            } else {
                used = usage(need.quota());
            }
            if (used + need.needed() > value) {
                shortfalls.add(new Shortfall(need, value, used));
            }
        }
        return List.copyOf(shortfalls);
    }

    /**
     * The account's value: GetServiceQuota answers the applied value, and for a quota it has none of answers
     * NoSuchResourceException ("If the applied quota value is not available for a quota, the quota is not retrieved",
     * Service Quotas API Reference, GetServiceQuota); then AWS's default, from GetAWSDefaultServiceQuota or, when
     * that too has none, the documented default. A role that may not read quotas leaves the quota unchecked, with a
     * notice: guessing AWS's default could refuse an account whose quota was raised.
     */
    private Optional<Double> value(Quota quota) {
        ServiceQuotasClient quotas = aws.serviceQuotas();
        try {
            try {
                return Optional.of(quotas.getServiceQuota(r -> r.serviceCode(quota.serviceCode())
                        .quotaCode(quota.quotaCode())).quota().value());
            } catch (NoSuchResourceException notApplied) {
                try {
                    return Optional.of(quotas.getAWSDefaultServiceQuota(r -> r.serviceCode(quota.serviceCode())
                            .quotaCode(quota.quotaCode())).quota().value());
                } catch (NoSuchResourceException noDefault) {
                    return Optional.of(quota.awsDefault());
                }
            }
        } catch (AwsServiceException e) {
            if (!AccessDenials.isDenied(e)) {
                throw e;
            }
            notices.accept("quota not checked: " + quota.displayName() + " (" + quota.quotaCode() + "), "
                    + AccessDenials.describe(e).orElseThrow());
            return Optional.empty();
        }
    }

    /** How many of the quota's resources the region holds now, every owner's (quotas are the account's). */
    private int usage(Quota quota) {
        Ec2Client ec2 = aws.ec2();
        return switch (quota) {
            case VPCS -> (int) ec2.describeVpcsPaginator(r -> { }).vpcs().stream().count();
            case INTERNET_GATEWAYS -> (int) ec2.describeInternetGatewaysPaginator(r -> { }).internetGateways()
                    .stream().count();
            case SECURITY_GROUPS -> (int) ec2.describeSecurityGroupsPaginator(r -> { }).securityGroups().stream()
                    .count();
            // DescribeAddresses is not paginated: one answer holds every address (EC2 API Reference).
            case ELASTIC_IPS -> ec2.describeAddresses(r -> r.filters(Ec2Tags.filter("domain", "vpc"))).addresses()
                    .size();
            case APPLICATION_LOAD_BALANCERS -> (int) aws.elbv2().describeLoadBalancersPaginator(r -> { })
                    .loadBalancers().stream().filter(lb -> lb.type() == LoadBalancerTypeEnum.APPLICATION).count();
            case NAT_GATEWAYS_PER_ZONE -> throw new IllegalArgumentException("counted per zone");
        };
    }

    /** NAT gateways that count (pending and available ones), by their subnet's zone. */
    private Map<String, Integer> natGatewaysByZone() {
        Ec2Client ec2 = aws.ec2();
        List<String> subnetIds = ec2.describeNatGatewaysPaginator(r -> r.filter(Ec2Tags.filter("state", "pending",
                "available"))).natGateways().stream().map(NatGateway::subnetId).toList();
        Map<String, Integer> byZone = new HashMap<>();
        if (subnetIds.isEmpty()) {
            return byZone;
        }
        Map<String, String> zoneOfSubnet = new HashMap<>();
        ec2.describeSubnetsPaginator(r -> r.subnetIds(subnetIds.stream().distinct().toList())).subnets()
                .forEach((Subnet s) -> zoneOfSubnet.put(s.subnetId(), s.availabilityZone()));
        for (String subnet : subnetIds) {
            byZone.merge(zoneOfSubnet.getOrDefault(subnet, "?"), 1, Integer::sum);
        }
        return byZone;
    }
}
