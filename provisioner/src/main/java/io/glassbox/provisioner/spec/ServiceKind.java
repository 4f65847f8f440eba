package io.glassbox.provisioner.spec;

/**
 * The three ECS services of the Compute stack, with the ECR repository each one's image comes from
 * (the API has its own; both workers run the Python worker image with a different {@code WORKER_TYPE}).
 */
public enum ServiceKind {
    API("api", "api"),
    AGENT_WORKER("agent-worker", "worker"),
    FILE_WORKER("file-worker", "worker");

    private final String id;
    private final String repository;

    ServiceKind(String id, String repository) {
        this.id = id;
        this.repository = repository;
    }

    /** {@code api}, {@code agent-worker}, {@code file-worker}: service, task family and log group suffix. */
    public String id() {
        return id;
    }

    /** {@code api} or {@code worker}: the suffix of the ECR repository holding this service's image. */
    public String repository() {
        return repository;
    }

    /** This service's size in {@code compute}. */
    public ServiceSize size(ComputeSpec compute) {
        return switch (this) {
            case API -> compute.api();
            case AGENT_WORKER -> compute.agentWorker();
            case FILE_WORKER -> compute.fileWorker();
        };
    }
}
