package io.glassbox.provisioner.stacks.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.glassbox.provisioner.aws.ResourceTags;
import io.glassbox.provisioner.spec.Environment;
import io.glassbox.provisioner.spec.EnvironmentSpecs;
import io.glassbox.provisioner.spec.StackName;
import io.glassbox.provisioner.stacks.TestContexts;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.VerifiedAttributeType;

/** What Cognito sets by itself (user counts, dates, the temporary password validity default) is no change. */
class UserPoolDiffTest {

    @Test
    void valuesCognitoSetsByItselfAreNoChange() {
        var auth = EnvironmentSpecs.forEnvironment(Environment.STAGING).auth();
        Map<String, String> tags = new HashMap<>(ResourceTags.of(Environment.STAGING, StackName.AUTH, "auth.user-pool"));
        tags.put("aws:cloudformation:logical-id", "UserPool6BA7E5F2");
        UserPoolType pool = UserPoolType.builder().id("us-east-1_abc").name("glassbox-staging-users")
                .estimatedNumberOfUsers(1234).creationDate(Instant.parse("2025-01-01T00:00:00Z"))
                .lastModifiedDate(Instant.now()).autoVerifiedAttributes(VerifiedAttributeType.EMAIL)
                .adminCreateUserConfig(c -> c.allowAdminCreateUserOnly(false))
                .policies(p -> p.passwordPolicy(UserPoolStep.passwordPolicy(auth).toBuilder()
                        .temporaryPasswordValidityDays(7).build()))
                .userPoolTags(tags).build();
        assertThat(new UserPoolStep().diff(TestContexts.context(Environment.STAGING, Map.of()),
                new UserPoolStep.LivePool(pool, auth.mfa()))).isEmpty();
    }
}
