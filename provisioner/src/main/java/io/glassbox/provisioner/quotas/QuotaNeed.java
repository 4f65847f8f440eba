package io.glassbox.provisioner.quotas;

/**
 * How many more of a quota's resources a deploy creates in one scope: the region, or an availability zone for a
 * per-zone quota.
 *
 * @param scope  the region ({@code us-east-1}) or the zone ({@code us-east-1a})
 * @param needed how many the plan creates there
 */
public record QuotaNeed(Quota quota, String scope, int needed) {
}
