package io.glassbox.provisioner.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.glassbox.provisioner.engine.Failures;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

class AccessDenialsTest {

    @Test
    void aDenialNamesWhoTheActionTheResourceAndWhy() {
        // The shape of the IAM User Guide's example ("Troubleshoot access denied error messages").
        AwsServiceException denied = error("AccessDenied", 403, "User: arn:aws:sts::123456789012:assumed-role/deploy/ci"
                + " is not authorized to perform: iam:CreateRole on resource:"
                + " arn:aws:iam::123456789012:role/glassbox-staging-execution because no identity-based policy allows"
                + " the iam:CreateRole action");
        assertThat(Failures.describe(denied)).isEqualTo("access denied: arn:aws:sts::123456789012:assumed-role/deploy/ci"
                + " may not call iam:CreateRole on arn:aws:iam::123456789012:role/glassbox-staging-execution (no"
                + " identity-based policy allows the iam:CreateRole action): grant iam:CreateRole to the identity this"
                + " runs as");
    }

    @Test
    void ec2sUnauthorizedOperationDropsTheEncodedMessage() {
        AwsServiceException denied = error("UnauthorizedOperation", 403, "You are not authorized to perform this"
                + " operation. User: arn:aws:sts::123456789012:assumed-role/deploy/ci is not authorized to perform:"
                + " ec2:CreateVpc on resource: arn:aws:ec2:us-east-1:123456789012:vpc/* because no identity-based"
                + " policy allows the ec2:CreateVpc action. Encoded authorization failure message: AbCdEf123");
        assertThat(Failures.describe(denied)).isEqualTo("access denied: arn:aws:sts::123456789012:assumed-role/deploy/ci"
                + " may not call ec2:CreateVpc on arn:aws:ec2:us-east-1:123456789012:vpc/* (no identity-based policy"
                + " allows the ec2:CreateVpc action): grant ec2:CreateVpc to the identity this runs as");
    }

    @Test
    void aDenialWithoutTheUsualMessageIsStillOneLineAndOtherErrorsAreUntouched() {
        assertThat(Failures.describe(error("AccessDeniedException", 400, "Access to KMS is not allowed")))
                .isEqualTo("access denied (AccessDeniedException: Access to KMS is not allowed): the identity this"
                        + " runs as lacks a permission the call needs");
        assertThat(Failures.describe(error("InvalidVpcID.NotFound", 400, "The vpc ID 'vpc-1' does not exist")))
                .isEqualTo("AWS error InvalidVpcID.NotFound: The vpc ID 'vpc-1' does not exist");
    }

    private static AwsServiceException error(String code, int status, String message) {
        return AwsServiceException.builder().statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message).build()).build();
    }
}
