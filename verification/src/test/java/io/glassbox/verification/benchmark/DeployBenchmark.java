package io.glassbox.verification.benchmark;

import io.glassbox.provisioner.Provisioner;
import io.glassbox.provisioner.engine.Plan;
import io.glassbox.provisioner.engine.ProvisionerListener;
import io.glassbox.provisioner.engine.RunOptions;
import io.glassbox.provisioner.engine.RunResult;
import io.glassbox.provisioner.engine.StepGraph;
import io.glassbox.provisioner.engine.StepId;
import io.glassbox.provisioner.spec.Environment;
import io.glassbox.provisioner.spec.EnvironmentSpec;
import io.glassbox.provisioner.spec.EnvironmentSpecs;
import io.glassbox.provisioner.spec.StackName;
import io.glassbox.provisioner.stacks.StackCatalog;
import io.glassbox.verification.support.CallRecorder;
import io.glassbox.verification.support.FaultProxy;
import io.glassbox.verification.support.JarProcess;
import io.glassbox.verification.support.LocalEmulator;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Issue 6's benchmark, run by {@code scripts/benchmark.sh}: deploys each environment into an empty emulator
 * under the {@link LatencyModel} and prints, per environment, the deploy's wall time against the critical-path
 * lower bound, the stack-by-stack time and the fully sequential sum; then the calls and wall time of a plan
 * and a no-op deploy, in process and as the jar, with the JVM's share of the jar's wall time.
 *
 * <p>Arguments: {@code [--seconds-per-minute S] [--env staging|production]... [--timeline]} (both environments by
 * default; {@code --timeline} prints when each step of the longest measured chain started and finished, and the
 * no-op plan's calls by operation).
 * The data plane is skipped: the model is about AWS's waits.
 */
public final class DeployBenchmark {

    private final LatencyModel model;
    private final PrintStream out;
    private final boolean verbose;

    DeployBenchmark(LatencyModel model, PrintStream out, boolean verbose) {
        this.model = model;
        this.out = out;
        this.verbose = verbose;
    }

    public static void main(String[] args) throws Exception {
        double secondsPerMinute = 1;
        boolean verbose = false;
        List<Environment> environments = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--seconds-per-minute" -> secondsPerMinute = Double.parseDouble(args[++i]);
                case "--env" -> environments.add(Environment.fromId(args[++i]));
                case "--timeline" -> verbose = true;
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + " (use --seconds-per-minute S, --env ENV, --timeline)");
            }
        }
        if (environments.isEmpty()) {
            environments = List.of(Environment.STAGING, Environment.PRODUCTION);
        }
        DeployBenchmark benchmark = new DeployBenchmark(new LatencyModel(secondsPerMinute), System.out, verbose);
        for (Environment environment : environments) {
            benchmark.run(environment);
        }
        System.exit(0); // the SDK's and the proxy's pools would keep the JVM up a while longer
    }

    void run(Environment environment) throws Exception {
        EnvironmentSpec spec = EnvironmentSpecs.forEnvironment(environment);
        RunOptions options = options();
        StepGraph graph = StackCatalog.graph(spec, options);
        CriticalPath bound = new CriticalPath(graph, step -> model.creationTime(step, spec));
        out.printf(Locale.ROOT, "%n== %s: %d steps, latency model 1 min of AWS = %.2f s, poll every %d ms, data plane skipped%n",
                environment.id(), graph.order().size(), model.secondsPerMinute(), model.pollInterval().toMillis());
        out.printf(Locale.ROOT, "  critical path (model)      %7.2f s  %s%n", seconds(bound.length()),
                bound.longestChain().stream().filter(id -> !model.creationTime(graph.step(id), spec).isZero())
                        .map(StepId::value).collect(Collectors.joining(" -> ")));
        out.printf(Locale.ROOT, "  stack by stack (model)     %7.2f s  %s%n", seconds(bound.stackByStack()),
                bound.stackOrder().stream().map(StackName::displayName).collect(Collectors.joining(", ")));
        out.printf(Locale.ROOT, "  sequential sum (model)     %7.2f s%n", seconds(bound.sequentialSum()));

        LocalEmulator.reset();
        CallRecorder emptyCalls = new CallRecorder();
        try (Provisioner planner = provisioner(environment, emptyCalls, false)) {
            planner.plan(); // warms this JVM, as in noOp below
            emptyCalls.clear();
            report("plan, empty account", timed(planner::plan), emptyCalls, graph.order().size());
        }
        CallRecorder firstCalls = new CallRecorder();
        Duration deploy;
        Timeline timeline = new Timeline();
        try (Provisioner provisioner = provisioner(environment, firstCalls, true, timeline)) {
            deploy = timed(() -> requireSuccess(provisioner.deploy(true)));
        }
        out.printf(Locale.ROOT, "  deploy, wall time          %7.2f s  = %.2f x critical path (goal <= 1.10), %.2f x stack by stack, "
                        + "%.2f x sequential; %d calls%n", seconds(deploy), ratio(deploy, bound.length()),
                ratio(deploy, bound.stackByStack()), ratio(deploy, bound.sequentialSum()), firstCalls.all().size());
        CriticalPath measured = new CriticalPath(graph, timeline::duration);
        out.printf(Locale.ROOT, "  longest chain, as measured %7.2f s  each step's own time in this run (API calls and waits); "
                + "the rest of the wall time is scheduling%n", seconds(measured.length()));
        if (verbose) {
            timeline.print(out, measured.longestChain());
        }

        Duration warmPlan = noOp(environment, graph.order().size());
        jar(environment, warmPlan);

    }

    /**
     * Plan and deploy of the environment just deployed: calls made and wall time, in this (warm) JVM. Returns the
     * plan's time, the provisioner's own share of a jar run's wall time.
     */
    private Duration noOp(Environment environment, int steps) throws Exception {
        Duration planTime;
        CallRecorder planCalls = new CallRecorder();
        try (Provisioner planner = provisioner(environment, planCalls, false)) {
            planner.plan(); // warms this JVM's code paths, so the figures below are the provisioner's own work
            planCalls.clear();
            Plan[] plan = new Plan[1];
            planTime = timed(() -> plan[0] = planner.plan());
            if (plan[0].hasChanges()) {
                throw new IllegalStateException("the deploy left changes behind:\n" + plan[0]);
            }
            report("plan (library)", planTime, planCalls, steps);
            if (verbose) {
                planCalls.all().stream().collect(Collectors.groupingBy(c -> c, java.util.TreeMap::new, Collectors.counting()))
                        .forEach((call, count) -> out.printf(Locale.ROOT, "      %3d %s%n", count, call));
            }
        }
        CallRecorder deployCalls = new CallRecorder();
        try (Provisioner deployer = provisioner(environment, deployCalls, false)) {
            report("no-op deploy (library)", timed(() -> requireSuccess(deployer.deploy(false))), deployCalls, steps);
        }
        return planTime;
    }

    /** The same plan and no-op deploy as the jar, counting its requests through a forwarding proxy. */
    private void jar(Environment environment, Duration warmPlan) throws Exception {
        Path jar = JarProcess.jar();
        try (FaultProxy proxy = new FaultProxy(LocalEmulator.endpoint(), 0, 1)) {
            String[] plan = {"plan", "--env", environment.id(), "--skip-data-plane", "--endpoint-url",
                    proxy.endpoint().toString()};
            Duration help = timed(() -> check(JarProcess.run("--help")));
            out.printf(Locale.ROOT, "  jar --help (JVM start)     %7.2f s%n", seconds(help));
            int before = proxy.forwarded();
            Duration planJar = timed(() -> check(JarProcess.run(plan)));
            int planRequests = proxy.forwarded() - before;
            out.printf(Locale.ROOT, "  plan (jar)                 %7.2f s  %d HTTP requests; JVM share %.0f %% (wall - warm "
                            + "in-process plan %.2f s)%n", seconds(planJar), planRequests,
                    100 * (1 - ratio(warmPlan, planJar)), seconds(warmPlan));
            check(JarProcess.runLauncher(jar, plan)); // the first launcher run writes the class-data archive
            Duration planCds = timed(() -> check(JarProcess.runLauncher(jar, plan)));
            out.printf(Locale.ROOT, "  plan (scripts/provisioner) %7.2f s  with the AppCDS archive; JVM share %.0f %%%n",
                    seconds(planCds), 100 * (1 - ratio(warmPlan, planCds)));
            before = proxy.forwarded();
            Duration deployCds = timed(() -> check(JarProcess.runLauncher(jar, "deploy", "--env", environment.id(),
                    "--skip-data-plane", "--endpoint-url", proxy.endpoint().toString())));
            out.printf(Locale.ROOT, "  no-op deploy (launcher)    %7.2f s  %d HTTP requests%n", seconds(deployCds),
                    proxy.forwarded() - before);
        }
    }

    private void report(String what, Duration time, CallRecorder calls, int steps) {
        long reads = calls.all().stream().filter(CallRecorder::isRead).count();
        out.printf(Locale.ROOT, "  %-26s %7.2f s  %d calls (%d reads, %d changes) for %d steps = %.2f per step%n", what,
                seconds(time), calls.all().size(), reads, calls.all().size() - reads, steps,
                calls.all().size() / (double) steps);
    }

    private RunOptions options() {
        return new RunOptions(false, true, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Set.of(), false, model.pollInterval());
    }

    private Provisioner provisioner(Environment environment, CallRecorder calls, boolean slowResources) {
        return provisioner(environment, calls, slowResources, ProvisionerListener.none());
    }

    private Provisioner provisioner(Environment environment, CallRecorder calls, boolean slowResources,
                                    ProvisionerListener listener) {
        Provisioner.Builder builder = Provisioner.builder().environment(environment).region("us-east-1")
                .endpoint(LocalEmulator.endpoint())
                .credentials(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))
                .options(options()).interceptor(calls).listener(listener);
        if (slowResources) {
            builder.interceptor((ExecutionInterceptor) new LatencyInterceptor(model));
        }
        return builder.build();
    }

    private static void requireSuccess(RunResult result) {
        if (!result.succeeded()) {
            throw new IllegalStateException("deploy failed: " + result.failures());
        }
    }

    private static void check(JarProcess.Run run) {
        if (run.exitCode() != 0) {
            throw new IllegalStateException("the jar exited " + run.exitCode() + ": " + run.err());
        }
    }

    private interface Timed {
        void run() throws Exception;
    }

    private static Duration timed(Timed action) throws Exception {
        long start = System.nanoTime();
        action.run();
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }

    private static double ratio(Duration a, Duration b) {
        return b.isZero() ? Double.NaN : a.toNanos() / (double) b.toNanos();
    }
}
