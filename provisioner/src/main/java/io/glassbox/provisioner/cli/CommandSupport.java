package io.glassbox.provisioner.cli;

import io.glassbox.provisioner.Provisioner;
import io.glassbox.provisioner.engine.ForceUnlock;
import io.glassbox.provisioner.engine.ProvisionerListener;
import java.io.IOException;

/** What the commands share: turning validated options into a {@link Provisioner} and a {@link Reporter}. */
final class CommandSupport {

    private CommandSupport() {
    }

    /**
     * JSON lines with {@code --json}; on an interactive terminal (not TERM=dumb) the live view; otherwise plain
     * lines, one per step event, which logs and pipelines read well.
     */
    static Reporter reporter(CliContext context, CommonOptions options) {
        if (options.json) {
            return new JsonReporter(context.out());
        }
        TextReporter text = new TextReporter(context.out(), context.err(), options.verbose);
        boolean live = context.terminal().isPresent() && !"dumb".equals(context.environment().get("TERM"));
        return live ? new LiveReporter(text, context.out(), java.time.Clock.systemUTC()) : text;
    }

    static Provisioner provisioner(CliContext context, CommonOptions.Validated run, CommonOptions options,
                                   Reporter reporter) {
        return provisioner(context, run, options, (ProvisionerListener) reporter);
    }

    /** A provisioner reporting to {@code listener} ({@link ProvisionerListener#none()} for quiet commands). */
    static Provisioner provisioner(CliContext context, CommonOptions.Validated run, CommonOptions options,
                                   ProvisionerListener listener) {
        Provisioner.Builder builder = Provisioner.builder()
                .environment(run.environment())
                .config(run.config())
                .region(run.region())
                .profile(options.profile)
                .endpoint(run.endpoint())
                .configuredEndpoints(run.configuredEndpoints())
                .stacks(run.stacks())
                .parallelism(options.parallelism)
                .options(run.runOptions())
                .lock(run.lock())
                .listener(listener);
        run.imageTag().ifPresent(builder::imageTag);
        run.releaseTask().ifPresent(builder::beforeRollout);
        context.interceptors().forEach(builder::interceptor);
        return builder.build();
    }

    /**
     * What {@code --force-unlock} does with a live lock (a lease not expired, a holder that may still run): removed
     * with {@code --yes}, or when the operator types the environment's name on a terminal; refused otherwise. Whose lock
     * was removed is always printed.
     */
    static ForceUnlock forceUnlock(CliContext context, Reporter reporter, boolean yes, String environment) {
        return new ForceUnlock() {
            @Override
            public boolean mayRemoveLive(String holder) {
                return yes || confirm(context, "The lock of " + holder + " has not expired: its run may still be"
                        + " going.", environment);
            }

            @Override
            public void removed(String holder) {
                reporter.notice("--force-unlock removed the lock of " + holder);
            }
        };
    }

    /**
     * Asks the operator on an interactive terminal to type {@code expected}; false when there is no terminal
     * or the answer differs.
     */
    static boolean confirm(CliContext context, String question, String expected) {
        if (context.terminal().isEmpty()) {
            return false;
        }
        context.out().print(question + " Type '" + expected + "' to go ahead: ");
        context.out().flush();
        try {
            String answer = context.terminal().get().readLine();
            return answer != null && answer.trim().equals(expected);
        } catch (IOException e) {
            return false;
        }
    }
}
