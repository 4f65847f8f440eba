package io.glassbox.provisioner.cli;

import io.glassbox.provisioner.Provisioner;
import io.glassbox.provisioner.engine.DeletableData;
import io.glassbox.provisioner.engine.RunResult;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code destroy}: delete the environment's resources in reverse dependency order. Needs {@code --yes} or the
 * environment's name typed on a terminal; data-holding resources are refused up front (nothing is deleted).
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
        CommonOptions.Validated run = validated.deleting(deletable);
        Reporter reporter = CommandSupport.reporter(context, options);
        boolean approved = yes || CommandSupport.confirm(context,
                "This deletes the " + run.environment().id() + " environment's resources.", run.environment().id());
        long start = System.nanoTime();
        try (Provisioner provisioner = CommandSupport.provisioner(context, run, options, reporter)) {
            RunResult result = provisioner.destroy(approved);
            reporter.summary("Destroy", result, Duration.ofNanos(System.nanoTime() - start));
            return result.succeeded() ? ExitCodes.OK : ExitCodes.ERROR;
        }
    }
}
