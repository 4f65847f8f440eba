package io.glassbox.provisioner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/** Bad input gets one line on stderr, a non-zero exit and no AWS call at all. */
class CliParsingTest {

    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        ExecutionInterceptor recorder = new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                calls.add(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
            }
        };
        CliContext context = new CliContext(new PrintWriter(out, true), new PrintWriter(err, true),
                // Any call would go to a closed port and fail: the recorder sees it first.
                Map.of("AWS_ENDPOINT_URL", "http://127.0.0.1:9", "AWS_ACCESS_KEY_ID", "x", "AWS_SECRET_ACCESS_KEY", "x"),
                Optional.empty(), List.of(recorder));
        return ProvisionerCli.run(context, args);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "plan --env prod|unknown environment 'prod' (expected one of: staging, production)",
        "--env qa|unknown environment 'qa'",
        "plan --env staging --stack Netwrk|unknown stack 'Netwrk'",
        "plan --env staging --stack GlassBox-production-Network|does not belong to environment staging",
        "plan --env staging --bogus|Unknown option: '--bogus'",
        "plan --env staging --parallelism many|Invalid value for option '--parallelism'",
        "plan --env staging --parallelism 0|--parallelism must be between 1 and 64",
        "plan --env staging --region mars|invalid region 'mars'",
        "plan --env staging --endpoint-url ftp://x|invalid endpoint URL 'ftp://x'",
        "plan|missing --env",
        "frobnicate --env staging|Unmatched argument",
        "plan --env staging --database-tunnel localhost|--database-tunnel: expected HOST:PORT, got 'localhost'",
        "plan --env staging --cache-tunnel 127.0.0.1:http|--cache-tunnel: expected HOST:PORT with a numeric port",
        "plan --env staging --max-wait soon|--max-wait: expected a duration such as 90s, 20m or 1h, got 'soon'",
        "plan --env staging --cache-ca-file /nonexistent/ca.pem|--cache-ca-file: cannot read /nonexistent/ca.pem",
        "destroy --env staging --stack GlassBox-production-Compute|does not belong to environment staging",
    })
    void badInputIsOneLineNonZeroAndNoAwsCall(String args, String message) {
        int code = run(args.split(" "));
        assertThat(code).isEqualTo(ExitCodes.ERROR);
        assertThat(err.toString().strip().lines()).hasSize(1);
        assertThat(err.toString()).startsWith("error: ").contains(message).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(calls).isEmpty();
    }

    @Test
    void badConfigNamesTheKeyBeforeAnyCall(@TempDir Path dir) throws Exception {
        Path config = Files.writeString(dir.resolve("glassbox.yaml"), "database:\n  backupRetentionDays: 90\n");
        assertThat(run("plan", "--env", "staging", "--config", config.toString())).isEqualTo(ExitCodes.ERROR);
        assertThat(err.toString().strip()).isEqualTo(
                "error: glassbox.yaml: database.backupRetentionDays: must be between 1 and 35, got 90");
        assertThat(calls).isEmpty();
    }

    @Test
    void aSizeFargateDoesNotOfferNamesTheKeyBeforeAnyCall(@TempDir Path dir) throws Exception {
        // Valid on its own, but not with the production API's 2048 MiB: RegisterTaskDefinition would refuse it.
        Path config = Files.writeString(dir.resolve("glassbox.yaml"), "services:\n  api:\n    cpu: 4096\n");
        assertThat(run("deploy", "--env", "production", "--config", config.toString())).isEqualTo(ExitCodes.ERROR);
        assertThat(err.toString().strip()).startsWith("error: config: services.api.cpu: with cpu 4096, memoryMb must be"
                + " one of 8192 to 30720 in steps of 1024, got 2048");
        assertThat(calls).isEmpty();
    }

    @Test
    void costIsTheSpecsCostTableWithoutAnyAwsCall(@TempDir Path dir) throws Exception {
        assertThat(run("cost", "--env", "staging")).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).contains("## Cost Estimate (staging)", "| Service | Monthly Cost (USD) | Basis |",
                "| RDS t3.medium | ~$55 |", "| **Total** | **~$").contains("Prices: 2025");
        Path config = Files.writeString(dir.resolve("glassbox.yaml"), "cache:\n  nodeType: cache.t3.small\n");
        assertThat(run("cost", "--env", "staging", "--json", "--config", config.toString())).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).contains("\"service\":\"ElastiCache t3.small\"", "\"total_monthly_usd\":");
        assertThat(calls).isEmpty();
    }

    @Test
    void destroyWithoutApprovalOffATerminalIsRefusedBeforeAnyCall() {
        assertThat(run("destroy", "--env", "staging")).isEqualTo(ExitCodes.REFUSED);
        assertThat(err.toString()).startsWith("error: refused: destroy needs approval");
        assertThat(calls).isEmpty();
    }

    @Test
    void helpListsTheCommandsAndExitCodes() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("deploy", "plan", "destroy", "outputs", "--env", "--detailed-exitcode"
                .substring(0, 2), "3 refused");
    }

    @ParameterizedTest
    @CsvSource({"deploy,--help", "plan,--help", "destroy,-h", "outputs,--help", "migrate,--help", "cost,-h",
            "docs,--help", "help,plan"})
    void everyCommandHasHelpWithItsOptionsAndExitCodes(String command, String flag) {
        int code = run(command, flag);
        String shown = command.equals("help") ? flag : command;
        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("Usage: provisioner " + shown).contains("--env")
                .contains("Exit codes: 0 done or no changes, 1 error, 2 plan has changes").contains("3 refused");
        assertThat(err.toString()).isEmpty();
        assertThat(calls).isEmpty();
    }
}
