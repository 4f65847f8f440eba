package io.glassbox.provisioner.stacks.monitoring;

import io.glassbox.provisioner.engine.Step;
import io.glassbox.provisioner.spec.EnvironmentSpec;
import io.glassbox.provisioner.spec.ServiceKind;
import java.util.ArrayList;
import java.util.List;

/**
 * The Monitoring stack's steps: the services' log groups, the KMS key and the alarm topic it encrypts (with the
 * configured email subscription), the dashboard and the alarms.
 */
public final class MonitoringStack {

    private MonitoringStack() {
    }

    public static List<Step> steps(EnvironmentSpec spec) {
        List<Step> steps = new ArrayList<>();
        for (ServiceKind service : ServiceKind.values()) {
            steps.add(new LogGroupStep(service));
        }
        steps.add(new KeyStep());
        steps.add(new TopicStep());
        // Always: without alarmEmail it removes the subscription an earlier config made.
        steps.add(new EmailSubscriptionStep());
        steps.add(new DashboardStep());
        Alarms.all(spec).forEach(a -> steps.add(new AlarmStep(a)));
        return steps;
    }
}
