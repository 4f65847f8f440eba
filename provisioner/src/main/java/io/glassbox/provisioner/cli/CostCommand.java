package io.glassbox.provisioner.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.glassbox.provisioner.cost.CostEstimate;
import io.glassbox.provisioner.cost.PriceTable;
import io.glassbox.provisioner.spec.EnvironmentSpecs;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/**
 * {@code cost}: a monthly estimate of an environment from its desired state and the built-in price table,
 * as a Markdown table in the shape of the spec's cost table (or JSON). Makes no AWS call.
 */
@Command(name = "cost", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        footer = {"", ExitCodes.FOOTER}, description = "Estimate the environment's monthly cost (built-in us-east-1 prices; no AWS call).")
public final class CostCommand implements Callable<Integer> {

    @ParentCommand
    ProvisionerCommand parent;

    @Mixin
    CommonOptions options;

    @Override
    public Integer call() {
        CliContext context = parent.context();
        CommonOptions.Validated run = options.validate(context.environment());
        CostEstimate estimate = new CostEstimate(EnvironmentSpecs.forEnvironment(run.environment(), run.config()));
        PrintWriter out = context.out();
        if (options.json) {
            ObjectMapper json = new ObjectMapper();
            ObjectNode root = json.createObjectNode();
            root.put("environment", run.environment().id());
            root.put("prices", PriceTable.AS_OF);
            ArrayNode rows = root.putArray("rows");
            estimate.rows().forEach(r -> {
                ObjectNode row = rows.addObject().put("service", r.service()).put("basis", r.basis());
                r.monthlyUsd().ifPresentOrElse(v -> row.put("monthly_usd", Math.round(v * 100) / 100.0),
                        () -> row.putNull("monthly_usd"));
            });
            root.put("total_monthly_usd", Math.round(estimate.total() * 100) / 100.0);
            out.println(root);
        } else {
            out.println("## Cost Estimate (" + run.environment().id() + ")");
            out.println();
            out.println("| Service | Monthly Cost (USD) | Basis |");
            out.println("|---------|-------------------|-------|");
            estimate.rows().forEach(r -> out.println("| " + r.service() + " | "
                    + r.monthlyUsd().map(CostCommand::usd).orElse("(no price in the table)") + " | " + r.basis() + " |"));
            out.println("| **Total** | **" + usd(estimate.total()) + "/month** | |");
            out.println();
            out.println("Prices: " + PriceTable.AS_OF + "; sources: aws.amazon.com/{fargate,rds/postgresql,elasticache,"
                    + "vpc,elasticloadbalancing,s3,sqs,cloudwatch,secrets-manager,kms}/pricing. An estimate, not a bill.");
        }
        out.flush();
        return ExitCodes.OK;
    }

    private static String usd(double value) {
        return String.format(Locale.ROOT, value < 10 ? "~$%.2f" : "~$%.0f", value);
    }
}
