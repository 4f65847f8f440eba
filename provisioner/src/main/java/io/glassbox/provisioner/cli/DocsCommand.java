package io.glassbox.provisioner.cli;

import io.glassbox.provisioner.Provisioner;
import io.glassbox.provisioner.aws.CallerIdentity;
import io.glassbox.provisioner.docs.EnvironmentDocument;
import io.glassbox.provisioner.engine.Failures;
import io.glassbox.provisioner.engine.Plan;
import io.glassbox.provisioner.engine.ProvisionerException;
import io.glassbox.provisioner.engine.ProvisionerListener;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code docs}: the live environment as Markdown, a table per stack with real ids and values (read calls only). */
@Command(name = "docs", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        footer = {"", ExitCodes.FOOTER}, description = "Print the live environment as Markdown, stack by stack (read-only).")
public final class DocsCommand implements Callable<Integer> {

    @ParentCommand
    ProvisionerCommand parent;

    @Mixin
    CommonOptions options;

    @Override
    public Integer call() {
        CliContext context = parent.context();
        CommonOptions.Validated run = options.validate(context.environment());
        // The identity line goes to stderr: stdout is the Markdown document.
        ProvisionerListener identityLine = new ProvisionerListener() {
            @Override
            public void identity(CallerIdentity identity) {
                context.err().println(TextReporter.line(identity));
                context.err().flush();
            }
        };
        try (Provisioner provisioner = CommandSupport.provisioner(context, run, options, identityLine)) {
            Plan plan = provisioner.plan();
            if (!plan.complete()) {
                throw new ProvisionerException("cannot read every resource:" + Failures.listed(plan.failures()));
            }
            context.out().print(EnvironmentDocument.render(plan));
            context.out().flush();
            return ExitCodes.OK;
        }
    }
}
