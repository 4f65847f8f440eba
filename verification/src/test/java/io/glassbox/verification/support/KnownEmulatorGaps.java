package io.glassbox.verification.support;

/**
 * The one list of what moto 5.2.1 cannot do that real AWS does (DESIGN.md, "Known moto gaps"). The product
 * does what AWS needs; a check that moto cannot back is named here instead of being weakened silently.
 */
public enum KnownEmulatorGaps {

    /** Member cache clusters are never created, so engine version and security groups of the nodes are unseen. */
    ELASTICACHE_NO_MEMBER_CLUSTERS,
    /**
     * A deleted replication group stays "deleting" forever in moto 5.2.1, so the cache subnet group could never go
     * either. {@code moto_server.py} finishes the deletion at once (AWS takes minutes; the waiter covers both).
     */
    ELASTICACHE_DELETE_NEVER_FINISHES,
    /**
     * ModifyReplicationGroup answers HTTP 500 in moto 5.2.1. {@code moto_server.py} changes the settings the
     * provisioner modifies in place (node type, Multi-AZ, failover, security groups, snapshot retention and window,
     * auto minor version upgrade).
     */
    ELASTICACHE_MODIFY_NOT_IMPLEMENTED,
    /**
     * RDS and ElastiCache endpoints do not resolve: the data plane's tunnel path runs against local servers via the
     * tunnels, and DataPlaneTaskIT runs the data plane's task with PGHOST/PGPORT naming the local server.
     */
    NO_DATA_PLANE_BEHIND_ENDPOINTS,
    /**
     * A new RDS instance's automated snapshot is named by the minute ({@code rds:ID-yyyy-MM-dd-HH-mm}) and collides
     * with the retained automated backup of an instance of the same name deleted in that minute.
     */
    RDS_SNAPSHOT_NAME_PER_MINUTE,
    /** moto cannot create PostgreSQL's master user; LocalPostgres plays RDS's part with the secret's password. */
    NO_RDS_MASTER_USER,
    /**
     * CreateBucket ignores {@code CreateBucketConfiguration.Tags}, so a run killed between CreateBucket and
     * PutBucketTagging leaves an untagged (not ours) bucket in moto that AWS would have tagged at once.
     */
    S3_CREATE_BUCKET_IGNORES_TAGS,
    /**
     * CloudFormation accepts but creates nothing for AWS::ElastiCache::SubnetGroup and ::ReplicationGroup,
     * AWS::Cognito::UserPool, ::UserPoolClient and ::UserPoolDomain, AWS::SecretsManager::Secret and
     * ::SecretTargetAttachment, AWS::ECS::ClusterCapacityProviderAssociations, AWS::ApplicationAutoScaling::*
     * and AWS::CloudWatch::Alarm; ListStackResources then shows such a resource with neither logical id nor type
     * (and some it does create, like AWS::RDS::DBSubnetGroup, without a physical id). {@link CdkFixture} makes them
     * with the SDK, named as CloudFormation would name them.
     */
    CLOUDFORMATION_TYPES_NOT_CREATED,
    /**
     * CloudFormation's Ref of an AWS::RDS::DBParameterGroup hands the instance an object instead of its name (HTTP
     * 500), so the CDK fixture's database uses the default parameter group, as many CDK apps do.
     */
    CLOUDFORMATION_RDS_PARAMETER_GROUP_REF,
    /**
     * ListStackResources reports no physical id for the resources of {@link #CLOUDFORMATION_TYPES_NOT_CREATED} nor
     * for an AWS::RDS::DBSubnetGroup, and CloudFormation tags only EC2 resources with {@code aws:cloudformation:*}.
     * {@link CdkFixture} puts CloudFormation's tags on those resources, which is how the takeover finds a resource
     * whose id CloudFormation does not report.
     */
    CLOUDFORMATION_NO_PHYSICAL_ID,
    /**
     * CloudFormation creates an AWS::ECS::Service with its cluster, task definition and count only (no launch type,
     * network configuration, load balancers or deployment settings), and an AWS::ECS::Cluster without its settings
     * (Container Insights); {@link CdkFixture} makes the service again under the same name and sets the cluster's
     * settings, both from the template.
     */
    CLOUDFORMATION_ECS_SERVICE_PROPERTIES,
    /**
     * UpdateStack treats a change of DeletionPolicy or UpdateReplacePolicy alone as a modification of the resource
     * and runs the type's update (replacing some resources; a VPC template fails with "instance of Fn::GetAtt
     * references undefined resource"), where AWS leaves the resources untouched. {@code scripts/local-services.sh}
     * runs moto through {@code scripts/emulator/moto_server.py}, which compares resources without those two
     * attributes; everything else is moto as it is. The containers run starts the same file in moto's image.
     */
    CLOUDFORMATION_UPDATE_POLICIES,
    /**
     * CloudFormation creates an AWS::RDS::DBInstance on port 3306 whatever its engine and ignores VPCSecurityGroups:
     * the deploy after a takeover sets the port and security group in place, which on AWS it has nothing to do.
     */
    CLOUDFORMATION_RDS_INSTANCE_PROPERTIES,
    /**
     * Cognito's TagResource answers HTTP 500 ("not implemented"), so a user pool could be tagged only through
     * UpdateUserPool, which resets every setting it is not given. {@code scripts/emulator/moto_server.py} implements
     * it as AWS does: the tags are merged into the pool's UserPoolTags.
     */
    COGNITO_TAG_RESOURCE,
    /**
     * A policy statement whose condition moto finds unmet answers DENIED whatever its Effect, so the files bucket's
     * Deny on {@code aws:SecureTransport=false} (FSBP S3.5), whose key moto never sets, would deny every request.
     * {@code scripts/emulator/moto_server.py} evaluates it as AWS does: a statement whose condition names a key the
     * request does not carry does not apply.
     */
    POLICY_CONDITION_KEYS,
    /**
     * RDS Performance Insights settings are accepted and dropped by moto 5.2.1; {@code moto_server.py} keeps them so
     * DescribeDBInstances reports {@code PerformanceInsightsEnabled}.
     */
    RDS_PERFORMANCE_INSIGHTS,
    /**
     * moto 5.2.1 stores but does not enforce deletion protection of load balancers and Cognito user pools;
     * {@code moto_server.py} refuses DeleteLoadBalancer and DeleteUserPool while it is on, as AWS does, so tests show
     * destroy lifting it first.
     */
    DELETION_PROTECTION_ENFORCED,
    /**
     * moto 5.2.1's UpdateUserPool resets UsernameAttributes to its default, after which users signed up by email are
     * not found; AWS never changes them after creation. {@code moto_server.py} keeps them.
     */
    COGNITO_UPDATE_KEEPS_SIGN_IN,
    /**
     * moto 5.2.1's PutBucketLogging answers 500 when the target bucket's policy has a statement with the principal
     * {@code "*"} (our TLS-only Deny); {@code moto_server.py} skips such statements in moto's check for the one that
     * lets {@code logging.s3.amazonaws.com} write.
     */
    S3_LOGGING_POLICY_PRINCIPAL,
    /**
     * IAM Identity Center's portal (GetRoleCredentials) is not in moto 5.2.1; {@code moto_server.py} serves it as the
     * portal does: credentials of the role (moto's STS then reports the assumed role) for a token the portal issued
     * (a test issues one as {@code aws sso login} would), 401 UnauthorizedException for any other.
     */
    SSO_PORTAL,
    /**
     * moto 5.2.1's AssumeRoleWithWebIdentity accepts any token. {@code moto_server.py} checks the token's issuer
     * against the account's IAM OIDC providers, its audience against their client ids, and its expiry, as STS does;
     * the token's signature is not checked (the emulator has no issuer's keys).
     */
    STS_WEB_IDENTITY_CHECKS,
    /**
     * moto runs no container: a service's rollout completed whatever its image. {@code moto_server.py} rolls services
     * out as ECS does given their images: a task definition naming an image of this emulator's ECR that does not
     * exist starts no task, its deployment FAILS under the circuit breaker (rolled back to the last completed one
     * with rollback on) or stays IN_PROGRESS without it; images of other registries are taken as pullable. Outcomes
     * show from the next DescribeServices on, as a rollout takes time on AWS.
     */
    ECS_TASKS_FOLLOW_IMAGES,
    /**
     * No emulator runs an application, so none can find out that one exits as soon as it starts. A test names such an
     * image ({@code POST /glassbox-emulator/ecs/crashing-images}); {@code moto_server.py} then stops a service's task of
     * it at start ("Essential container in task exited") and the circuit breaker fails the rollout and rolls it back,
     * as ECS does with tasks that stop before a steady state.
     */
    ECS_TASKS_CRASH,
    /**
     * Service Quotas in moto 5.2.1 answers only the VPC's defaults and has no GetAWSDefaultServiceQuota, and EC2
     * allocates any number of Elastic IPs. {@code moto_server.py} answers GetServiceQuota with the account's value a
     * test sets ({@code /glassbox-emulator/service-quotas}; NoSuchResourceException for a quota without one, as AWS
     * answers when no applied value is available), GetAWSDefaultServiceQuota with AWS's defaults, and refuses
     * AllocateAddress beyond the Elastic IP quota with AddressLimitExceeded (Service Quotas API Reference; EC2 API
     * Reference, "Error codes").
     */
    SERVICE_QUOTAS,
    /**
     * A one-off task (RunTask) never runs its command in moto. {@code moto_server.py} stops it at its first
     * DescribeTasks as ECS reports a finished task: exit code 0, or the exit code and log lines a test sets for the
     * task definition's family (written to its awslogs stream); TaskFailedToStart with CannotPullContainerError when its
     * ECR image does not exist. DataPlaneTaskIT runs the data plane task's command in a container for real.
     */
    ECS_ONE_OFF_TASKS,
    /**
     * moto 5.2.1's RunTask answers 500 for a Fargate task definition whose containers do not state their memory (the
     * task's applies on AWS); {@code moto_server.py} takes the task's memory.
     */
    ECS_RUN_TASK_CONTAINER_MEMORY,
    /**
     * moto 5.2.1 keeps a request's include choice (DescribeServices include=TAGS, ...) in a dictionary shared by all
     * requests, so concurrent requests overwrite each other's and an answer can lack the tags it asked for; a service
     * taken over was then not found by its tags and a second one created beside it (seen twice under load).
     * {@code moto_server.py} keeps each request's choice its own; EmulatorFidelityIT shows it.
     */
    RESPONSE_INCLUDE_PER_REQUEST,
    /**
     * moto 5.2.1 registers a Fargate task definition of any CPU and memory; AWS takes only Fargate's sizes and answers
     * others with ClientException "No Fargate configuration exists for given values". {@code moto_server.py} refuses
     * them as AWS does.
     */
    FARGATE_TASK_SIZES,
    /**
     * moto 5.2.1 lets two pools, even of two accounts, have the same hosted UI prefix, and a pool have two; AWS keeps
     * prefixes unique across the region's accounts and one per pool. {@code moto_server.py} refuses both as AWS does
     * ("Domain already associated with another user pool.", "User pool already has a domain configured.").
     */
    COGNITO_DOMAIN_PREFIXES,
    /**
     * moto 5.2.1 gives a replication group created without a maintenance window none and checks no overlap; AWS picks
     * one at random in the region's 8-hour block and refuses a snapshot window that overlaps it. {@code
     * moto_server.py} picks the block's first hour (a choice AWS could make) and refuses the overlap, so a production
     * cache created without the spec's window fails as it could on AWS. moto reports no member clusters
     * ({@link #ELASTICACHE_NO_MEMBER_CLUSTERS}), so the window a group has is not read back.
     */
    ELASTICACHE_MAINTENANCE_WINDOW,
    /**
     * moto 5.2.1 creates an internet-facing load balancer in a VPC without an internet gateway and detaches a gateway
     * while public addresses are mapped; AWS refuses both. {@code moto_server.py} refuses them as AWS does.
     */
    IGW_BEFORE_LOAD_BALANCER,
    /**
     * moto deletes a load balancer, service, DB instance or cache with its network interfaces at once; on AWS the
     * interfaces linger for minutes and DeleteSecurityGroup, DeleteSubnet, DeleteVpc and DetachInternetGateway answer
     * DependencyViolation meanwhile, and ACM refuses to delete a certificate in use or just detached
     * (ResourceInUseException), which moto never does. {@code aws_delays.py} refuses them for the emulator's delay.
     */
    LINGERING_NETWORK_INTERFACES,
    /**
     * moto lets a service assume a role the moment it exists; on AWS a role just created or given a policy is refused
     * for some seconds (CreateFlowLogs: InvalidParameter "Unable to assume given IAM role"). {@code aws_delays.py}
     * refuses it for the emulator's delay.
     */
    IAM_PROPAGATION,
    /**
     * moto needs no service-linked role for ECS (and names it AWSServiceRoleForecs); AWS refuses a cluster with Fargate
     * capacity providers until AWSServiceRoleForECS exists and has propagated, and a second CreateServiceLinkedRole
     * says the name "has been taken". {@code aws_delays.py} does both.
     */
    ECS_SERVICE_LINKED_ROLE,
    /**
     * moto describes a requested certificate, with its DNS validation record, at once; ACM may answer
     * ResourceNotFoundException for a few seconds and shows the record later still. {@code aws_delays.py} does so for
     * a quarter and half of the emulator's delay.
     */
    ACM_EVENTUAL_CONSISTENCY,
    /**
     * moto's replication groups are available at once; on AWS a group is "creating" or "modifying" for minutes and
     * refuses ListTagsForResource and AddTagsToResource meanwhile (InvalidReplicationGroupState). {@code
     * aws_delays.py} keeps a group in that state for the emulator's delay after CreateReplicationGroup and
     * ModifyReplicationGroup.
     */
    ELASTICACHE_BUSY_STATES,
    /**
     * moto 5.2.1 answers EC2's Describe calls all at once, never with a NextToken, where AWS may end a page before the
     * item a caller seeks. {@code aws_delays.py} pages them (and DescribeScalingPolicies) by a size a test sets, so a
     * caller that reads only the first page misses what it made (PagedListsIT).
     */
    PAGED_LISTS
}
