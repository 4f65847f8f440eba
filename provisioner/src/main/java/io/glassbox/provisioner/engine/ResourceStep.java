package io.glassbox.provisioner.engine;

import io.glassbox.provisioner.aws.ResourceTags;
import io.glassbox.provisioner.spec.StackName;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The describe-then-create template every resource step follows (ACK's reconciler): find the live resource
 * (tagged with the step first, by its deterministic name second: {@link Identity}); absent → create; present →
 * diff and update only what differs. A resource with one of our names but without our {@code ManagedBy} tag is
 * never touched.
 *
 * @param <L> the live resource as observed (an SDK model object or a small record of several reads)
 */
public abstract class ResourceStep<L> implements Step {

    private final StepId id;
    private final StackName stack;
    private final Set<StepId> dependencies;

    protected ResourceStep(String id, StackName stack, String... dependencies) {
        this.id = StepId.of(id);
        this.stack = stack;
        this.dependencies = Arrays.stream(dependencies).map(StepId::of).collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public final StepId id() {
        return id;
    }

    @Override
    public final StackName stack() {
        return stack;
    }

    @Override
    public final Set<StepId> dependencies() {
        return dependencies;
    }

    /**
     * Finds the live resource; only its own NotFound means absent, every other error propagates. By default the
     * engine's {@link Identity} picks it among {@link #candidates}: tagged with this step first, by its
     * deterministic name second; then {@link #complete} adds what only the picked one needs.
     */
    protected Optional<L> find(StepContext context) {
        return Identity.pick(owningStep(), context.spec().environment(), resourceType(), resourceName(context),
                candidates(context), this::tagsOf, this::nameOf, this::idOf, context.takeoverOf(owningStep()),
                this::isPhysicalId).map(live -> complete(context, live));
    }

    /**
     * Whether CloudFormation's physical id {@code physicalId} names this live resource: its id or its name by
     * default (CloudFormation reports a queue by URL, a log group by name, a load balancer by ARN).
     */
    protected boolean isPhysicalId(L live, String physicalId) {
        return physicalId.equals(idOf(live)) || physicalId.equals(nameOf(live));
    }

    /**
     * The live resources of this kind that may be this step's, from cheap reads (one list call, shared during a
     * plan where it can be): every one tagged with this step and every one with its deterministic name among
     * them. Steps that find their resource this way implement it with {@link #nameOf}; others override find.
     */
    protected List<L> candidates(StepContext context) {
        throw new UnsupportedOperationException(id + " finds its resource itself");
    }

    /**
     * The step whose {@code glassbox:step} tag marks the resource: this one, unless it manages a part of another
     * step's resource (the rules of a security group that its own step tags).
     */
    protected StepId owningStep() {
        return id;
    }

    /** The live resource's name, compared with the deterministic name ({@link #resourceName}). */
    protected String nameOf(L live) {
        throw new UnsupportedOperationException(id + " finds its resource itself");
    }

    /**
     * Whether a takeover makes this step's resource from the one CloudFormation has rather than keeping it (the
     * database credentials under another secret's name are copied into ours): the claim then creates it, before
     * any stack is released and before anything points at it. Read-only.
     */
    protected boolean createdByClaim(StepContext context) {
        return false;
    }

    /** The picked candidate with what only it needs read (attributes, tags); by default as listed. */
    protected L complete(StepContext context, L candidate) {
        return candidate;
    }

    /** The live resource's id (vpc-…, a queue URL). */
    protected abstract String idOf(L live);

    /** The live resource's tags, to tell ours from someone else's. */
    protected abstract Map<String, String> tagsOf(L live);

    /**
     * The tags that tell whether the live resource is ours. Usually its own; resources without tags (a Cognito
     * domain, say) derive them from the resource they belong to.
     */
    protected Map<String, String> ownershipTags(StepContext context, L live) {
        return tagsOf(live);
    }

    /** What differs between the spec and the live resource; empty when it matches. */
    protected abstract List<Change> diff(StepContext context, L live);

    /** What a create would make, for the plan's {@code +} line. */
    protected abstract String createSummary(StepContext context);

    /** Creates the resource, waits until it is usable, and returns it as observed afterwards. */
    protected abstract L create(StepContext context);

    /** Applies the in-place {@code changes} (as returned by {@link #diff}) to the live resource. */
    protected abstract void update(StepContext context, L live, List<Change> changes);

    /** Publishes the live resource's ids for dependent steps and the operator. */
    protected abstract void publish(StepContext context, L live);

    /** Deletes the live resource and waits until it is gone. */
    protected abstract void delete(StepContext context, L live);

    /**
     * Whether the spec asks for this resource at all. One it does not (an alarm email's subscription without an
     * address configured) is not created when absent; when present, its diff says what goes. Read-only, no AWS call.
     */
    protected boolean wanted(StepContext context) {
        return true;
    }

    /**
     * Whether the live resource's deletion is already under way (a secret or key scheduled for deletion): destroy
     * counts it as nothing left to delete. Read-only, no AWS call.
     */
    protected boolean deletionUnderway(L live) {
        return false;
    }

    /**
     * Waits until a resource found still being created (left so by an interrupted run) is usable, and returns
     * it as observed then. Most resources are usable as soon as they exist.
     */
    protected L awaitUsable(StepContext context, L live) {
        return live;
    }

    /**
     * Why destroy must not delete the live resource, if there is a reason: the data it holds that the operator
     * has not named with its {@code --delete-*} flag ({@link RunOptions#mayDelete}). Read-only.
     */
    protected Optional<String> refuseDelete(StepContext context, L live) {
        return Optional.empty();
    }

    /**
     * Why a replacement must not delete the live resource: by default destroy's reasons, since a replacement
     * deletes just as destroy does. Steps whose data destroy keeps by other means (a database's final snapshot)
     * ask more here. Read-only.
     */
    protected Optional<String> refuseReplace(StepContext context, L live) {
        return refuseDelete(context, live);
    }

    /**
     * What the operator should know about the live resource that no change can fix (a value AWS grew past a
     * configured maximum, say); shown with the plan, never applied. Read-only, no AWS call.
     */
    protected List<String> notices(StepContext context, L live) {
        return List.of();
    }

    @Override
    public final StepPlan plan(StepContext context) {
        Optional<L> live = findOwned(context);
        live.ifPresent(l -> publish(context, l));
        List<Change> changes = live.map(l -> diff(context, l)).orElseGet(() -> wanted(context)
                ? List.of(Change.create(createSummary(context))) : List.of());
        List<String> dataLoss = live.filter(l -> replaces(changes)).flatMap(l -> refuseReplace(context, l))
                .map(List::of).orElse(List.of());
        List<String> notices = live.map(l -> notices(context, l)).orElse(List.of());
        return new StepPlan(id, stack, resourceType(), resourceName(context), live.map(this::idOf), changes, dataLoss,
                notices, false, live.filter(this::deletionUnderway).isPresent());
    }

    private static boolean replaces(List<Change> changes) {
        return changes.stream().anyMatch(c -> c.kind() == ChangeKind.REPLACE);
    }

    @Override
    public final boolean apply(StepContext context) {
        Optional<L> found = findOwned(context);
        if (found.isEmpty()) {
            if (!wanted(context)) {
                return false;
            }
            refuseToCreateBesideATakeover(context);
            publish(context, create(context));
            return true;
        }
        L live = awaitUsable(context, found.get());
        List<Change> changes = diff(context, live);
        List<Change> unapproved = changes.stream().filter(Change::needsApproval).toList();
        if (!unapproved.isEmpty() && !context.approved()) {
            throw new RefusedException(resourceType() + " " + resourceName(context) + " needs approval (--yes)",
                    unapproved.stream().map(Change::describe).toList());
        }
        if (replaces(changes)) {
            // The plan refused data loss up front; this catches a replacement first met while applying. Approval
            // never covers it: only the operator's --delete-* flag for that data does (DESIGN.md, "Never lose data").
            Optional<String> dataLoss = refuseReplace(context, live);
            if (dataLoss.isPresent()) {
                throw new RefusedException(resourceType() + " " + resourceName(context)
                        + " would be replaced, which deletes its data", List.of(dataLoss.get()));
            }
            delete(context, live);
            publish(context, create(context));
            return true;
        }
        if (!changes.isEmpty()) {
            update(context, live, changes);
            Optional<L> updated = find(context);
            if (updated.isEmpty() && !wanted(context)) {
                return true; // the update removed what the spec no longer asks for
            }
            live = updated.orElseThrow(() -> new ProvisionerException(
                    resourceType() + " " + resourceName(context) + " disappeared while being updated"));
        }
        publish(context, live);
        return !changes.isEmpty();
    }

    /**
     * A resource this run takes over that cannot be found is never made again beside it: whatever hid it (a read that
     * missed it, a resource deleted by hand), a second VPC, database or service would be worse than stopping. The
     * resources a claim makes anew under our name (a secret copied from CloudFormation's) are the exception.
     */
    private void refuseToCreateBesideATakeover(StepContext context) {
        Optional<CloudFormationOrigin> origin = context.takeoverOf(id());
        if (origin.isPresent() && owningStep().equals(id()) && !createdByClaim(context)) {
            throw new ProvisionerException(resourceType() + " " + resourceName(context) + " taken over from "
                    + origin.get().address() + origin.get().reportedId().map(p -> " (" + p + ")").orElse("")
                    + " is not found: no other is created beside it; check that it still exists and run again");
        }
    }

    /**
     * Adds our tags to the live resource with the step's own update, given the diff's tag change alone (every
     * step's update changes only what the changes it is given name), and publishes it. A resource a takeover
     * gives the step passes the ownership check without our tags ({@link #findOwned}).
     */
    @Override
    public final Optional<String> claim(StepContext context) {
        Optional<L> live = findOwned(context);
        if (live.isEmpty() && createdByClaim(context)) {
            L created = create(context);
            publish(context, created);
            return Optional.of(idOf(created));
        }
        live.ifPresent(l -> {
            publish(context, l);
            List<Change> tags = diff(context, l).stream().filter(c -> c.path().equals(TAGS)).toList();
            if (!tags.isEmpty()) {
                update(context, l, tags);
            }
        });
        return live.map(this::idOf);
    }

    @Override
    public final Optional<String> destroyRefusal(StepContext context) {
        return findOwned(context).flatMap(live -> refuseDelete(context, live));
    }

    /**
     * Deletes the live resource unless its deletion is already under way; {@link #delete} is still called then, so
     * that it waits for the deletion to finish where what comes after needs the resource gone.
     */
    @Override
    public final boolean destroy(StepContext context) {
        Optional<L> live = findOwned(context);
        if (live.isPresent()) {
            publish(context, live.get());
            delete(context, live.get());
        }
        return live.filter(l -> !deletionUnderway(l)).isPresent();
    }

    /**
     * The live resource if it is ours. One with our name but without our tag is someone else's: reported and
     * left alone, unless the operator adopts it ({@code --adopt}), when the diff's tag change makes it ours.
     */
    private Optional<L> findOwned(StepContext context) {
        Optional<L> live = find(context);
        live.ifPresent(l -> {
            boolean takenOver = context.takeoverOf(owningStep()).isPresent();
            if (!ResourceTags.isManaged(ownershipTags(context, l)) && !context.options().adopt() && !takenOver) {
                throw new ProvisionerException(resourceType() + " " + resourceName(context) + " (" + idOf(l)
                        + ") exists but has no " + ResourceTags.MANAGED_BY + "=" + ResourceTags.MANAGED_BY_VALUE
                        + " tag: it is not ours, so it is left alone (--adopt takes it over)");
            }
        });
        return live;
    }

    /** Whether {@code changes} touch the attribute {@code path}. */
    protected static boolean touches(List<Change> changes, String path) {
        return changes.stream().anyMatch(c -> c.path().equals(path));
    }

    /**
     * Whether {@code changes} touch anything besides the tags: an update given the tag change alone (a takeover's
     * claim) must change nothing else.
     */
    protected static boolean touchesMoreThanTags(List<Change> changes) {
        return changes.stream().anyMatch(c -> !c.path().equals(TAGS));
    }

    /** A tag change for {@link #diff}: the desired tags missing or different on the live resource. */
    protected static Optional<Change> tagChange(Map<String, String> desired, Map<String, String> live) {
        Map<String, String> missing = ResourceTags.missing(desired, live);
        if (missing.isEmpty()) {
            return Optional.empty();
        }
        String observed = missing.keySet().stream().sorted()
                .map(k -> k + "=" + live.getOrDefault(k, "(none)")).collect(Collectors.joining(", "));
        String wanted = missing.keySet().stream().sorted()
                .map(k -> k + "=" + missing.get(k)).collect(Collectors.joining(", "));
        return Optional.of(Change.update(TAGS, observed, wanted));
    }

    /** The path of tag changes. */
    protected static final String TAGS = "tags";
}
