package io.glassbox.provisioner.migrate;

import io.glassbox.provisioner.aws.AwsClients;
import io.glassbox.provisioner.aws.LeaseLock;
import io.glassbox.provisioner.aws.ResourceTags;
import io.glassbox.provisioner.aws.SecretDocuments;
import io.glassbox.provisioner.engine.ApprovalPolicy;
import io.glassbox.provisioner.engine.CloudFormationOrigin;
import io.glassbox.provisioner.engine.Failures;
import io.glassbox.provisioner.engine.GraphExecutor;
import io.glassbox.provisioner.engine.LockOptions;
import io.glassbox.provisioner.engine.Outputs;
import io.glassbox.provisioner.engine.Plan;
import io.glassbox.provisioner.engine.ProvisionerException;
import io.glassbox.provisioner.engine.ProvisionerListener;
import io.glassbox.provisioner.engine.RefusedException;
import io.glassbox.provisioner.engine.RunOptions;
import io.glassbox.provisioner.engine.RunResult;
import io.glassbox.provisioner.engine.SharedReads;
import io.glassbox.provisioner.engine.Step;
import io.glassbox.provisioner.engine.StepContext;
import io.glassbox.provisioner.engine.StepGraph;
import io.glassbox.provisioner.engine.StepId;
import io.glassbox.provisioner.engine.StepPlan;
import io.glassbox.provisioner.engine.StepStatus;
import io.glassbox.provisioner.spec.EnvironmentSpec;
import io.glassbox.provisioner.stacks.database.DatabaseSecretStep;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The takeover of the environment the CDK app deployed ({@code migrate --from-cloudformation}): its plan (the stacks
 * read and every resource matched to the step that owns that kind of resource here) and its stages (claim, retain,
 * release, converge). What it needs of the provisioner's run it is given as a {@link Run}.
 */
public final class CloudFormationTakeover {

    /** The stack name prefix of the CDK app that deployed GlassBox before: {@code GlassBox-{env}-…}. */
    public static final String CDK_STACK_PREFIX = "GlassBox";

    /** What a takeover asks of the run it is part of. */
    public interface Run {

        /** The plan of the run's steps, the resources of {@code takeovers} being theirs; read calls only. */
        Plan plan(Map<StepId, CloudFormationOrigin> takeovers);

        /** Observes {@code targets} (and what they depend on) again, telling no listener; read calls only. */
        Plan observe(List<Step> targets);

        /** Applies a plan whose risky changes were approved, under the lock the takeover holds. */
        RunResult applyApproved(Plan plan);
    }

    private final AwsClients aws;
    private final EnvironmentSpec spec;
    private final StepGraph graph;
    private final RunOptions options;
    private final GraphExecutor executor;
    private final ProvisionerListener listener;
    private final LockOptions lock;
    private final Run run;

    public CloudFormationTakeover(AwsClients aws, EnvironmentSpec spec, StepGraph graph, RunOptions options,
                                  GraphExecutor executor, ProvisionerListener listener, LockOptions lock, Run run) {
        this.aws = aws;
        this.spec = spec;
        this.graph = graph;
        this.options = options;
        this.executor = executor;
        this.listener = listener;
        this.lock = lock;
        this.run = run;
    }

    /**
     * What {@code migrate --from-cloudformation} would take over: the stacks {@code {stackPrefix}-{env}-…} read
     * with DescribeStacks, GetTemplate and ListStackResources, each resource matched to the step that owns that
     * kind of resource here. Read calls only.
     */
    public TakeoverPlan plan(String stackPrefix) {
        return plan(stackPrefix, Optional.empty());
    }

    /**
     * As {@link #plan(String)}, with the secret that holds the database's master credentials chosen by the operator
     * ({@code --database-secret}), for stacks that do not tell it. The secret that will be copied is read (never
     * shown): its username must be the database's master user and it must hold a password.
     *
     * @throws RefusedException when no secret can be told to hold the credentials, or the one chosen cannot
     */
    public TakeoverPlan plan(String stackPrefix, Optional<String> databaseSecret) {
        List<CloudFormationStack> stacks = CloudFormationInventory.read(aws.cloudFormation(),
                stackPrefix + "-" + spec.environment().id() + "-");
        StepContext context = new StepContext(aws, spec, new Outputs(), false, options);
        Map<String, StepId> named = new java.util.HashMap<>();
        List<StepId> all = new ArrayList<>();
        for (Step step : graph.order()) {
            if (step.runsEveryDeploy()) {
                continue; // a data-plane check, no AWS resource
            }
            all.add(step.id());
            named.putIfAbsent(step.resourceType() + "|" + step.resourceName(context), step.id());
        }
        Map<String, String> pseudo = stacks.isEmpty() ? Map.of() : Map.of("AWS::AccountId", aws.accountId(),
                "AWS::Region", aws.region(), "AWS::Partition", "aws", "AWS::URLSuffix", "amazonaws.com");
        TakeoverPlan matched = new TakeoverMatcher(spec, named, all, pseudo, databaseSecret).match(stacks);
        matched.resourceOf(StepId.of(DatabaseSecretStep.ID)).flatMap(t -> t.resource().physicalId())
                .ifPresent(this::checkCredentialSource);
        return matched.nothingToTakeOver() ? matched : matched.withConverge(run.plan(matched.origins()));
    }

    /**
     * The secret the database's credentials will be copied from must name its master user and hold a password: a copy
     * of anything else would hand the services credentials the database refuses. Its values are never shown.
     */
    private void checkCredentialSource(String secret) {
        if (secret.equals(DatabaseSecretStep.name(new StepContext(aws, spec, new Outputs(), false, options)))) {
            return; // ours already: nothing is copied
        }
        Map<String, Object> document;
        try {
            document = SecretDocuments.read(aws.secretsManager(), secret).orElse(Map.of());
        } catch (software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException e) {
            throw new RefusedException("the database's credentials cannot be taken over; nothing was changed",
                    List.of("secret " + secret + " does not exist"));
        }
        String user = spec.database().masterUsername();
        if (!user.equals(document.get("username")) || !(document.get("password") instanceof String p) || p.isEmpty()) {
            throw new RefusedException("the database's credentials cannot be taken over; nothing was changed",
                    List.of("secret " + secret + " holds no username " + user + " with a password (the database's master"
                            + " user): choose the secret whose password the database has with --database-secret ARN"));
        }
    }

    /**
     * Takes over the environment the CDK app deployed, as {@code takeover} (from {@link #plan}) planned it:
     * <ol>
     *   <li>asks {@code policy} once, before anything changes: releasing the stacks and the deploy's own risky
     *       changes (a replacement that would delete data is refused whatever it answers, as in a deploy);</li>
     *   <li>claims every resource taken over: our tags added, nothing else changed, so that from here on it is
     *       found as ours even without CloudFormation;</li>
     *   <li>gives every resource of every stack Retain, then deletes the stacks in the plan's order, checking
     *       after each that every resource taken over is still found with the same id;</li>
     *   <li>converges: the ordinary deploy, applied to what was taken over.</li>
     * </ol>
     * Every stage is idempotent, so a run killed anywhere is run again: it plans from the stacks that are left, and
     * with none left it converges only. Holds the environment's lock throughout.
     *
     * @throws RefusedException when the policy refuses or the deploy would delete data; nothing was changed
     */
    public RunResult carryOut(TakeoverPlan takeover, ApprovalPolicy policy) {
        Plan converge = takeover.converge().orElseThrow(() -> new IllegalArgumentException("a takeover plan without"
                + " its converge plan: make it with plan"));
        if (!converge.complete()) {
            throw new ProvisionerException("the takeover plan is incomplete, nothing was changed:"
                    + Failures.listed(converge.failures()));
        }
        if (!converge.dataLossRefusals().isEmpty()) {
            throw new RefusedException("the deploy after the takeover would delete data, so nothing was changed",
                    converge.dataLossRefusals());
        }
        List<String> risky = new ArrayList<>();
        risky.add("release " + takeover.stacks().size() + " CloudFormation stacks (every resource retained, then the"
                + " stacks deleted): " + String.join(", ", takeover.deletionOrder()));
        risky.addAll(converge.changesNeedingApproval());
        if (!policy.approve(converge, risky)) {
            throw new RefusedException("the takeover needs approval (--yes); nothing was changed", risky);
        }
        try (LeaseLock held = LeaseLock.acquire(aws.ssm(), spec.environment(), "migrate", lock)) {
            Map<StepId, String> claimed = claim(takeover);
            StackRelease release = new StackRelease(aws.cloudFormation(), options);
            for (CloudFormationStack stack : takeover.stacks()) {
                boolean updated = release.retainAll(stack.name());
                listener.takeoverStage("retained", stack.name(), "every resource of " + stack.name() + " has"
                        + " DeletionPolicy and UpdateReplacePolicy Retain" + (updated ? "" : " (already)"));
            }
            for (String stack : takeover.deletionOrder()) {
                release.delete(stack);
                Map<StepId, String> found = stillThere(takeover, stack, claimed);
                listener.takeoverStage("released", stack, stack + " deleted; its " + found.size()
                        + " resources taken over are still there, same ids");
            }
            Plan fresh = run.plan(Map.of());
            List<String> unapproved = fresh.changesNeedingApproval().stream().filter(c -> !risky.contains(c)).toList();
            if (!fresh.dataLossRefusals().isEmpty() || !unapproved.isEmpty()) {
                throw new RefusedException("the stacks are released, but the deploy now differs from the one approved;"
                        + " nothing more was changed: run deploy", fresh.dataLossRefusals().isEmpty() ? unapproved
                        : fresh.dataLossRefusals());
            }
            return run.applyApproved(fresh);
        }
    }

    /**
     * Adds our tags to every resource the takeover names, in dependency order (steps without one are planned, for
     * the outputs the others need); {@code step → id} of each. Stops before anything is released when one is missing.
     */
    private Map<StepId, String> claim(TakeoverPlan takeover) {
        Map<StepId, CloudFormationOrigin> origins = takeover.origins();
        StepContext context = new StepContext(aws, spec, new Outputs(), false, options, SharedReads.none(), origins);
        Map<StepId, String> claimed = new ConcurrentHashMap<>();
        Map<StepId, GraphExecutor.Outcome> outcomes = executor.run(graph.order(), false, "claim", step -> {
            if (!origins.containsKey(step.id())) {
                step.plan(context);
                return StepStatus.UNCHANGED;
            }
            String id = step.claim(context).orElseThrow(() -> new ProvisionerException(step.id() + ": "
                    + origins.get(step.id()).address() + " (" + origins.get(step.id()).reportedId().orElse("no id")
                    + ") was not found"));
            claimed.put(step.id(), id);
            return StepStatus.DONE;
        }, ProvisionerListener.none());
        Map<StepId, String> failures = Failures.of(outcomes);
        if (!failures.isEmpty()) {
            throw new ProvisionerException("taking over the resources failed before any stack was released:"
                    + Failures.listed(failures));
        }
        listener.takeoverStage("claimed", "", claimed.size() + " resources carry our tags and "
                + ResourceTags.STEP + "; nothing else changed");
        return claimed;
    }

    /**
     * After a stack's deletion: every resource it held is found as ours, by tag, with the id it was claimed with.
     * Only those steps (and what they depend on) are observed again.
     */
    private Map<StepId, String> stillThere(TakeoverPlan takeover, String stack, Map<StepId, String> claimed) {
        List<StepId> held = takeover.stepsIn(stack);
        Plan after = run.observe(graph.order().stream().filter(s -> held.contains(s.id())).toList());
        Map<StepId, String> found = new LinkedHashMap<>();
        List<String> surprises = new ArrayList<>();
        for (StepId step : held) {
            Optional<String> live = after.step(step).flatMap(StepPlan::liveId);
            if (live.isPresent() && live.get().equals(claimed.get(step))) {
                found.put(step, live.get());
            } else {
                surprises.add(step + ": " + claimed.get(step) + " is now " + live.orElse("not found")
                        + Optional.ofNullable(after.failures().get(step)).map(f -> " (" + f + ")").orElse(""));
            }
        }
        if (!surprises.isEmpty()) {
            throw new ProvisionerException("after deleting " + stack + ", stopped: " + String.join("; ", surprises));
        }
        return found;
    }
}
