package io.glassbox.provisioner.cli;

import io.glassbox.provisioner.engine.Plan;
import io.glassbox.provisioner.engine.ProvisionerListener;
import io.glassbox.provisioner.engine.RunResult;
import java.time.Duration;
import java.util.Map;

/** Shows a run to the operator: as text ({@link TextReporter}) or as JSON lines ({@link JsonReporter}). */
interface Reporter extends ProvisionerListener {

    void plan(Plan plan);

    /** What a destroy will delete and keep, and what refuses it ({@link DestroyPlanPrinter}). */
    void destroyPlan(io.glassbox.provisioner.engine.DestroyPlan plan);

    void summary(String verb, RunResult result, Duration took);

    void outputTable(Map<String, String> outputs);

    /** A takeover plan as {@link TakeoverPlanPrinter} renders it: lines of text, or one JSON event holding them. */
    void takeoverPlan(java.util.List<String> lines);

    /**
     * The images services wait for (they run no task until these are pushed): what to push, then deploy again.
     * Nothing when the list is empty.
     */
    void imagesToPush(java.util.List<String> images);

    /** A one-line notice (e.g. what was refused), on stderr for text, as an event for JSON. */
    void notice(String message);
}
