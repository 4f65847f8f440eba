package io.glassbox.provisioner.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.glassbox.provisioner.engine.LockOptions;
import io.glassbox.provisioner.engine.ProvisionerException;
import io.glassbox.provisioner.engine.RefusedException;
import io.glassbox.provisioner.spec.Environment;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterAlreadyExistsException;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * The environment's lease lock: the SSM parameter {@code /glassbox/{env}/lock}, created with
 * {@code Overwrite=false} (so exactly one run can create it), holding its owner and expiry. The holder renews
 * it every third of the lease; a lock past its expiry, or held by a process of this machine that no longer
 * exists (a run killed with {@code kill -9}), belongs to a dead run and is taken over. Two deploys or
 * destroys of one environment therefore never interleave.
 */
public final class LeaseLock implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration POLL = Duration.ofSeconds(2);

    /** What the parameter holds; times as ISO-8601 instants. */
    record Holder(String id, String user, String host, long pid, String command, String acquired, String expires) {
        Instant expiresAt() {
            return Instant.parse(expires);
        }

        /** {@code user@host (pid 1234)}: who to ask about a held lock. */
        String owner() {
            return user + "@" + host + " (pid " + pid + ")";
        }

        /** {@code ci@runner-7 (pid 4242) (deploy since …, lease until …)}: whose lock it is and since when. */
        String describe() {
            return owner() + " (" + command + " since " + acquired + ", lease until " + expires + ")";
        }

        /** A holder on this machine whose process is gone was killed: its lock is stale before its expiry. */
        boolean deadOnThisHost() {
            return host.equals(hostName()) && ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
        }

        Holder renewedUntil(Instant until) {
            return new Holder(id, user, host, pid, command, acquired, until.toString());
        }
    }

    private final SsmClient ssm;
    private final String name;
    private final Holder holder;
    private final LockOptions options;
    private final Clock clock;
    private ScheduledExecutorService renewer;

    private LeaseLock(SsmClient ssm, String name, Holder holder, LockOptions options, Clock clock) {
        this.ssm = ssm;
        this.name = name;
        this.holder = holder;
        this.options = options;
        this.clock = clock;
    }

    public static String parameterName(Environment environment) {
        return "/glassbox/" + environment.id() + "/lock";
    }

    /**
     * Takes the lock for {@code command} (deploy, destroy), waiting up to the options' timeout for another run
     * to finish; then keeps it renewed until {@link #close()}.
     *
     * @throws ProvisionerException naming the holder, when the lock stays held
     */
    public static LeaseLock acquire(SsmClient ssm, Environment environment, String command, LockOptions options) {
        Clock clock = Clock.systemUTC();
        String name = parameterName(environment);
        if (options.forceUnlock()) {
            read(ssm, name).ifPresent(h -> {
                boolean live = !h.expiresAt().isBefore(clock.instant()) && !h.deadOnThisHost();
                if (live && !options.unlock().mayRemoveLive(h.describe())) {
                    throw new RefusedException("environment " + environment.id() + " is locked by " + h.describe()
                            + ", whose lease has not expired: its run may still be going; nothing was changed",
                            List.of("to remove the lock anyway, type the environment's name when asked on a terminal,"
                                    + " or pass --yes with --force-unlock"));
                }
                delete(ssm, name);
                options.unlock().removed(h.describe());
            });
        }
        Instant giveUp = clock.instant().plus(options.timeout());
        while (true) {
            Instant now = clock.instant();
            Holder mine = new Holder(UUID.randomUUID().toString(), System.getProperty("user.name", "unknown"),
                    hostName(), ProcessHandle.current().pid(), command, now.toString(),
                    now.plus(options.lease()).toString());
            try {
                ssm.putParameter(r -> r.name(name).type(ParameterType.STRING).overwrite(false).value(write(mine))
                        .description("glassbox-provisioner lease lock: one deploy or destroy at a time"));
                LeaseLock lock = new LeaseLock(ssm, name, mine, options, clock);
                lock.startRenewing();
                return lock;
            } catch (ParameterAlreadyExistsException e) {
                Optional<Holder> current = read(ssm, name);
                if (current.isPresent() && (current.get().expiresAt().isBefore(now) || current.get().deadOnThisHost())) {
                    // A dead run's lease (expired, or its process on this machine is gone, say after kill -9):
                    // take it over; the next putParameter decides who wins a race.
                    delete(ssm, name);
                    continue;
                }
                if (current.isPresent() && !now.isBefore(giveUp)) {
                    Holder h = current.get();
                    // Refused (exit 3), like any run stopped before a change: another run holds the environment.
                    throw new RefusedException("environment " + environment.id() + " is locked by " + h.describe()
                            + "; nothing was changed", List.of("wait for it (--lock-timeout), or if that run is dead,"
                            + " run again with --force-unlock"));
                }
                sleep(POLL);
            }
        }
    }

    private void startRenewing() {
        renewer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "glassbox-lock-renewer");
            thread.setDaemon(true);
            return thread;
        });
        long every = Math.max(1, options.lease().toMillis() / 3);
        renewer.scheduleAtFixedRate(this::renew, every, every, TimeUnit.MILLISECONDS);
    }

    /** Extends the lease, unless the lock is no longer ours (force-unlocked by someone). */
    private void renew() {
        try {
            Optional<Holder> current = read(ssm, name);
            if (current.isPresent() && current.get().id().equals(holder.id())) {
                Holder renewed = holder.renewedUntil(clock.instant().plus(options.lease()));
                ssm.putParameter(r -> r.name(name).type(ParameterType.STRING).overwrite(true).value(write(renewed)));
            }
        } catch (RuntimeException e) {
            // A missed renewal is retried at the next tick; the lease leaves a margin of two thirds.
        }
    }

    /** Stops renewing and removes the lock if it is still ours. */
    @Override
    public void close() {
        if (renewer != null) {
            renewer.shutdownNow();
        }
        Optional<Holder> current = read(ssm, name);
        if (current.isPresent() && current.get().id().equals(holder.id())) {
            delete(ssm, name);
        }
    }

    private static Optional<Holder> read(SsmClient ssm, String name) {
        try {
            String value = ssm.getParameter(r -> r.name(name)).parameter().value();
            return Optional.of(JSON.readValue(value, Holder.class));
        } catch (ParameterNotFoundException e) {
            return Optional.empty();
        } catch (JsonProcessingException e) {
            throw new ProvisionerException("the lock " + name + " holds something unreadable; remove it with"
                    + " --force-unlock if no run is active");
        }
    }

    private static void delete(SsmClient ssm, String name) {
        try {
            ssm.deleteParameter(r -> r.name(name));
        } catch (ParameterNotFoundException e) {
            // already released
        }
    }

    private static String write(Holder holder) {
        try {
            return JSON.writeValueAsString(holder);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a record of strings always serialises", e);
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "unknown-host";
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProvisionerException("interrupted while waiting for the environment's lock");
        }
    }
}
