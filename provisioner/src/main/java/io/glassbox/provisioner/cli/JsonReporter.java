package io.glassbox.provisioner.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.glassbox.provisioner.aws.CallerIdentity;
import io.glassbox.provisioner.engine.Change;
import io.glassbox.provisioner.engine.ChangeKind;
import io.glassbox.provisioner.engine.DestroyPlan;
import io.glassbox.provisioner.engine.Plan;
import io.glassbox.provisioner.engine.RunResult;
import io.glassbox.provisioner.engine.StepId;
import io.glassbox.provisioner.engine.StepPlan;
import io.glassbox.provisioner.engine.StepStatus;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * Machine-readable progress for tooling: one JSON object per line on stdout, each with an {@code event}
 * field: {@code identity} (account, arn, region; always first), {@code planned_change} (with
 * {@code refused_data_loss}), {@code plan_notice}, {@code planned_task} (what a
 * data-plane check will do: never a change), {@code plan_summary} (with {@code complete} and the counts as numbers:
 * {@code to_create}, {@code to_update}, {@code to_replace}, {@code to_destroy}), {@code destroy_plan} (each resource a
 * destroy deletes or keeps, and what refuses it), {@code step_started},
 * {@code step_finished}, {@code waiting} (a step waits out a refusal AWS gives for a while), {@code task_output} (what a release task wrote), {@code takeover_plan}, {@code takeover_stage},
 * {@code summary} (with {@code counts}: changed or deleted, unchanged
 * or absent, kept, failed, skipped; and {@code tasks_run}), {@code outputs}, {@code images_to_push} (what services wait for), {@code notice}.
 */
final class JsonReporter implements Reporter {

    private final ObjectMapper mapper = new ObjectMapper();
    private final PrintWriter out;

    JsonReporter(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void identity(CallerIdentity identity) {
        ObjectNode event = event("identity");
        event.put("account", identity.account());
        event.put("arn", identity.arn());
        event.put("region", identity.region());
        emit(event);
    }

    @Override
    public void plan(Plan plan) {
        for (StepPlan step : plan.steps()) {
            for (String notice : step.notices()) {
                ObjectNode event = event("plan_notice");
                event.put("step", step.id().value());
                event.put("name", step.resourceName());
                event.put("text", notice);
                emit(event);
            }
            if (step.task()) {
                ObjectNode event = event("planned_task");
                event.put("step", step.id().value());
                event.put("resource_type", step.resourceType());
                event.put("name", step.resourceName());
                event.put("text", step.changes().isEmpty() ? step.liveId().orElse("checked at deploy")
                        : step.changes().get(0).describe());
                emit(event);
                continue;
            }
            if (!step.hasChanges()) {
                continue;
            }
            ObjectNode event = event("planned_change");
            event.put("step", step.id().value());
            event.put("stack", step.stack().displayName());
            event.put("resource_type", step.resourceType());
            event.put("name", step.resourceName());
            step.liveId().ifPresent(id -> event.put("id", id));
            event.put("action", step.headline().orElseThrow().verb());
            ArrayNode changes = event.putArray("changes");
            for (Change change : step.changes()) {
                ObjectNode c = changes.addObject();
                c.put("kind", change.kind().name().toLowerCase(Locale.ROOT));
                c.put("path", change.path());
                c.put("observed", change.observed());
                c.put("desired", change.desired());
                c.put("needs_approval", change.needsApproval());
            }
            ArrayNode dataLoss = event.putArray("refused_data_loss");
            step.dataLoss().forEach(dataLoss::add);
            emit(event);
        }
        ObjectNode summary = event("plan_summary");
        summary.put("environment", plan.environment().id());
        summary.put("changes", plan.hasChanges());
        summary.put("complete", plan.complete());
        summary.put("to_create", plan.count(ChangeKind.CREATE));
        summary.put("to_update", plan.count(ChangeKind.UPDATE));
        summary.put("to_replace", plan.count(ChangeKind.REPLACE));
        summary.put("to_destroy", plan.count(ChangeKind.DELETE));
        summary.put("text", !plan.complete() ? "Incomplete: " + plan.failures().size() + " step(s) could not be read."
                : plan.hasChanges() ? PlanPrinter.countLine(plan) : "No changes.");
        emit(summary);
    }

    @Override
    public void destroyPlan(DestroyPlan plan) {
        ObjectNode event = event("destroy_plan");
        event.put("environment", plan.environment().id());
        ArrayNode entries = event.putArray("resources");
        for (DestroyPlan.Entry entry : plan.entries()) {
            ObjectNode e = entries.addObject();
            e.put("step", entry.step().value());
            e.put("stack", entry.stack().displayName());
            e.put("resource_type", entry.resourceType());
            e.put("name", entry.name());
            entry.id().ifPresent(id -> e.put("id", id));
            e.put("fate", entry.fate().name().toLowerCase(Locale.ROOT));
            entry.reason().ifPresent(r -> e.put("reason", r));
        }
        event.put("to_delete", plan.count(DestroyPlan.Fate.DELETE));
        event.put("kept", plan.count(DestroyPlan.Fate.KEEP));
        event.put("already_deleting", plan.count(DestroyPlan.Fate.ALREADY_DELETING));
        ArrayNode refusals = event.putArray("refusals");
        plan.refusals().forEach(refusals::add);
        event.put("text", DestroyPlanPrinter.countLine(plan));
        emit(event);
    }

    @Override
    public void stepStarted(StepId step, String action) {
        ObjectNode event = event("step_started");
        event.put("step", step.value());
        event.put("action", action);
        emit(event);
    }

    @Override
    public void stepFinished(StepId step, StepStatus status, Duration duration, String detail) {
        if (status == StepStatus.UNCHANGED) {
            return;
        }
        ObjectNode event = event("step_finished");
        event.put("step", step.value());
        event.put("status", status.name().toLowerCase(Locale.ROOT));
        event.put("duration_ms", duration.toMillis());
        if (!detail.isEmpty()) {
            event.put("detail", detail);
        }
        emit(event);
    }

    @Override
    public void waiting(StepId step, String what, Duration waited, Duration limit) {
        ObjectNode event = event("waiting");
        event.put("step", step.value());
        event.put("for", what);
        event.put("waited_seconds", waited.toSeconds());
        event.put("limit_seconds", limit.toSeconds());
        emit(event);
    }

    @Override
    public void taskOutput(StepId step, java.util.List<String> lines) {
        ObjectNode event = event("task_output");
        event.put("step", step.value());
        ArrayNode list = event.putArray("lines");
        lines.forEach(list::add);
        emit(event);
    }

    @Override
    public void takeoverPlan(java.util.List<String> lines) {
        ObjectNode event = event("takeover_plan");
        ArrayNode text = event.putArray("lines");
        lines.forEach(text::add);
        emit(event);
    }

    @Override
    public void takeoverStage(String stage, String stack, String detail) {
        ObjectNode event = event("takeover_stage");
        event.put("stage", stage);
        event.put("stack", stack);
        event.put("text", detail);
        emit(event);
    }

    @Override
    public void summary(String verb, RunResult result, Duration took) {
        ObjectNode event = event("summary");
        event.put("command", verb.toLowerCase(Locale.ROOT));
        event.put("succeeded", result.succeeded());
        event.put("duration_ms", took.toMillis());
        boolean destroy = verb.equals("Destroy");
        ObjectNode counts = event.putObject("counts");
        counts.put(destroy ? "deleted" : "changed", count(result, StepStatus.DONE));
        counts.put(destroy ? "absent" : "unchanged", count(result, StepStatus.UNCHANGED));
        counts.put("kept", count(result, StepStatus.KEPT));
        counts.put("failed", count(result, StepStatus.FAILED));
        counts.put("skipped", count(result, StepStatus.SKIPPED));
        ArrayNode checked = event.putArray("tasks_run");
        result.outcomes().forEach((step, outcome) -> {
            if (outcome.status() == StepStatus.CHECKED) {
                checked.add(step.value());
            }
        });
        ArrayNode failures = event.putArray("failures");
        result.failures().forEach(failures::add);
        emit(event);
    }

    private static long count(RunResult result, StepStatus status) {
        return result.outcomes().values().stream().filter(o -> o.status() == status).count();
    }

    @Override
    public void outputTable(Map<String, String> outputs) {
        ObjectNode event = event("outputs");
        ObjectNode values = event.putObject("outputs");
        outputs.forEach(values::put);
        emit(event);
    }

    @Override
    public void imagesToPush(java.util.List<String> images) {
        if (images.isEmpty()) {
            return;
        }
        ObjectNode event = event("images_to_push");
        ArrayNode list = event.putArray("images");
        images.forEach(list::add);
        emit(event);
    }

    @Override
    public void notice(String message) {
        ObjectNode event = event("notice");
        event.put("message", message);
        emit(event);
    }

    private ObjectNode event(String name) {
        ObjectNode node = mapper.createObjectNode();
        node.put("event", name);
        return node;
    }

    private synchronized void emit(ObjectNode node) {
        try {
            out.println(mapper.writeValueAsString(node));
            out.flush();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a JSON event", e);
        }
    }
}
