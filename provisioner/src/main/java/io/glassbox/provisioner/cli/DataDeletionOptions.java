package io.glassbox.provisioner.cli;

import io.glassbox.provisioner.engine.DeletableData;
import java.util.EnumSet;
import java.util.Set;
import picocli.CommandLine.Option;

/**
 * The {@code --delete-*} flags that destroy and deploy share (a picocli mixin): each names one kind of data the
 * run may delete, for destroy and for a replacement alike, so that allowing one never allows another.
 */
public final class DataDeletionOptions {

    @Option(names = "--delete-images",
            description = "Delete ECR repositories even when they hold images (refused by default).")
    boolean deleteImages;

    @Option(names = "--delete-users",
            description = "Delete the Cognito user pool even when it has users or deletion protection (refused by default).")
    boolean deleteUsers;

    @Option(names = "--delete-objects",
            description = "Empty and delete the files bucket even when it holds objects (refused by default).")
    boolean deleteObjects;

    @Option(names = {"--delete-logs", "--delete-log-groups"},
            description = "Delete the logs too: the log groups and the logs bucket (kept by default: logs are data).")
    boolean deleteLogs;

    @Option(names = "--delete-protected-database",
            description = "Turn deletion protection off and delete the database, after a final snapshot.")
    boolean deleteProtectedDatabase;

    @Option(names = "--delete-protected-load-balancer",
            description = "Turn deletion protection off and delete the load balancer (its DNS name is gone for good).")
    boolean deleteProtectedLoadBalancer;

    /** The kinds of data named on the command line. */
    Set<DeletableData> kinds() {
        Set<DeletableData> kinds = EnumSet.noneOf(DeletableData.class);
        add(kinds, deleteImages, DeletableData.IMAGES);
        add(kinds, deleteUsers, DeletableData.USERS);
        add(kinds, deleteObjects, DeletableData.OBJECTS);
        add(kinds, deleteLogs, DeletableData.LOGS);
        add(kinds, deleteProtectedDatabase, DeletableData.PROTECTED_DATABASE);
        add(kinds, deleteProtectedLoadBalancer, DeletableData.PROTECTED_LOAD_BALANCER);
        return kinds;
    }

    static void add(Set<DeletableData> kinds, boolean asked, DeletableData kind) {
        if (asked) {
            kinds.add(kind);
        }
    }
}
