package io.glassbox.provisioner.stacks.database;

import io.glassbox.provisioner.engine.RunOptions;
import io.glassbox.provisioner.engine.Step;
import io.glassbox.provisioner.spec.NetworkSpec;
import io.glassbox.provisioner.spec.StackName;
import io.glassbox.provisioner.stacks.parameters.ParameterStep;
import java.util.ArrayList;
import java.util.List;

/**
 * The Database stack's steps: subnet group, parameter group, credentials secret, the RDS instance, the SSM
 * parameters {@code /glassbox/{env}/database/{host,port,name}} and, unless skipped, the extensions bootstrap.
 */
public final class DatabaseStack {

    private DatabaseStack() {
    }

    public static List<Step> steps(NetworkSpec network, RunOptions options) {
        List<Step> steps = new ArrayList<>();
        steps.add(new DbSubnetGroupStep(network));
        steps.add(new DbParameterGroupStep());
        steps.add(new DatabaseSecretStep());
        steps.add(new DbInstanceStep());
        steps.add(ParameterStep.fromOutput("database.parameter.host", StackName.DATABASE, "database/host",
                DbInstanceStep.OUTPUT_ADDRESS, DbInstanceStep.ID));
        steps.add(ParameterStep.constant("database.parameter.port", StackName.DATABASE, "database/port",
                c -> String.valueOf(c.spec().database().port())));
        steps.add(ParameterStep.constant("database.parameter.name", StackName.DATABASE, "database/name",
                c -> c.spec().database().databaseName()));
        if (!options.skipDataPlane()) {
            steps.add(new DatabaseBootstrapStep(network));
        }
        return steps;
    }
}
