package io.glassbox.provisioner.cli;

import io.glassbox.provisioner.Provisioner;
import io.glassbox.provisioner.engine.DeletableData;
import io.glassbox.provisioner.engine.Plan;
import io.glassbox.provisioner.engine.RunResult;
import io.glassbox.provisioner.stacks.compute.ServiceStep;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code deploy} (the default command): plan, show the plan, then apply it. Creates and safe in-place updates
 * go ahead; replacements, deletions and broadening changes need {@code --yes} or a typed confirmation on a
 * terminal, else exit 3 listing them. A replacement that would delete data (a database, a bucket with objects,
 * a pool with users, a repository with images) is refused up front with exit 3 whatever was approved, unless
 * the operator names that data with its {@code --delete-*} flag, as for destroy.
 */
@Command(name = "deploy", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        footer = {"", ExitCodes.FOOTER}, description = "Plan, then converge the environment to the spec (default command).")
public final class DeployCommand implements Callable<Integer> {

    @ParentCommand
    ProvisionerCommand parent;

    @Mixin
    CommonOptions options;

    @Option(names = "--yes", description = "Approve replacements of stateless resources, deletions and broadening"
            + " changes (a replacement that deletes data needs its --delete-* flag).")
    boolean yes;

    @Mixin
    DataDeletionOptions data;

    @Mixin
    ReleaseOptions release;

    @Option(names = "--delete-database",
            description = "Let a replacement delete the database (after a final snapshot) and create it anew, empty.")
    boolean deleteDatabase;

    @Override
    public Integer call() {
        return run(parent.context(), options, yes, data, deleteDatabase, release);
    }

    static int run(CliContext context, CommonOptions options, boolean yes, DataDeletionOptions data,
                   boolean deleteDatabase, ReleaseOptions release) {
        Set<DeletableData> deletable = data.kinds();
        DataDeletionOptions.add(deletable, deleteDatabase, DeletableData.DATABASE);
        Reporter reporter = CommandSupport.reporter(context, options);
        CommonOptions.Validated validated = release.applyTo(options.validate(context.environment())
                .deleting(deletable));
        CommonOptions.Validated run = validated.unlocking(CommandSupport.forceUnlock(context, reporter, yes,
                validated.environment().id()));
        long start = System.nanoTime();
        try (Provisioner provisioner = CommandSupport.provisioner(context, run, options, reporter)) {
            Plan plan = provisioner.plan();
            reporter.plan(plan);
            boolean approved = yes;
            // Asking is pointless when the plan would delete data: only the --delete-* flags allow that.
            if (!approved && !plan.changesNeedingApproval().isEmpty() && plan.complete()
                    && plan.dataLossRefusals().isEmpty()) {
                approved = CommandSupport.confirm(context, "Some changes above need approval.", "yes");
            }
            if (options.skipDataPlane) {
                reporter.notice("data plane skipped (--skip-data-plane): database extensions and Redis readiness"
                        + " were not checked");
            }
            RunResult result = provisioner.apply(plan, approved);
            reporter.summary("Deploy", result, Duration.ofNanos(System.nanoTime() - start));
            reporter.outputTable(result.outputs());
            reporter.imagesToPush(ServiceStep.imagesAwaited(result.outputs()));
            return result.succeeded() ? ExitCodes.OK : result.refused() ? ExitCodes.REFUSED : ExitCodes.ERROR;
        }
    }
}
