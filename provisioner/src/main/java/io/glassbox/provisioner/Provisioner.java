package io.glassbox.provisioner;

import io.glassbox.provisioner.aws.AwsClients;
import io.glassbox.provisioner.aws.AwsSettings;
import io.glassbox.provisioner.aws.CallerIdentity;
import io.glassbox.provisioner.aws.LeaseLock;
import io.glassbox.provisioner.engine.ApprovalPolicy;
import io.glassbox.provisioner.engine.CloudFormationOrigin;
import io.glassbox.provisioner.engine.DeletableData;
import io.glassbox.provisioner.engine.DestroyPlan;
import io.glassbox.provisioner.engine.Failures;
import io.glassbox.provisioner.engine.GraphExecutor;
import io.glassbox.provisioner.engine.Heartbeat;
import io.glassbox.provisioner.engine.LockOptions;
import io.glassbox.provisioner.engine.Outputs;
import io.glassbox.provisioner.engine.Plan;
import io.glassbox.provisioner.engine.ProvisionerException;
import io.glassbox.provisioner.engine.ProvisionerListener;
import io.glassbox.provisioner.engine.RefusedException;
import io.glassbox.provisioner.engine.RequestError;
import io.glassbox.provisioner.engine.RunOptions;
import io.glassbox.provisioner.engine.RunResult;
import io.glassbox.provisioner.engine.SharedReads;
import io.glassbox.provisioner.engine.Step;
import io.glassbox.provisioner.engine.StepContext;
import io.glassbox.provisioner.engine.StepGraph;
import io.glassbox.provisioner.engine.StepId;
import io.glassbox.provisioner.engine.StepPlan;
import io.glassbox.provisioner.engine.StepStatus;
import io.glassbox.provisioner.migrate.CloudFormationTakeover;
import io.glassbox.provisioner.migrate.TakeoverPlan;
import io.glassbox.provisioner.quotas.QuotaCheck;
import io.glassbox.provisioner.quotas.QuotaNeeds;
import io.glassbox.provisioner.quotas.Shortfall;
import io.glassbox.provisioner.spec.ConfigFile;
import io.glassbox.provisioner.spec.Environment;
import io.glassbox.provisioner.spec.EnvironmentSpec;
import io.glassbox.provisioner.spec.EnvironmentSpecs;
import io.glassbox.provisioner.spec.ReleaseTask;
import io.glassbox.provisioner.spec.StackName;
import io.glassbox.provisioner.stacks.StackCatalog;
import java.net.URI;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * The library's entry point: provisions one GlassBox environment with the AWS SDK, for the CLI and for
 * release tooling alike. It never exits the JVM or writes to the console; progress goes to a
 * {@link ProvisionerListener}, failures come back as results or {@link ProvisionerException}s.
 *
 * <pre>{@code
 * try (Provisioner provisioner = Provisioner.builder().environment(Environment.STAGING).build()) {
 *     Plan plan = provisioner.plan();
 *     RunResult result = provisioner.apply(plan, false);
 * }
 * }</pre>
 */
public final class Provisioner implements AutoCloseable {

    /** How many steps run at once by default: enough to overlap the slow waits of independent resources. */
    public static final int DEFAULT_PARALLELISM = 8;

    private final EnvironmentSpec spec;
    private final StepGraph graph;
    private final List<Step> selected;
    private final AwsClients aws;
    private final GraphExecutor executor;
    private final ProvisionerListener listener;
    private final LockOptions lock;
    private final RunOptions options;
    private final AtomicBoolean identityTold = new AtomicBoolean();

    private Provisioner(Builder builder) {
        this.options = builder.options;
        this.lock = builder.lock;
        EnvironmentSpec desired = builder.spec != null ? builder.spec
                : EnvironmentSpecs.forEnvironment(Objects.requireNonNull(builder.environment, "environment"),
                        builder.config);
        EnvironmentSpec released = builder.imageTag == null ? desired : desired.releasing(builder.imageTag);
        this.spec = builder.releaseTask == null ? released : released.runningBeforeRollout(builder.releaseTask);
        this.graph = StackCatalog.graph(spec, options);
        Set<StackName> stacks = builder.stacks.isEmpty() ? EnumSet.allOf(StackName.class) : builder.stacks;
        this.selected = graph.stepsOf(stacks);
        this.aws = new AwsClients(new AwsSettings(builder.region, Optional.ofNullable(builder.profile),
                Optional.ofNullable(builder.credentials), Optional.ofNullable(builder.endpoint), builder.interceptors,
                builder.configuredEndpoints));
        this.executor = new GraphExecutor(builder.parallelism, step -> step.typicalCreation(spec));
        this.listener = builder.listener;
    }

    public static Builder builder() {
        return new Builder();
    }

    public EnvironmentSpec spec() {
        return spec;
    }

    /**
     * Who the run acts as (STS GetCallerIdentity, asked once), told to the listener the first time. Every command
     * asks it before any other call, so that missing or expired credentials and an endpoint that does not answer
     * stop the run with one line, and a config that pins the environment to an account ({@code accountId}) stops
     * credentials of any other account before they read or change anything.
     *
     * @throws ProvisionerException when the identity cannot be had, or belongs to another account than the pinned one
     */
    public CallerIdentity identity() {
        CallerIdentity identity = aws.identity();
        Optional<String> pinned = spec.accountId();
        if (pinned.isPresent() && !pinned.get().equals(identity.account())) {
            throw new ProvisionerException("the credentials are for account " + identity.account() + " ("
                    + identity.arn() + "), but the config pins " + spec.environment().id() + " to account "
                    + pinned.get() + " (accountId): nothing was read or changed");
        }
        if (identityTold.compareAndSet(false, true)) {
            listener.identity(identity);
        }
        return identity;
    }

    /**
     * Observes every selected resource (and those they depend on) and diffs it against the spec. Makes read
     * calls only. Steps that could not be observed are listed in {@link Plan#failures()}.
     */
    public Plan plan() {
        return plan(Map.of());
    }

    /**
     * A plan in which the resources of a takeover ({@code step → physical id}) are the steps' own, taken over as
     * they are: what the deploy after {@code migrate} changes. Read calls only.
     */
    public Plan plan(Map<StepId, CloudFormationOrigin> takeovers) {
        identity();
        Plan plan = observe(selected, takeovers);
        plan.steps().forEach(listener::planned);
        return plan;
    }

    /** Observes and diffs {@code targets} (and what they depend on), telling no listener. Read calls only. */
    private Plan observe(List<Step> targets, Map<StepId, CloudFormationOrigin> takeovers) {
        Outputs outputs = new Outputs();
        StepContext context = new StepContext(aws, spec, outputs, false, options, SharedReads.perRun(), takeovers);
        Map<StepId, StepPlan> plans = new ConcurrentHashMap<>();
        Map<StepId, GraphExecutor.Outcome> outcomes = executor.run(graph.withDependencies(targets), false, "plan",
                step -> {
                    plans.put(step.id(), step.plan(context));
                    return StepStatus.UNCHANGED;
                }, ProvisionerListener.none());
        // A request that cannot be carried out (an image tag not in ECR) is the one thing to say, not a plan's gap.
        outcomes.values().stream().map(GraphExecutor.Outcome::error).filter(RequestError.class::isInstance)
                .map(RequestError.class::cast).findFirst().ifPresent(e -> {
                    throw e;
                });
        List<StepPlan> ordered = targets.stream().map(s -> plans.get(s.id())).filter(Objects::nonNull).toList();
        return new Plan(spec.environment(), ordered, Failures.of(outcomes), outputs.all());
    }


    /**
     * Applies a plan: steps with changes (and steps whose dependencies changed) converge, up to the parallelism
     * at once; unchanged steps make no call at all. Refuses before changing anything when the plan is
     * incomplete, or when it holds replacements, deletions or broadening changes and {@code approved} is false.
     *
     * @throws RefusedException when approval is missing
     */
    public RunResult apply(Plan plan, boolean approved) {
        return apply(plan, ApprovalPolicy.refuseRisky(), approved);
    }

    /**
     * Applies a plan's creates and safe updates; a plan that also holds a replacement, deletion or broadening
     * change is refused whole, changing nothing ({@link ApprovalPolicy#refuseRisky()}): the safe default for an
     * unattended pipeline.
     *
     * @throws RefusedException when the plan holds changes that need approval
     */
    public RunResult apply(Plan plan) {
        return apply(plan, ApprovalPolicy.refuseRisky());
    }

    /**
     * Applies a plan under an approval policy: when the plan holds replacements, deletions or broadening
     * changes, {@code policy} is asked once, before anything changes, and a refusal changes nothing. Otherwise
     * as {@link #apply(Plan, boolean)}. A replacement that would delete data (a database, a bucket with objects,
     * a pool with users, a repository with images; {@link Plan#dataLossRefusals()}) is refused whatever the
     * policy says, unless the run's {@link RunOptions#deletable()} names that data.
     *
     * @throws RefusedException when the policy refuses, or a replacement would delete data
     */
    public RunResult apply(Plan plan, ApprovalPolicy policy) {
        return apply(plan, policy, false);
    }

    /**
     * The account's quotas that cannot hold what {@code plan} creates, a line each (the quota, its value, what is used
     * and needed, the code to request); empty when all can. Read calls only, and none when the plan creates nothing
     * a quota limits. A deploy of such a plan is refused before any change.
     */
    public List<String> quotaShortfalls(Plan plan) {
        return new QuotaCheck(aws, listener::notice).shortfalls(QuotaNeeds.of(plan, spec.network(), aws.region()))
                .stream().map(Shortfall::describe).toList();
    }

    /**
     * {@code approvedUpFront} (the CLI's --yes) approves everything, even a risky change a step only meets while
     * applying; otherwise only what the policy approved when it was asked.
     */
    private RunResult apply(Plan plan, ApprovalPolicy policy, boolean approvedUpFront) {
        identity();
        if (!plan.complete()) {
            throw new ProvisionerException("the plan is incomplete, nothing was changed:" + Failures.listed(plan.failures()));
        }
        // Data first, and never by approval: --yes or a policy approves replacing stateless resources only; a
        // replacement that would delete data needs the operator's --delete-* flag for it (RunOptions.deletable).
        List<String> dataLoss = plan.dataLossRefusals();
        if (!dataLoss.isEmpty()) {
            throw new RefusedException("replacing these deletes data, so nothing was changed; --yes does not allow"
                    + " it, only the flag each names", dataLoss);
        }
        // Quotas before anything is made: a shortfall found now costs a quota request; found by AWS halfway through
        // it leaves a half-made environment (AddressLimitExceeded for the last NAT gateway's address).
        List<String> shortfalls = quotaShortfalls(plan);
        if (!shortfalls.isEmpty()) {
            throw new RefusedException("the account's quotas leave no room for what this deploy creates, so nothing"
                    + " was changed; request these increases in Service Quotas, then deploy again", shortfalls);
        }
        List<String> needApproval = plan.changesNeedingApproval();
        boolean approved = approvedUpFront || (!needApproval.isEmpty() && policy.approve(plan, needApproval));
        if (!needApproval.isEmpty() && !approved) {
            throw new RefusedException("these changes need approval (--yes); nothing was changed", needApproval);
        }
        // A plan without changes makes no AWS change (only the data plane runs), so it needs no lock, and a
        // no-op deploy stays free of mutating calls.
        try (LeaseLock held = plan.hasChanges() ? LeaseLock.acquire(aws.ssm(), spec.environment(), "deploy", lock)
                : null) {
            return applyUnderLock(plan, approved);
        }
    }

    private RunResult applyUnderLock(Plan plan, boolean approved) {
        Outputs outputs = new Outputs();
        plan.observedOutputs().forEach(outputs::put);
        StepContext context = new StepContext(aws, spec, outputs, approved, options);
        Set<StepId> applied = ConcurrentHashMap.newKeySet();
        Map<StepId, GraphExecutor.Outcome> outcomes;
        try (Heartbeat beat = new Heartbeat(listener)) {
            outcomes = executor.run(selected, false, "apply", step -> {
            boolean planned = plan.step(step.id()).map(StepPlan::hasChanges).orElse(true);
            boolean dependencyChanged = step.dependencies().stream().anyMatch(applied::contains);
            if (!planned && !dependencyChanged && !step.runsEveryDeploy()) {
                return StepStatus.UNCHANGED;
            }
            beat.stepStarted(step.id(), "apply");
            boolean changed = step.apply(context.during(step.id(), beat));
            if (step.runsEveryDeploy()) {
                return StepStatus.CHECKED;
            }
            if (!changed) {
                return StepStatus.UNCHANGED; // re-read after a dependency changed: nothing of its own differed
            }
            applied.add(step.id());
            return StepStatus.DONE;
            }, finishedOnly(beat));
        }
        SortedMap<String, String> published = selectedOutputs(outputs.all());
        listener.outputs(published);
        return new RunResult(outcomes, published);
    }

    /** Plans and applies in one go, as {@code deploy} does. */
    public RunResult deploy(boolean approved) {
        return apply(plan(), approved);
    }

    /**
     * Destroys the selected stacks' resources in reverse dependency order. Every refusal (a non-empty bucket,
     * say) is checked before anything is deleted, so destroy never stops halfway because of one.
     *
     * @throws RefusedException when {@code approved} is false or a resource must not be deleted
     */
    public RunResult destroy(boolean approved) {
        if (!approved) {
            throw new RefusedException("destroy needs approval; nothing was deleted",
                    List.of("pass --yes, or type the environment name when asked on a terminal"));
        }
        return destroy(destroyPlan(), true);
    }

    /**
     * What destroy would delete and keep, and what refuses it, read-only: every existing resource of the selected
     * stacks in the order destroy goes (Terraform's {@code plan -destroy}).
     *
     * @throws ProvisionerException when a resource cannot be observed
     */
    public DestroyPlan destroyPlan() {
        identity();
        Plan plan = observe(selected, Map.of());
        if (!plan.complete()) {
            throw new ProvisionerException("cannot observe every resource, nothing was deleted:"
                    + Failures.listed(plan.failures()));
        }
        StepContext context = destroyContext(plan);
        List<String> refusals = new ArrayList<>();
        List<DestroyPlan.Entry> entries = new ArrayList<>();
        List<Step> inDestroyOrder = new ArrayList<>(selected);
        java.util.Collections.reverse(inDestroyOrder);
        for (Step step : inDestroyOrder) {
            Optional<StepPlan> observed = plan.step(step.id()).filter(StepPlan::exists);
            if (observed.isEmpty()) {
                continue;
            }
            StepPlan live = observed.get();
            DestroyPlan.Fate fate = step.keptByDestroy(context) ? DestroyPlan.Fate.KEEP
                    : live.deletionUnderway() ? DestroyPlan.Fate.ALREADY_DELETING : DestroyPlan.Fate.DELETE;
            entries.add(new DestroyPlan.Entry(step.id(), step.stack(), live.resourceType(), live.resourceName(),
                    live.liveId(), fate, fate == DestroyPlan.Fate.KEEP
                            ? Optional.of("holds logs: kept unless " + DeletableData.LOGS.flag()) : Optional.empty()));
            // What destroy keeps (logs) is never a reason to refuse it: it stays, and the rest goes.
            if (fate == DestroyPlan.Fate.DELETE) {
                step.destroyRefusal(context).ifPresent(refusals::add);
            }
        }
        return new DestroyPlan(spec.environment(), plan, entries, refusals);
    }

    /**
     * Carries out a destroy plan (from {@link #destroyPlan}) once approved: refused whole, nothing deleted, when it
     * holds refusals or approval is missing.
     *
     * @throws RefusedException when {@code approved} is false or a resource must not be deleted
     */
    public RunResult destroy(DestroyPlan destroy, boolean approved) {
        if (!approved) {
            throw new RefusedException("destroy needs approval; nothing was deleted",
                    List.of("pass --yes, or type the environment name when asked on a terminal"));
        }
        if (!destroy.refusals().isEmpty()) {
            throw new RefusedException("destroy refused; nothing was deleted", destroy.refusals());
        }
        try (LeaseLock held = LeaseLock.acquire(aws.ssm(), spec.environment(), "destroy", lock)) {
            return destroyUnderLock(destroy.observed(), destroyContext(destroy.observed()));
        }
    }

    private StepContext destroyContext(Plan plan) {
        Outputs outputs = new Outputs();
        plan.observedOutputs().forEach(outputs::put);
        return new StepContext(aws, spec, outputs, true, options);
    }

    private RunResult destroyUnderLock(Plan plan, StepContext context) {
        // The data-plane checks own no AWS resource: nothing of theirs to delete, nor to count.
        List<Step> resources = selected.stream().filter(step -> !step.runsEveryDeploy()).toList();
        Map<StepId, GraphExecutor.Outcome> outcomes;
        try (Heartbeat beat = new Heartbeat(listener)) {
            outcomes = executor.run(resources, true, "destroy", step -> {
            if (!plan.step(step.id()).map(StepPlan::exists).orElse(false)) {
                return StepStatus.UNCHANGED;
            }
            if (step.keptByDestroy(context)) {
                return StepStatus.KEPT;
            }
            beat.stepStarted(step.id(), "destroy");
            // A deletion already under way is still waited for (what comes after may need the resource gone), but
            // it is not counted as deleted by this run.
            return step.destroy(context.during(step.id(), beat)) ? StepStatus.DONE : StepStatus.UNCHANGED;
            }, finishedOnly(beat));
        }
        return new RunResult(outcomes, new java.util.TreeMap<>());
    }

    /** The stack name prefix of the CDK app that deployed GlassBox before: {@code GlassBox-{env}-…}. */
    public static final String CDK_STACK_PREFIX = CloudFormationTakeover.CDK_STACK_PREFIX;

    /**
     * What {@code migrate --from-cloudformation} would take over: the stacks {@code {stackPrefix}-{env}-…} read
     * with DescribeStacks, GetTemplate and ListStackResources, each resource matched to the step that owns that
     * kind of resource here, with the plan of the deploy afterwards. Read calls only.
     */
    public TakeoverPlan takeoverPlan(String stackPrefix) {
        return takeoverPlan(stackPrefix, Optional.empty());
    }

    /**
     * As {@link #takeoverPlan(String)}, with the secret whose password the database has chosen by the caller (an ARN
     * or name), for stacks whose secrets do not tell it (no SecretTargetAttachment, several candidates).
     *
     * @throws RefusedException when no secret can be told to hold the database's credentials; nothing was changed
     */
    public TakeoverPlan takeoverPlan(String stackPrefix, Optional<String> databaseSecret) {
        identity();
        return takeover().plan(stackPrefix, databaseSecret);
    }

    /**
     * Takes over the environment the CDK app deployed, as {@code takeover} (from {@link #takeoverPlan}) planned it
     * ({@link CloudFormationTakeover#carryOut}): the policy asked once, before anything changes; every resource
     * claimed; every stack's resources retained and the stacks deleted; then the ordinary deploy. With nothing left
     * to take over, the ordinary deploy.
     *
     * @throws RefusedException when the policy refuses or the deploy would delete data; nothing was changed
     */
    public RunResult migrate(TakeoverPlan takeover, ApprovalPolicy policy) {
        identity();
        if (takeover.nothingToTakeOver()) {
            return apply(plan(), policy);
        }
        return takeover().carryOut(takeover, policy);
    }

    /** The takeover, with what it needs of this run: its plans and its approved deploy. */
    private CloudFormationTakeover takeover() {
        return new CloudFormationTakeover(aws, spec, graph, options, executor, listener, lock,
                new CloudFormationTakeover.Run() {
                    @Override
                    public Plan plan(Map<StepId, CloudFormationOrigin> takeovers) {
                        return Provisioner.this.plan(takeovers);
                    }

                    @Override
                    public Plan observe(List<Step> targets) {
                        return Provisioner.this.observe(targets, Map.of());
                    }

                    @Override
                    public RunResult applyApproved(Plan plan) {
                        return applyUnderLock(plan, true);
                    }
                });
    }

    /** The live outputs of the selected stacks (ids, ARNs, URLs), read from AWS; read calls only. */
    public SortedMap<String, String> outputs() {
        return outputs(plan());
    }

    /** The outputs of the selected stacks among those a plan observed. */
    public SortedMap<String, String> outputs(Plan plan) {
        return selectedOutputs(plan.observedOutputs());
    }

    private SortedMap<String, String> selectedOutputs(Map<String, String> all) {
        Set<String> keys = selectedOutputPrefixes();
        return new java.util.TreeMap<>(all.entrySet().stream()
                .filter(e -> keys.stream().anyMatch(e.getKey()::startsWith))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
    }

    private Set<String> selectedOutputPrefixes() {
        return selected.stream().map(s -> s.id().value() + ".").collect(Collectors.toSet());
    }

    /** Forwards only finish events: the actions above announce the starts of steps that do work. */
    private static ProvisionerListener finishedOnly(ProvisionerListener target) {
        return new ProvisionerListener() {
            @Override
            public void stepFinished(StepId step, StepStatus status, java.time.Duration duration, String detail) {
                target.stepFinished(step, status, duration, detail);
            }
        };
    }

    @Override
    public void close() {
        aws.close();
    }

    /** Builds a {@link Provisioner}; only the environment is required. */
    public static final class Builder {
        private Environment environment;
        private EnvironmentSpec spec;
        private ConfigFile config = ConfigFile.empty();
        private String imageTag;
        private ReleaseTask releaseTask;
        private String region = AwsSettings.DEFAULT_REGION;
        private String profile;
        private URI endpoint;
        private boolean configuredEndpoints;
        private AwsCredentialsProvider credentials;
        private final List<ExecutionInterceptor> interceptors = new ArrayList<>();
        private Set<StackName> stacks = EnumSet.noneOf(StackName.class);
        private int parallelism = DEFAULT_PARALLELISM;
        private ProvisionerListener listener = ProvisionerListener.none();
        private RunOptions options = RunOptions.defaults();
        private LockOptions lock = LockOptions.defaults();

        private Builder() {
        }

        /** How apply and destroy take the environment's lease lock (wait, lease, force-unlock). */
        public Builder lock(LockOptions lock) {
            this.lock = Objects.requireNonNull(lock);
            return this;
        }

        /** Maintenance-window policy, data-plane tunnels and skipping, the longest wait. */
        public Builder options(RunOptions options) {
            this.options = Objects.requireNonNull(options);
            return this;
        }

        public Builder environment(Environment environment) {
            this.environment = environment;
            return this;
        }

        /** An account's overrides of the spec (app origin, sizes, …). */
        public Builder config(ConfigFile config) {
            this.config = Objects.requireNonNull(config);
            return this;
        }

        /**
         * The release's image tag (the CLI's {@code --image-tag}), over the config's {@code imageTag}: resolved to its
         * digest in ECR at plan time, it moves every service to that image (a tag not in ECR stops the plan before any
         * change). Without a named tag, each service keeps the image it runs.
         *
         * @throws io.glassbox.provisioner.spec.ConfigException when {@code tag} is not a Docker image tag
         */
        public Builder imageTag(String tag) {
            this.imageTag = io.glassbox.provisioner.spec.ImageTag.check("image tag", tag);
            return this;
        }

        /**
         * A release's task before the rollout (the CLI's {@code --before-rollout}): a one-off task of the service's new
         * task definition with {@code task}'s command, run before any service rolls out; they roll out only if it
         * exits 0.
         */
        public Builder beforeRollout(ReleaseTask task) {
            this.releaseTask = Objects.requireNonNull(task);
            return this;
        }

        /** A complete desired state, instead of environment + config. */
        public Builder spec(EnvironmentSpec spec) {
            this.spec = spec;
            return this;
        }

        public Builder region(String region) {
            this.region = Objects.requireNonNull(region);
            return this;
        }

        /** A named profile of the shared AWS config files; else the default credentials chain. */
        public Builder profile(String profile) {
            this.profile = profile;
            return this;
        }

        /** Sends every call to this endpoint (an emulator) instead of AWS's. */
        public Builder endpoint(URI endpoint) {
            this.endpoint = endpoint;
            return this;
        }

        /**
         * Whether the environment configures endpoints of its own ({@code AWS_ENDPOINT_URL},
         * {@code AWS_ENDPOINT_URL_<SERVICE>}; the SDK applies them to every client not given {@link #endpoint}).
         */
        public Builder configuredEndpoints(boolean configured) {
            this.configuredEndpoints = configured;
            return this;
        }

        public Builder credentials(AwsCredentialsProvider credentials) {
            this.credentials = credentials;
            return this;
        }

        /** Adds an SDK interceptor to every client (to record or shape calls). */
        public Builder interceptor(ExecutionInterceptor interceptor) {
            this.interceptors.add(Objects.requireNonNull(interceptor));
            return this;
        }

        /** Limits the run to these stacks (their dependencies are observed, never changed). */
        public Builder stacks(Set<StackName> stacks) {
            this.stacks = stacks.isEmpty() ? EnumSet.noneOf(StackName.class) : EnumSet.copyOf(stacks);
            return this;
        }

        public Builder parallelism(int parallelism) {
            this.parallelism = parallelism;
            return this;
        }

        public Builder listener(ProvisionerListener listener) {
            this.listener = Objects.requireNonNull(listener);
            return this;
        }

        public Provisioner build() {
            return new Provisioner(this);
        }
    }
}
