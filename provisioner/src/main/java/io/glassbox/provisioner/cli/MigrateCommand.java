package io.glassbox.provisioner.cli;

import io.glassbox.provisioner.Provisioner;
import io.glassbox.provisioner.engine.ApprovalPolicy;
import io.glassbox.provisioner.engine.Plan;
import io.glassbox.provisioner.engine.RunResult;
import io.glassbox.provisioner.stacks.compute.ServiceStep;
import io.glassbox.provisioner.migrate.TakeoverPlan;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code migrate --from-cloudformation}: takes over an environment the CDK app deployed. It prints the takeover
 * plan (which step takes over which resource of which stack, what is left, the order the stacks are released in,
 * then what the deploy afterwards changes); without {@code --yes} that is all (exit 3, or a typed confirmation on a
 * terminal). With it: our tags on every resource taken over, Retain on every resource of every stack, the stacks
 * deleted (nothing in them), then the ordinary deploy. Run again after a crash, it continues where the account
 * stands; with no stack left it says so, and with {@code --yes} finishes the deploy.
 */
@Command(name = "migrate", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        footer = {"", ExitCodes.FOOTER}, description = "Take over an environment the CDK app deployed (CloudFormation stacks).")
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

    @Option(names = "--database-secret", paramLabel = "ARN",
            description = "The secret (ARN or name) whose password the database has, when the stacks do not tell it:"
                    + " its username and password become glassbox/{env}/database.")
    String databaseSecret;

    @Option(names = "--yes", description = "Take over: release the stacks (nothing in them deleted), then deploy,"
            + " with its replacements of stateless resources and broadening changes approved.")
    boolean yes;

    @Override
    public Integer call() {
        CliContext context = parent.context();
        if (!fromCloudFormation) {
            throw new UsageException("migrate needs --from-cloudformation (the only source it takes over from)");
        }
        if (!STACK_PREFIX.matcher(stackPrefix).matches()) {
            throw new UsageException("invalid --stack-prefix '" + stackPrefix + "' (letters, digits and dashes)");
        }
        if (!options.stacks.isEmpty()) {
            throw new UsageException("migrate takes over the whole environment: --stack does not apply to it");
        }
        Reporter reporter = CommandSupport.reporter(context, options);
        CommonOptions.Validated validated = options.validate(context.environment());
        CommonOptions.Validated run = validated.unlocking(CommandSupport.forceUnlock(context, reporter, yes,
                validated.environment().id()));
        long start = System.nanoTime();
        try (Provisioner provisioner = CommandSupport.provisioner(context, run, options, reporter)) {
            TakeoverPlan plan = provisioner.takeoverPlan(stackPrefix, java.util.Optional.ofNullable(databaseSecret));
            reporter.takeoverPlan(TakeoverPlanPrinter.render(plan));
            boolean approved = yes || (!plan.nothingToTakeOver() && CommandSupport.confirm(context,
                    "The stacks above will be released and the environment deployed.", run.environment().id()));
            if (!approved) {
                if (plan.nothingToTakeOver()) {
                    return ExitCodes.OK;
                }
                context.err().println("nothing was changed: pass --yes to take over (or type the environment name"
                        + " when asked on a terminal)");
                return ExitCodes.REFUSED;
            }
            if (options.skipDataPlane) {
                reporter.notice("data plane skipped (--skip-data-plane): database extensions and Redis readiness"
                        + " were not checked");
            }
            RunResult result;
            if (plan.nothingToTakeOver()) {
                // The stacks are gone (a takeover that stopped after releasing them, or one long done): what is
                // left is the ordinary deploy, shown and applied as deploy --yes would.
                Plan converge = provisioner.plan();
                reporter.plan(converge);
                result = provisioner.apply(converge, true);
            } else {
                result = provisioner.migrate(plan, ApprovalPolicy.approveAll());
            }
            reporter.summary("Migrate", result, Duration.ofNanos(System.nanoTime() - start));
            reporter.outputTable(result.outputs());
            reporter.imagesToPush(ServiceStep.imagesAwaited(result.outputs()));
            return result.succeeded() ? ExitCodes.OK : result.refused() ? ExitCodes.REFUSED : ExitCodes.ERROR;
        }
    }
}
