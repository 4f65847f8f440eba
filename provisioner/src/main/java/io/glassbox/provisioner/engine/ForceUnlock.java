package io.glassbox.provisioner.engine;

/**
 * How {@code --force-unlock} treats the environment's lock. A lock whose holder may still be running (its lease not
 * expired, and not a process of this machine known to be gone) is removed only when {@link #mayRemoveLive} allows it:
 * the CLI asks for the environment's name on a terminal, or takes {@code --yes}. Whose lock was removed is always told
 * ({@link #removed}), so a run that broke another's lock says so.
 */
public interface ForceUnlock {

    /** Whether the live lock of {@code holder} ({@code user@host (pid N) (deploy since …, lease until …)}) may go. */
    boolean mayRemoveLive(String holder);

    /** The lock of {@code holder} was removed. */
    void removed(String holder);

    /** Removes an expired or dead run's lock, never a live one without its caller's say; tells no one. */
    static ForceUnlock refusingLive() {
        return new ForceUnlock() {
            @Override
            public boolean mayRemoveLive(String holder) {
                return false;
            }

            @Override
            public void removed(String holder) {
            }
        };
    }
}
