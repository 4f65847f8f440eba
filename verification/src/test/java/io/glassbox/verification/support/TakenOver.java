package io.glassbox.verification.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Both environments as a takeover leaves them: the CDK app created in a fresh emulator through CloudFormation,
 * then {@code migrate --from-cloudformation --yes} for each. The stack checks run on these as on a fresh deploy
 * ({@code Migrated*StackIT}).
 */
public final class TakenOver {

    private TakenOver() {
    }

    /** Creates and takes over both environments; {@code configs} gives an environment's config file, if any. */
    public static void bothEnvironments(Map<String, Path> configs) {
        LocalEmulator.reset();
        try (AwsProbe aws = new AwsProbe()) {
            for (String env : List.of("staging", "production")) {
                CdkFixture.deploy(aws, env, CdkFixture.certificate(aws, env));
                List<String> args = new ArrayList<>(List.of("migrate", "--env", env, "--from-cloudformation", "--yes",
                        "--skip-data-plane"));
                if (configs.containsKey(env)) {
                    args.addAll(List.of("--config", configs.get(env).toString()));
                }
                Cli.Result migrate = Cli.run(args.toArray(String[]::new));
                assertThat(migrate.exitCode()).as(migrate.toString()).isZero();
            }
        }
    }

    public static void bothEnvironments() {
        bothEnvironments(Map.of());
    }
}
