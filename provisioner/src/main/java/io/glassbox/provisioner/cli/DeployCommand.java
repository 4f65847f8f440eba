package io.glassbox.provisioner.cli;

import io.glassbox.provisioner.Provisioner;
import io.glassbox.provisioner.engine.Plan;
import io.glassbox.provisioner.engine.RunResult;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code deploy} (the default command): plan, show the plan, then apply it. Creates and safe in-place updates
 * go ahead; replacements, deletions and broadening changes need {@code --yes} or a typed confirmation on a
 * terminal, else exit 3 listing them.
 */
@Command(name = "deploy", description = "Plan, then converge the environment to the spec (default command).")
public final class DeployCommand implements Callable<Integer> {

    @ParentCommand
    ProvisionerCommand parent;

    @Mixin
    CommonOptions options;

    @Option(names = "--yes", description = "Approve replacements, deletions and broadening changes.")
    boolean yes;

    @Override
    public Integer call() {
        return run(parent.context(), options, yes);
    }

    static int run(CliContext context, CommonOptions options, boolean yes) {
        CommonOptions.Validated run = options.validate(context.environment());
        Reporter reporter = CommandSupport.reporter(context, options);
        long start = System.nanoTime();
        try (Provisioner provisioner = CommandSupport.provisioner(context, run, options, reporter)) {
            Plan plan = provisioner.plan();
            reporter.plan(plan);
            boolean approved = yes;
            if (!approved && !plan.changesNeedingApproval().isEmpty() && plan.complete()) {
                approved = CommandSupport.confirm(context, "Some changes above need approval.", "yes");
            }
            if (options.skipDataPlane) {
                reporter.notice("data plane skipped (--skip-data-plane): database extensions and Redis readiness"
                        + " were not checked");
            }
            RunResult result = provisioner.apply(plan, approved);
            reporter.summary("Deploy", result, Duration.ofNanos(System.nanoTime() - start));
            reporter.outputTable(result.outputs());
            return result.succeeded() ? ExitCodes.OK : result.refused() ? ExitCodes.REFUSED : ExitCodes.ERROR;
        }
    }
}
