package io.glassbox.provisioner.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code provisioner}: the top-level command. Without a subcommand it deploys, so
 * {@code java -jar provisioner.jar --env production} converges production from a release pipeline.
 */
@Command(name = "provisioner", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Provisions the GlassBox AWS infrastructure: plan, deploy, destroy, outputs.",
        subcommands = {DeployCommand.class, PlanCommand.class, DestroyCommand.class, OutputsCommand.class, MigrateCommand.class,
                CostCommand.class, DocsCommand.class, CommandLine.HelpCommand.class},
        footer = {"", ExitCodes.FOOTER, "Run provisioner help COMMAND (or COMMAND --help) for a command's options."})
public final class ProvisionerCommand implements Callable<Integer> {

    private final CliContext context;

    @Mixin
    CommonOptions options;

    @Option(names = "--yes", description = "Approve replacements of stateless resources, deletions and broadening"
            + " changes (a replacement that deletes data needs its --delete-* flag).")
    boolean yes;

    @Mixin
    DataDeletionOptions data;

    @Option(names = "--delete-database",
            description = "Let a replacement delete the database (after a final snapshot) and create it anew, empty.")
    boolean deleteDatabase;

    @Mixin
    ReleaseOptions release;

    public ProvisionerCommand(CliContext context) {
        this.context = context;
    }

    CliContext context() {
        return context;
    }

    @Override
    public Integer call() {
        return DeployCommand.run(context, options, yes, data, deleteDatabase, release);
    }
}
