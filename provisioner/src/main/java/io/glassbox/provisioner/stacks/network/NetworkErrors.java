package io.glassbox.provisioner.stacks.network;

import io.glassbox.provisioner.aws.AwsErrors;
import io.glassbox.provisioner.aws.Timeouts;
import io.glassbox.provisioner.engine.TransientRefusal;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/** The EC2 NotFound codes of the Network stack's resources (EC2 API Reference, "Error codes"). */
final class NetworkErrors {

    static final Set<String> VPC_NOT_FOUND = Set.of("InvalidVpcID.NotFound");
    static final Set<String> SUBNET_NOT_FOUND = Set.of("InvalidSubnetID.NotFound");
    static final Set<String> GATEWAY_NOT_FOUND = Set.of("InvalidInternetGatewayID.NotFound", "Gateway.NotAttached");
    static final Set<String> NAT_NOT_FOUND = Set.of("NatGatewayNotFound", "InvalidNatGatewayID.NotFound");
    static final Set<String> ADDRESS_NOT_FOUND = Set.of("InvalidAllocationID.NotFound", "InvalidAddress.NotFound");
    static final Set<String> ROUTE_TABLE_NOT_FOUND = Set.of("InvalidRouteTableID.NotFound", "InvalidAssociationID.NotFound");
    static final Set<String> GROUP_NOT_FOUND = Set.of("InvalidGroup.NotFound", "InvalidGroupId.NotFound");
    static final Set<String> RULE_NOT_FOUND = Set.of("InvalidPermission.NotFound");
    static final Set<String> RULE_EXISTS = Set.of("InvalidPermission.Duplicate");

    /**
     * The network interfaces of a load balancer, Fargate task, DB instance or cache deleted just before stay for
     * minutes, holding their security groups, subnets, VPC and public addresses: DeleteSecurityGroup, DeleteSubnet,
     * DeleteVpc and DetachInternetGateway answer DependencyViolation meanwhile (EC2 API Reference, DeleteSecurityGroup;
     * hashicorp/terraform-provider-aws #40).
     */
    static final TransientRefusal LINGERING_INTERFACES = TransientRefusal.of(
            "the network interfaces of deleted resources to go", Timeouts.LINGERING_DEPENDENCIES, "DependencyViolation");

    private NetworkErrors() {
    }

    /** Runs a delete, treating the resource's NotFound as already deleted. */
    static void ignoreNotFound(Runnable call, Set<String> codes) {
        try {
            call.run();
        } catch (AwsServiceException e) {
            if (!AwsErrors.hasCode(e, codes)) {
                throw e;
            }
        }
    }
}
