package io.glassbox.provisioner.engine;

/**
 * What a plan finds wrong with the run's request itself, not with AWS (a release's image tag that is not in its
 * repository): the plan stops with this one line, before any change, rather than as an incomplete plan.
 */
public final class RequestError extends ProvisionerException {

    private static final long serialVersionUID = 1L;

    public RequestError(String message) {
        super(message);
    }
}
