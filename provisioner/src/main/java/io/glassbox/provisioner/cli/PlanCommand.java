package io.glassbox.provisioner.cli;

import io.glassbox.provisioner.Provisioner;
import io.glassbox.provisioner.engine.DestroyPlan;
import io.glassbox.provisioner.engine.Failures;
import io.glassbox.provisioner.engine.Plan;
import io.glassbox.provisioner.engine.ProvisionerException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code plan}: observe and diff with read-only calls, and print what a deploy would do. */
@Command(name = "plan", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        footer = {"", ExitCodes.FOOTER}, description = "Show what deploy would change; read-only.")
public final class PlanCommand implements Callable<Integer> {

    @ParentCommand
    ProvisionerCommand parent;

    @Mixin
    CommonOptions options;

    @Option(names = "--detailed-exitcode", description = "Exit 2 when there are changes, 0 when there are none.")
    boolean detailedExitCode;

    @Option(names = "--destroy", description = "Show what destroy would delete and keep (and what refuses it), deleting"
            + " nothing; with --detailed-exitcode, exit 2 when something would be deleted.")
    boolean destroy;

    @Mixin
    DataDeletionOptions data;

    @Mixin
    ReleaseOptions release;

    @Override
    public Integer call() {
        CliContext context = parent.context();
        CommonOptions.Validated run = release.applyTo(options.validate(context.environment())
                .deleting(data.kinds()));
        Reporter reporter = CommandSupport.reporter(context, options);
        try (Provisioner provisioner = CommandSupport.provisioner(context, run, options, reporter)) {
            if (destroy) {
                DestroyPlan plan = provisioner.destroyPlan();
                reporter.destroyPlan(plan);
                return detailedExitCode && !plan.nothingToDelete() ? ExitCodes.CHANGES : ExitCodes.OK;
            }
            Plan plan = provisioner.plan();
            reporter.plan(plan);
            if (!plan.complete()) {
                throw new ProvisionerException("the plan is incomplete:" + Failures.listed(plan.failures()));
            }
            // What deploy checks first: a pipeline's plan stage learns of a shortfall before its deploy stage.
            for (String shortfall : provisioner.quotaShortfalls(plan)) {
                reporter.notice("quota too low, deploy will refuse: " + shortfall);
            }
            return detailedExitCode && plan.hasChanges() ? ExitCodes.CHANGES : ExitCodes.OK;
        }
    }
}
