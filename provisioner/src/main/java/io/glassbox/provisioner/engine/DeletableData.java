package io.glassbox.provisioner.engine;

/**
 * Data, and resources protected against deletion, that destroy and a replacement by deploy keep unless the operator
 * names them (DESIGN.md, "Never lose data"): each kind has its own {@code --delete-*} flag, so that allowing one never
 * allows another.
 */
public enum DeletableData {
    /**
     * Logs: the log groups and the logs bucket (the files bucket's and the load balancer's access logs), kept (and
     * reported as kept) by destroy without {@code --delete-logs}; a replacement of the logs bucket that holds logs is
     * refused without it.
     */
    LOGS("--delete-logs"),
    /** ECR repositories holding images: destroy is refused without {@code --delete-images}. */
    IMAGES("--delete-images"),
    /**
     * A Cognito user pool holding users, or with deletion protection on (production): destroy is refused without
     * {@code --delete-users}, which also turns the pool's protection off: it protects the users' accounts.
     */
    USERS("--delete-users"),
    /** The files bucket holding objects (the application's files): destroy is refused without {@code --delete-objects}. */
    OBJECTS("--delete-objects"),
    /**
     * A database that deploy would replace (delete, after a final snapshot, and create anew and empty): refused
     * without {@code --delete-database}, or {@code --delete-protected-database} for a protected one. destroy
     * needs it for no database without deletion protection: deleting is what destroy was asked to do, and the
     * final snapshot keeps the data.
     */
    DATABASE("--delete-database"),
    /**
     * A database with deletion protection: destroy, or a replacement by deploy, is refused without
     * {@code --delete-protected-database}, which turns protection off and deletes it (with its final snapshot,
     * as always). Nothing else ever turns protection off.
     */
    PROTECTED_DATABASE("--delete-protected-database"),
    /**
     * A load balancer with deletion protection on (production, FSBP ELB.6): destroy, or a replacement by deploy, is
     * refused without {@code --delete-protected-load-balancer}, which turns protection off and deletes it. Deleting it
     * takes the environment's public endpoint, and its DNS name, away for good.
     */
    PROTECTED_LOAD_BALANCER("--delete-protected-load-balancer");

    private final String flag;

    DeletableData(String flag) {
        this.flag = flag;
    }

    /** The destroy flag that allows deleting this data. */
    public String flag() {
        return flag;
    }
}
