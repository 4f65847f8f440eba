package io.glassbox.provisioner.cli;

import io.glassbox.provisioner.Provisioner;
import io.glassbox.provisioner.engine.DeletableData;
import io.glassbox.provisioner.engine.DestroyPlan;
import io.glassbox.provisioner.engine.RefusedException;
import io.glassbox.provisioner.engine.RunResult;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code destroy}: delete the environment's resources in reverse dependency order. Shows the destroy plan first (what
 * is deleted, what is kept and why), then needs {@code --yes} or the environment's name typed on a terminal;
 * data-holding resources are refused up front (nothing is deleted).
 */
@Command(name = "destroy", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        footer = {"", ExitCodes.FOOTER}, description = "Delete the environment's resources (needs --yes or typed confirmation).")
public final class DestroyCommand implements Callable<Integer> {

    @ParentCommand
    ProvisionerCommand parent;

    @Mixin
    CommonOptions options;

    @Option(names = "--yes", description = "Do not ask; destroy.")
    boolean yes;

    @Mixin
    DataDeletionOptions data;

    @Override
    public Integer call() {
        CliContext context = parent.context();
        CommonOptions.Validated validated = options.validate(context.environment());
        Set<DeletableData> deletable = data.kinds();
        Reporter reporter = CommandSupport.reporter(context, options);
        CommonOptions.Validated run = validated.deleting(deletable).unlocking(CommandSupport.forceUnlock(context,
                reporter, yes, validated.environment().id()));
        if (!yes && context.terminal().isEmpty()) {
            // Nobody can be asked: refused before any call (plan --destroy shows what it would delete).
            throw new RefusedException("destroy needs approval; nothing was deleted", List.of("pass --yes, or type the"
                    + " environment name when asked on a terminal; plan --destroy shows what would be deleted"));
        }
        long start = System.nanoTime();
        try (Provisioner provisioner = CommandSupport.provisioner(context, run, options, reporter)) {
            // What goes and what stays is shown before anything is asked or deleted, as plan shows a deploy.
            DestroyPlan plan = provisioner.destroyPlan();
            reporter.destroyPlan(plan);
            if (plan.nothingToDelete() && plan.refusals().isEmpty()) {
                return ExitCodes.OK;
            }
            boolean approved = yes || (plan.refusals().isEmpty() && CommandSupport.confirm(context,
                    "This deletes the resources above.", run.environment().id()));
            RunResult result = provisioner.destroy(plan, approved);
            reporter.summary("Destroy", result, Duration.ofNanos(System.nanoTime() - start));
            // A step that refused while deleting (a protection met only then) is a refusal, as for deploy.
            return result.succeeded() ? ExitCodes.OK : result.refused() ? ExitCodes.REFUSED : ExitCodes.ERROR;
        }
    }
}
