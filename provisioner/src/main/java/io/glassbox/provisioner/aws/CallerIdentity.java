package io.glassbox.provisioner.aws;

import java.util.Objects;

/**
 * Who a run acts as and where: the account and caller ARN STS reports for the run's credentials
 * (GetCallerIdentity, which needs no permission: STS API Reference), and the run's region.
 *
 * @param account the 12-digit account id the credentials belong to
 * @param arn     the caller: an IAM user, or {@code arn:aws:sts::…:assumed-role/ROLE/SESSION} for SSO, OIDC and
 *                assume-role credentials
 * @param region  the region every call of the run goes to
 */
public record CallerIdentity(String account, String arn, String region) {

    public CallerIdentity {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(arn, "arn");
        Objects.requireNonNull(region, "region");
    }

    /** {@code account 123456789012 as arn:aws:sts::…, region us-east-1}: the line every command starts with. */
    public String describe() {
        return "account " + account + " as " + arn + ", region " + region;
    }
}
