package io.glassbox.provisioner.engine;

/** How a step ended in a run. */
public enum StepStatus {
    /** It ran and changed (or destroyed) its resource. */
    DONE,
    /** It had nothing to do: the live resource already matched (or, for destroy, was absent or being deleted). */
    UNCHANGED,
    /** A task every deploy runs (the data plane's checks, a release task) ran and passed: reported apart, not a change. */
    CHECKED,
    /** It failed; its dependents were skipped. */
    FAILED,
    /** It did not run because a step it depends on failed. */
    SKIPPED,
    /** Destroy left its resource in place on purpose: it holds data the operator did not ask to delete. */
    KEPT
}
