package io.glassbox.provisioner.cli;

import io.glassbox.provisioner.Provisioner;
import io.glassbox.provisioner.engine.Failures;
import io.glassbox.provisioner.engine.Plan;
import io.glassbox.provisioner.engine.ProvisionerException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code outputs}: the live ids, ARNs and URLs of the environment, read from AWS (there is no state file). */
@Command(name = "outputs", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        footer = {"", ExitCodes.FOOTER}, description = "Print the environment's outputs, read live from AWS.")
public final class OutputsCommand implements Callable<Integer> {

    @ParentCommand
    ProvisionerCommand parent;

    @Mixin
    CommonOptions options;

    @Override
    public Integer call() {
        CliContext context = parent.context();
        CommonOptions.Validated run = options.validate(context.environment());
        Reporter reporter = CommandSupport.reporter(context, options);
        try (Provisioner provisioner = CommandSupport.provisioner(context, run, options, reporter)) {
            Plan plan = provisioner.plan();
            if (!plan.complete()) {
                throw new ProvisionerException("cannot read every resource, so the outputs would be incomplete:"
                        + Failures.listed(plan.failures()));
            }
            reporter.outputTable(provisioner.outputs(plan));
            return ExitCodes.OK;
        }
    }
}
