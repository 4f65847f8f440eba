package io.glassbox.provisioner.quotas;

/**
 * A quota that cannot hold what the deploy creates: {@code used + needed > value}.
 *
 * @param value the account's value (its own, else AWS's default)
 * @param used  how many exist now in the scope
 */
public record Shortfall(QuotaNeed need, double value, int used) {

    /** The line an operator acts on: the quota, its value, what is used and needed, and the code to request by. */
    public String describe() {
        Quota quota = need.quota();
        long limit = (long) Math.floor(value);
        long missing = used + need.needed() - limit;
        return quota.displayName() + " in " + need.scope() + ": quota " + limit + ", " + used + " used, "
                + need.needed() + " needed by this deploy; request " + missing + " more (Service Quotas, service "
                + quota.serviceCode() + ", quota code " + quota.quotaCode() + ")";
    }
}
