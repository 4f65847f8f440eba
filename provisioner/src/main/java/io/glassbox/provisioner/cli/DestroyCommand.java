package io.glassbox.provisioner.cli;

import io.glassbox.provisioner.Provisioner;
import io.glassbox.provisioner.engine.DeletableData;
import io.glassbox.provisioner.engine.RunResult;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
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
@Command(name = "destroy", description = "Delete the environment's resources (needs --yes or typed confirmation).")
public final class DestroyCommand implements Callable<Integer> {

    @ParentCommand
    ProvisionerCommand parent;

    @Mixin
    CommonOptions options;

    @Option(names = "--yes", description = "Do not ask; destroy.")
    boolean yes;

    @Option(names = "--delete-log-groups",
            description = "Delete the services' log groups too (kept by default: logs are data).")
    boolean deleteLogGroups;

    @Option(names = "--delete-images",
            description = "Delete ECR repositories even when they hold images (refused by default).")
    boolean deleteImages;

    @Option(names = "--delete-users",
            description = "Delete the Cognito user pool even when it has users (refused by default).")
    boolean deleteUsers;

    @Option(names = "--delete-objects",
            description = "Empty and delete the files bucket even when it holds objects (refused by default).")
    boolean deleteObjects;

    @Option(names = "--delete-protected-database",
            description = "Turn deletion protection off and delete the database, after a final snapshot.")
    boolean deleteProtectedDatabase;

    @Override
    public Integer call() {
        CliContext context = parent.context();
        CommonOptions.Validated validated = options.validate(context.environment());
        Set<DeletableData> deletable = EnumSet.noneOf(DeletableData.class);
        Map.of(DeletableData.LOG_GROUPS, deleteLogGroups, DeletableData.IMAGES, deleteImages,
                DeletableData.USERS, deleteUsers, DeletableData.OBJECTS, deleteObjects,
                DeletableData.PROTECTED_DATABASE, deleteProtectedDatabase)
                .forEach((data, asked) -> {
                    if (asked) {
                        deletable.add(data);
                    }
                });
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
