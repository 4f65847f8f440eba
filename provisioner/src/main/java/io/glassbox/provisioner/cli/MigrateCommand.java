package io.glassbox.provisioner.cli;

import io.glassbox.provisioner.Provisioner;
import io.glassbox.provisioner.engine.ProvisionerListener;
import io.glassbox.provisioner.migrate.TakeoverPlan;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code migrate --from-cloudformation}: plans the takeover of an environment the CDK app deployed — which step
 * takes over which resource of which stack, what is left, the order the stacks are released in. Read calls only;
 * this version plans the takeover and changes nothing (exit 3, like any change that needs approval).
 */
@Command(name = "migrate", description = "Plan taking over an environment the CDK app deployed (read-only).")
public final class MigrateCommand implements Callable<Integer> {

    private static final Pattern STACK_PREFIX = Pattern.compile("[A-Za-z][A-Za-z0-9-]{0,100}");

    @ParentCommand
    ProvisionerCommand parent;

    @Mixin
    CommonOptions options;

    @Option(names = "--from-cloudformation", description = "Take over from the CDK app's CloudFormation stacks.")
    boolean fromCloudFormation;

    @Option(names = "--stack-prefix", paramLabel = "PREFIX",
            description = "The stacks' name prefix: PREFIX-{env}-Network … (default: GlassBox).")
    String stackPrefix = Provisioner.CDK_STACK_PREFIX;

    @Override
    public Integer call() {
        CliContext context = parent.context();
        if (!fromCloudFormation) {
            throw new UsageException("migrate needs --from-cloudformation (the only source it takes over from)");
        }
        if (!STACK_PREFIX.matcher(stackPrefix).matches()) {
            throw new UsageException("invalid --stack-prefix '" + stackPrefix + "' (letters, digits and dashes)");
        }
        CommonOptions.Validated run = options.validate(context.environment());
        try (Provisioner provisioner = CommandSupport.provisioner(context, run, options, ProvisionerListener.none())) {
            TakeoverPlan plan = provisioner.takeoverPlan(stackPrefix);
            TakeoverPlanPrinter.render(plan).forEach(context.out()::println);
            if (plan.nothingToTakeOver()) {
                return ExitCodes.OK;
            }
            context.err().println("nothing was changed: this version plans the takeover only (read calls only)");
            return ExitCodes.REFUSED;
        }
    }
}
