package io.glassbox.provisioner.stacks.auth;

import io.glassbox.provisioner.engine.Step;
import io.glassbox.provisioner.spec.StackName;
import io.glassbox.provisioner.stacks.parameters.ParameterStep;
import java.util.List;

/**
 * The Auth stack's steps: user pool, app client, hosted UI domain and the SSM parameters
 * {@code /glassbox/{env}/cognito/{user-pool-id,client-id,region}}.
 */
public final class AuthStack {

    private AuthStack() {
    }

    public static List<Step> steps() {
        return List.of(
                new UserPoolStep(),
                new UserPoolClientStep(),
                new UserPoolDomainStep(),
                ParameterStep.fromOutput("auth.parameter.user-pool-id", StackName.AUTH, "cognito/user-pool-id",
                        UserPoolStep.OUTPUT_ID, UserPoolStep.ID),
                ParameterStep.fromOutput("auth.parameter.client-id", StackName.AUTH, "cognito/client-id",
                        UserPoolClientStep.OUTPUT_ID, UserPoolClientStep.ID),
                ParameterStep.constant("auth.parameter.region", StackName.AUTH, "cognito/region",
                        c -> c.aws().region()));
    }
}
