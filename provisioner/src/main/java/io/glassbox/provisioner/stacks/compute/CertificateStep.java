package io.glassbox.provisioner.stacks.compute;

import io.glassbox.provisioner.aws.IdempotencyTokens;
import io.glassbox.provisioner.aws.Timeouts;
import io.glassbox.provisioner.engine.TransientRefusal;
import io.glassbox.provisioner.aws.ResourceTags;
import io.glassbox.provisioner.engine.Change;
import io.glassbox.provisioner.engine.ProvisionerException;
import io.glassbox.provisioner.engine.ResourceStep;
import io.glassbox.provisioner.engine.StepContext;
import io.glassbox.provisioner.spec.StackName;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.acm.AcmClient;
import software.amazon.awssdk.services.acm.model.CertificateDetail;
import software.amazon.awssdk.services.acm.model.CertificateStatus;
import software.amazon.awssdk.services.acm.model.CertificateSummary;
import software.amazon.awssdk.services.acm.model.DomainValidation;
import software.amazon.awssdk.services.acm.model.ResourceNotFoundException;
import software.amazon.awssdk.services.acm.model.Tag;
import software.amazon.awssdk.services.acm.model.ValidationMethod;

/**
 * The HTTPS listener's ACM certificate. With {@code certificateArn} configured, that certificate is used as
 * it is: read, never changed or deleted (it is the operator's). Otherwise one is requested for the
 * environment's domain with DNS validation, and the CNAME record ACM needs is published as an output for the
 * operator to create; the HTTPS listener waits for the certificate to be issued.
 */
public final class CertificateStep extends ResourceStep<CertificateDetail> {

    public static final String ID = "compute.certificate";
    public static final String OUTPUT_ARN = ID + ".arn";
    /** {@code CNAME _x.api.glassbox.io. → _y.acm-validations.aws.}: the record DNS validation needs. */
    public static final String OUTPUT_VALIDATION_RECORD = ID + ".dns-validation-record";

    /**
     * ACM refuses to delete a certificate a listener uses, and for a while after the listener or load balancer is
     * deleted (ACM API Reference, DeleteCertificate: ResourceInUseException).
     */
    private static final TransientRefusal DETACHED_JUST_NOW = TransientRefusal.of(
            "the certificate's listener to let go of it", Timeouts.LINGERING_DEPENDENCIES, "ResourceInUseException");

    public CertificateStep() {
        super(ID, StackName.COMPUTE);
    }

    @Override
    public String resourceType() {
        return "ACM certificate";
    }

    @Override
    public String resourceName(StepContext context) {
        return context.spec().certificateArn().orElse(context.spec().domain());
    }

    private static boolean configured(StepContext context) {
        return context.spec().certificateArn().isPresent();
    }

    @Override
    protected Optional<CertificateDetail> find(StepContext context) {
        AcmClient acm = context.aws().acm();
        if (configured(context)) {
            return describe(acm, context.spec().certificateArn().get());
        }
        // A takeover gives the certificate the CDK app's HTTPS listener uses (passed in as a parameter, say).
        Optional<String> takenOver = context.takeoverOf(id()).flatMap(o -> o.reportedId());
        if (takenOver.isPresent()) {
            return describe(acm, takenOver.get());
        }
        // Ours: tagged with this step in this environment (whatever its domain: one taken over keeps the CDK
        // app's), else, as before the step tag, one of ours for the environment's domain.
        String domain = context.spec().domain();
        Optional<String> byDomain = Optional.empty();
        for (CertificateSummary summary : acm.listCertificatesPaginator(r -> r.certificateStatusesWithStrings(
                "PENDING_VALIDATION", "ISSUED")).certificateSummaryList()) {
            Map<String, String> tags = tags(acm, summary.certificateArn());
            boolean environment = context.spec().environment().id().equals(tags.get(ResourceTags.ENVIRONMENT));
            if (environment && id().value().equals(tags.get(ResourceTags.STEP))) {
                return describe(acm, summary.certificateArn());
            }
            if (byDomain.isEmpty() && domain.equals(summary.domainName()) && ResourceTags.isManaged(tags) && environment) {
                byDomain = Optional.of(summary.certificateArn());
            }
        }
        return byDomain.flatMap(arn -> describe(acm, arn));
    }

    private static Optional<CertificateDetail> describe(AcmClient acm, String arn) {
        try {
            return Optional.of(acm.describeCertificate(r -> r.certificateArn(arn)).certificate());
        } catch (ResourceNotFoundException e) {
            return Optional.empty();
        }
    }

    private static Map<String, String> tags(AcmClient acm, String arn) {
        Map<String, String> tags = new LinkedHashMap<>();
        acm.listTagsForCertificate(r -> r.certificateArn(arn)).tags().forEach(t -> tags.put(t.key(), t.value()));
        return tags;
    }

    @Override
    protected String idOf(CertificateDetail live) {
        return live.certificateArn();
    }

    @Override
    protected Map<String, String> tagsOf(CertificateDetail live) {
        return Map.of(); // read in find, where ours are told from others
    }

    /** A configured certificate is used, not managed; a requested one was found by our tags. */
    @Override
    protected Map<String, String> ownershipTags(StepContext context, CertificateDetail live) {
        return ResourceTags.of(context.spec().environment(), StackName.COMPUTE, id().value());
    }

    /**
     * Nothing is ever changed on a certificate, but one a takeover gives the step gets our tags (claimed), so that
     * later runs find it by them; a configured one is the operator's and stays untouched.
     */
    @Override
    protected List<Change> diff(StepContext context, CertificateDetail live) {
        if (configured(context) || context.takeoverOf(id()).isEmpty()) {
            return List.of();
        }
        Map<String, String> liveTags = tags(context.aws().acm(), live.certificateArn());
        String owner = liveTags.get(ResourceTags.ENVIRONMENT);
        if (ResourceTags.isManaged(liveTags) && owner != null && !owner.equals(context.spec().environment().id())) {
            // One certificate for both environments (a wildcard, say): it cannot be each one's own.
            throw new ProvisionerException("certificate " + live.certificateArn() + " is already the " + owner
                    + " environment's: to serve it here too, set certificateArn: " + live.certificateArn()
                    + " in this environment's config (used, never managed)");
        }
        return tagChange(ResourceTags.of(context.spec().environment(), StackName.COMPUTE, id().value()), liveTags)
                .stream().toList();
    }

    @Override
    protected String createSummary(StepContext context) {
        return configured(context) ? "(the configured certificate was not found)"
                : "certificate for " + context.spec().domain() + ", DNS validation (the record to create is printed)";
    }

    @Override
    protected CertificateDetail create(StepContext context) {
        if (configured(context)) {
            throw new ProvisionerException("certificate " + context.spec().certificateArn().get()
                    + " (certificateArn in the config) does not exist in " + context.aws().region());
        }
        AcmClient acm = context.aws().acm();
        String arn = acm.requestCertificate(r -> r.domainName(context.spec().domain())
                .validationMethod(ValidationMethod.DNS)
                // A token of this request alone: the SDK's retries of it send the same one and get one certificate.
                // Not one derived from the domain: ACM honours a token for an hour, so after a destroy the same token
                // would name the certificate just deleted. A run repeated after a crash finds the first request's
                // certificate by the tags it was requested with.
                .idempotencyToken(IdempotencyTokens.hex(32, context.spec().environment().id(), ID,
                        context.spec().domain(), java.util.UUID.randomUUID().toString()))
                .tags(ResourceTags.of(context.spec().environment(), StackName.COMPUTE, id().value()).entrySet().stream()
                        .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList()))
                .certificateArn();
        // ACM may not find the certificate for a few seconds, and shows the DNS record to create later still (ACM API
        // Reference, RequestCertificate): wait for both, so the first deploy prints the record instead of failing.
        return context.awaiting("ACM to show the new certificate's DNS validation record",
                Timeouts.CERTIFICATE_DESCRIBED, () -> describe(acm, arn).filter(
                        c -> c.status() == CertificateStatus.ISSUED || validationRecord(c).isPresent()));
    }

    @Override
    protected void update(StepContext context, CertificateDetail live, List<Change> changes) {
        if (touches(changes, TAGS)) {
            Map<String, String> missing = ResourceTags.missing(ResourceTags.of(context.spec().environment(),
                    StackName.COMPUTE, id().value()), tags(context.aws().acm(), live.certificateArn()));
            context.aws().acm().addTagsToCertificate(r -> r.certificateArn(live.certificateArn()).tags(missing.entrySet()
                    .stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList()));
        }
    }

    @Override
    protected void publish(StepContext context, CertificateDetail live) {
        context.outputs().put(OUTPUT_ARN, live.certificateArn());
        if (live.status() != CertificateStatus.ISSUED) {
            validationRecord(live).ifPresent(record -> context.outputs().put(OUTPUT_VALIDATION_RECORD, record));
        }
    }

    /** The CNAME ACM waits for, once ACM has computed it (a few seconds after the request). */
    static Optional<String> validationRecord(CertificateDetail live) {
        return live.domainValidationOptions().stream().map(DomainValidation::resourceRecord)
                .filter(r -> r != null && r.name() != null)
                .map(r -> r.typeAsString() + " " + r.name() + " → " + r.value()).findFirst();
    }

    @Override
    protected void delete(StepContext context, CertificateDetail live) {
        if (!configured(context)) {
            context.retrying(DETACHED_JUST_NOW, () -> {
                try {
                    context.aws().acm().deleteCertificate(r -> r.certificateArn(live.certificateArn()));
                } catch (ResourceNotFoundException gone) {
                    // deleted by an earlier try whose answer was lost
                }
            });
        }
    }
}
