"""moto_server with the emulator gaps below filled, each named as in KnownEmulatorGaps.

AWS CloudFormation updates a stack whose template changes only the DeletionPolicy or UpdateReplacePolicy of
resources without touching those resources: the attributes are CloudFormation's own, not the resource's
properties. moto 5.2.1 treats any difference in a resource's JSON as a modification and re-runs its
update_from_cloudformation_json, which for types it cannot update leaves the resource unresolved (UpdateStack of a
VPC template then fails with "instance of Fn::GetAtt references undefined resource") and for others replaces the
resource. This leaves every other behaviour of moto as it is: a resource whose properties differ is still modified.

Cognito's TagResource (the only way to tag a user pool without UpdateUserPool, which resets every setting it is not
given) answers "The tag_resource action has not been implemented" in moto 5.2.1; here it merges the tags into the
pool's UserPoolTags, where CreateUserPool puts them and DescribeUserPool reads them.

A policy statement's Condition on a key the request does not carry never matches on AWS (IAM User Guide, "Condition
keys that are not present in the request context"), except for the ...IfExists operators and Null: the statement
does not apply. moto 5.2.1 answers DENIED for any statement whose condition it finds unmet, whatever its Effect, so
the files bucket's Deny on aws:SecureTransport=false (FSBP S3.5) would deny every request made to it; here a statement
whose condition names only keys the request does not carry does not apply, and the rest is moto's evaluation.

ElastiCache's ModifyReplicationGroup answers 500 in moto 5.2.1 (not implemented); here it changes the settings the
provisioner modifies in place (node type, Multi-AZ, failover, security groups, snapshot retention and window, auto
minor version upgrade), as AWS reports them once applied (ELASTICACHE_MODIFY_NOT_IMPLEMENTED). A deleted replication
group stays "deleting" forever in moto 5.2.1; here the deletion finishes at once, as it does on AWS after some
minutes, and DeleteCacheSubnetGroup, not implemented in moto 5.2.1, deletes a group no replication group uses
(ELASTICACHE_DELETE_NEVER_FINISHES).

RDS's Performance Insights (EnablePerformanceInsights, PerformanceInsightsRetentionPeriod) are accepted and dropped by
moto 5.2.1; here CreateDBInstance and ModifyDBInstance keep them and DescribeDBInstances reports them
(RDS_PERFORMANCE_INSIGHTS).

Deletion protection is stored but not enforced by moto 5.2.1 for load balancers (deletion_protection.enabled) and
Cognito user pools (DeletionProtection=ACTIVE); here DeleteLoadBalancer and DeleteUserPool refuse as AWS does
(ELBv2 API Reference, DeleteLoadBalancer: "If deletion protection is enabled, the load balancer cannot be deleted";
Cognito API Reference, UserPoolType.DeletionProtection), so that destroy is shown to lift it first
(DELETION_PROTECTION_ENFORCED). Cognito's UpdateUserPool keeps the pool's sign-in attributes (UsernameAttributes,
AliasAttributes, UsernameConfiguration cannot change after creation), where moto resets them to its defaults and users
signed in by email are no longer found (COGNITO_UPDATE_KEEPS_SIGN_IN).

PutBucketLogging fails with a 500 in moto 5.2.1 when the target bucket's policy has a statement whose Principal is
the string "*" (the TLS-only Deny of FSBP S3.5, which every bucket of ours has): moto reads every Principal as an
object. Here such statements are skipped when moto looks for the one that lets logging.s3.amazonaws.com write, and the
rest of its check is kept (S3_LOGGING_POLICY_PRINCIPAL).

A request's choice of what to include in its answer (DescribeServices and DescribeClusters with include=TAGS, ...)
is stored by moto 5.2.1 in a dictionary its response classes share: two such requests at the same time overwrite each
other's choice, and a DescribeServices that asked for tags can come back without them (our services were then not
found by their tags and created a second time beside a service taken over). AWS answers every request as it asked
(ECS API Reference, DescribeServices: include). Here each request keeps its own choice (RESPONSE_INCLUDE_PER_REQUEST).

Cognito's hosted UI domain prefixes are unique across every AWS account of a region, and a user pool has one prefix
domain; CreateUserPoolDomain answers InvalidParameterException "Domain already associated with another user pool."
for a prefix in use anywhere, and "User pool already has a domain configured." for a pool that has one (Cognito
Developer Guide, "Using the Amazon Cognito domain"; aws-samples/websocket-chat-application #56 and #29). moto 5.2.1
accepts both; here they are refused as AWS does (COGNITO_DOMAIN_PREFIXES).

ElastiCache picks a random 60-minute maintenance window in the region's 8-hour block when CreateReplicationGroup names
none, and refuses a snapshot window that overlaps it: "The snapshot window and maintenance window must not overlap."
(ElastiCache User Guide, "Managing maintenance"; hashicorp/terraform #17247). moto 5.2.1 picks none and checks nothing.
Here a group created without one gets the block's first hour (03:00-04:00 UTC in us-east-1) on a day derived from its
id (a choice AWS could make), and an overlapping snapshot window is refused on create and modify
(ELASTICACHE_MAINTENANCE_WINDOW).

An internet-facing load balancer needs the VPC's internet gateway attached (CreateLoadBalancer answers InvalidSubnet
"VPC ... has no internet gateway"), and an internet gateway cannot be detached while the VPC has public addresses
mapped (a load balancer's, a NAT gateway's): DetachInternetGateway answers DependencyViolation "Network ... has some
mapped public address(es). Please unmap those public address(es) before detaching the gateway." (ELBv2 API
Reference, CreateLoadBalancer; aws-cloudformation/aws-cloudformation-templates #75). moto 5.2.1 allows both
(IGW_BEFORE_LOAD_BALANCER).

IAM Identity Center's portal (GetRoleCredentials, what the SDK's SSO credential providers call with the cached login
token) is not in moto 5.2.1. Here GET /federation/credentials answers as the portal does (SSO Portal API Reference,
GetRoleCredentials): for a token the portal issued, the role's short-term credentials, which moto's STS then reports
as arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION; for any other token, 401 UnauthorizedException "Session token not
found or invalid". A test makes the portal issue a token as `aws sso login` would, with
POST /glassbox-emulator/sso/tokens {"accessToken": ...} (SSO_PORTAL).

AssumeRoleWithWebIdentity (what CI's OIDC credentials call) returns credentials for any token in moto 5.2.1. AWS STS
accepts a token only from an issuer the account registered as an IAM OIDC provider, for one of its client ids
(audiences), and not after it expires (STS API Reference, AssumeRoleWithWebIdentity: InvalidIdentityToken,
ExpiredTokenException; IAM User Guide, "Create an OpenID Connect (OIDC) identity provider"). Here the token's iss, aud
and exp claims are checked the same way against the role's account's providers; its signature is not
(STS_WEB_IDENTITY_CHECKS).

ECS in moto 5.2.1 runs no container: a service's rollout completes whatever its image (with MOTO_ECS_SERVICE_RUNNING)
or never, and a one-off task runs until it has been described a few times, then stops with exit code 0 and no reason.
Here, as ECS reports them (ECS Developer Guide, "Amazon ECS task lifecycle", "Stopped task error codes", "How the
Amazon ECS deployment circuit breaker detects failures"; API Reference, Deployment, Container):
- a task whose image is in this emulator's ECR under a tag or digest that does not exist cannot start: a one-off task
  stops with stopCode TaskFailedToStart and "CannotPullContainerError: ... not found", no exit code; a service's
  deployment starts no task, and with the deployment circuit breaker on it FAILS ("tasks failed to start") and, with
  rollback on and an earlier completed deployment, rolls back to it; without the breaker it stays IN_PROGRESS. An image
  from another registry is taken as pullable: the emulator cannot know (ECS_TASKS_FOLLOW_IMAGES);
- a deployment whose images exist completes with runningCount = desiredCount; a new task definition (or a forced
  deployment) is a new PRIMARY deployment, a count change scales the current one. CreateService and UpdateService
  answer with the deployment IN_PROGRESS; its outcome shows from the next DescribeServices on, as on AWS, where a
  rollout takes minutes;
- a service's task whose image a test said crashes (POST /glassbox-emulator/ecs/crashing-images {"image", "exitCode"}:
  an application that exits at start, which no emulator can run to find out) stops as soon as it starts: "Essential
  container in task exited"; the circuit breaker counts such tasks as it counts tasks that cannot pull their image, so
  the rollout FAILS and rolls back as above (ECS Developer Guide, "How the Amazon ECS deployment circuit breaker detects
  failures") (ECS_TASKS_CRASH);
- a one-off task (RunTask) stops at its first DescribeTasks, as a short task does: stopCode EssentialContainerExited,
  "Essential container in task exited", the container's exit code 0, or the outcome a test set for the task
  definition's family with POST /glassbox-emulator/ecs/task-outcomes {"family", "exitCode", "logLines"}; the log
  lines go to the task's awslogs stream ({prefix}/{container}/{task id}), as the awslogs driver writes them
  (ECS_ONE_OFF_TASKS). The container's command is not run: DataPlaneTaskIT runs it with Podman;
- RegisterTaskDefinition of a Fargate task definition accepts only Fargate's task sizes (ECS Developer Guide, "Task
  CPU and memory"), answering others with ClientException "No Fargate configuration exists for given values"; moto
  5.2.1 registers any (FARGATE_TASK_SIZES);
- RunTask of a Fargate task definition whose containers do not state their memory (the task's applies) answers 500
  in moto 5.2.1; here the task's memory is taken, as on AWS (ECS_RUN_TASK_CONTAINER_MEMORY).

Service Quotas answers only the VPC's defaults in moto 5.2.1, and EC2 allocates any number of Elastic IPs; here the
account's values a test sets are answered, AWS's defaults too, and AllocateAddress beyond the Elastic IP quota is
refused as EC2 refuses it (SERVICE_QUOTAS, at the end of this file with its sources).

The delays, busy states and races AWS has and moto 5.2.1 does not (resources that linger after deletion, IAM
propagation, ECS's service-linked role, ACM right after a request, ElastiCache's busy states) are filled in
aws_delays.py, next to this file, which this one imports.

Run as `python3 moto_server.py -H 127.0.0.1 -p PORT`, like moto_server.
"""
import sys

from moto.cloudformation import parsing

POLICY_ATTRIBUTES = ("DeletionPolicy", "UpdateReplacePolicy")
_build_resource_diff = parsing.ResourceMap.build_resource_diff


def _without_policies(resource):
    return {key: value for key, value in resource.items() if key not in POLICY_ATTRIBUTES}


def build_resource_diff(self, other_template, parameters=None):
    diff = _build_resource_diff(self, other_template, parameters)
    old = self._resource_json_map
    new = other_template["Resources"]
    # Kept: resources whose properties differ, and those moto modifies for a changed parameter (their JSON is equal).
    diff["Modify"] = [name for name in diff["Modify"]
                      if new[name] == old[name] or _without_policies(new[name]) != _without_policies(old[name])]
    return diff


parsing.ResourceMap.build_resource_diff = build_resource_diff


def tag_resource(self):
    arn = self._get_param("ResourceArn")
    pools = [pool for pool in self.backend.user_pools.values() if pool.arn == arn]
    if not pools:
        from moto.cognitoidp.exceptions import ResourceNotFoundError
        raise ResourceNotFoundError(arn)
    tags = dict(pools[0].extended_config.get("UserPoolTags") or {})
    tags.update(self._get_param("Tags") or {})
    pools[0].extended_config["UserPoolTags"] = tags
    return "{}"


from moto.cognitoidp.responses import CognitoIdpResponse  # noqa: E402

CognitoIdpResponse.tag_resource = tag_resource

from moto.iam.access_control import IAMPolicyStatement, PermissionResult  # noqa: E402

_is_action_permitted = IAMPolicyStatement.is_action_permitted


def is_action_permitted(self, action, resource="*", principal=None, incoming_condition_values=None):
    # A statement whose condition names a key the request does not carry does not apply to it (neither allows
    # nor denies); moto would answer DENIED whatever the statement's Effect.
    present = incoming_condition_values or {}
    for operator, values in (self._statement.get("Condition") or {}).items():
        if operator.endswith("IfExists") or operator == "Null":
            continue
        if not any(key in present for key in values):
            return PermissionResult.NEUTRAL
    return _is_action_permitted(self, action, resource, principal, incoming_condition_values)


IAMPolicyStatement.is_action_permitted = is_action_permitted


# ElastiCache ModifyReplicationGroup (ELASTICACHE_MODIFY_NOT_IMPLEMENTED), deletion that finishes
# (ELASTICACHE_DELETE_NEVER_FINISHES).
from moto.elasticache.responses import ElastiCacheResponse  # noqa: E402


def modify_replication_group(self):
    from moto.core.responses import ActionResult
    group = self.elasticache_backend.describe_replication_groups(self._get_param("ReplicationGroupId"))[0]
    if self._get_param("CacheNodeType"):
        group.cache_node_type = self._get_param("CacheNodeType")
    for param, attribute in (("MultiAZEnabled", "multi_az"), ("AutomaticFailoverEnabled", "automatic_failover")):
        if self._get_param(param) is not None:
            setattr(group, attribute, "enabled" if self._get_bool_param(param) else "disabled")
    if self._get_param("SecurityGroupIds"):
        group.security_group_ids = self._get_param("SecurityGroupIds")
    if self._get_param("SnapshotRetentionLimit") is not None:
        group.snapshot_retention_limit = self._get_int_param("SnapshotRetentionLimit")
    if self._get_param("SnapshotWindow"):
        group.snapshot_window = self._get_param("SnapshotWindow")
    if self._get_param("AutoMinorVersionUpgrade") is not None:
        group.auto_minor_version_upgrade = self._get_bool_param("AutoMinorVersionUpgrade")
    window = self._get_param("PreferredMaintenanceWindow") or getattr(group, "preferred_maintenance_window", None)
    if window and (self._get_param("SnapshotWindow") or self._get_param("PreferredMaintenanceWindow")) \
            and _windows_overlap(group.snapshot_window, window):
        raise _overlap_error()
    group.preferred_maintenance_window = window
    return ActionResult({"ReplicationGroup": group})


ElastiCacheResponse.modify_replication_group = modify_replication_group

from moto.elasticache.models import ElastiCacheBackend  # noqa: E402

_delete_replication_group = ElastiCacheBackend.delete_replication_group


def delete_replication_group(self, replication_group_id, retain_primary_cluster):
    group = _delete_replication_group(self, replication_group_id, retain_primary_cluster)
    self.replication_groups.pop(replication_group_id, None)
    return group


ElastiCacheBackend.delete_replication_group = delete_replication_group


# Maintenance windows that never overlap the snapshot window (ELASTICACHE_MAINTENANCE_WINDOW).
MAINTENANCE_BLOCK_START = {"us-east-1": 3, "us-east-2": 3, "us-west-1": 6, "us-west-2": 6, "eu-west-1": 22,
                           "eu-central-1": 21, "eu-west-2": 22, "ap-southeast-1": 14, "ap-southeast-2": 12,
                           "ap-northeast-1": 13}
DAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"]


def _minutes(hh_mm):
    hours, minutes = hh_mm.split(":")
    return int(hours) * 60 + int(minutes)


def _windows_overlap(snapshot_window, maintenance_window):
    """Whether the daily snapshot window meets the weekly maintenance window's hours (its day's)."""
    if not snapshot_window or not maintenance_window:
        return False
    start, end = (_minutes(t) for t in snapshot_window.split("-"))
    first, last = maintenance_window.lower().split("-")
    m_start, m_end = _minutes(first[4:]), _minutes(last[4:])

    def spans(a, b):
        return [(a, b)] if a < b else [(a, 1440), (0, b)]
    return any(a < d and c < b for a, b in spans(start, end) for c, d in spans(m_start, m_end))


def _overlap_error():
    from moto.elasticache.exceptions import InvalidParameterValueException
    return InvalidParameterValueException("The snapshot window and maintenance window must not overlap.")


_create_replication_group = ElastiCacheBackend.create_replication_group


def create_replication_group(self, **kwargs):
    window = kwargs.get("preferred_maintenance_window")
    if not window:
        hour = MAINTENANCE_BLOCK_START.get(self.region_name, 3)
        day = DAYS[sum(map(ord, kwargs["replication_group_id"])) % 7]
        window = "%s:%02d:00-%s:%02d:00" % (day, hour, day, (hour + 1) % 24)
        kwargs["preferred_maintenance_window"] = window
    if _windows_overlap(kwargs.get("snapshot_window"), window):
        raise _overlap_error()
    return _create_replication_group(self, **kwargs)


ElastiCacheBackend.create_replication_group = create_replication_group


def delete_cache_subnet_group(self):
    from moto.core.responses import EmptyResult
    from moto.elasticache.exceptions import CacheSubnetGroupNotFound, InvalidParameterValueException
    backend = self.elasticache_backend
    name = self._get_param("CacheSubnetGroupName")
    if name not in backend.cache_subnet_groups:
        raise CacheSubnetGroupNotFound(name)
    if any(group.cache_subnet_group_name == name for group in backend.replication_groups.values()):
        raise InvalidParameterValueException("Cache subnet group " + name + " is in use")
    del backend.cache_subnet_groups[name]
    return EmptyResult()


ElastiCacheResponse.delete_cache_subnet_group = delete_cache_subnet_group

# RDS Performance Insights (RDS_PERFORMANCE_INSIGHTS).
from moto.rds.models import DBInstance  # noqa: E402

_db_instance_init = DBInstance.__init__


def db_instance_init(self, backend, **kwargs):
    _db_instance_init(self, backend, **kwargs)
    self.enable_performance_insights = bool(kwargs.get("enable_performance_insights"))
    self.performance_insights_retention_period = kwargs.get("performance_insights_retention_period")


DBInstance.__init__ = db_instance_init
DBInstance.performance_insights_enabled = property(lambda self: bool(getattr(self, "enable_performance_insights", False)))

# Deletion protection enforced (DELETION_PROTECTION_ENFORCED).
from moto.elbv2.exceptions import ELBClientError  # noqa: E402
from moto.elbv2.models import ELBv2Backend  # noqa: E402

_delete_load_balancer = ELBv2Backend.delete_load_balancer


def delete_load_balancer(self, arn):
    lb = self.load_balancers.get(arn)
    if lb is not None and str(lb.attrs.get("deletion_protection.enabled", "false")).lower() == "true":
        raise ELBClientError("OperationNotPermitted", "Load balancer '" + arn + "' cannot be deleted because deletion"
                             " protection is enabled")
    _delete_load_balancer(self, arn)


ELBv2Backend.delete_load_balancer = delete_load_balancer

from moto.cognitoidp.exceptions import InvalidParameterException  # noqa: E402
from moto.cognitoidp.models import CognitoIdpBackend  # noqa: E402

_delete_user_pool = CognitoIdpBackend.delete_user_pool
_update_user_pool = CognitoIdpBackend.update_user_pool
SIGN_IN_SETTINGS = ("UsernameAttributes", "AliasAttributes", "UsernameConfiguration")


def delete_user_pool(self, user_pool_id):
    if self.describe_user_pool(user_pool_id).extended_config.get("DeletionProtection") == "ACTIVE":
        raise InvalidParameterException("The user pool cannot be deleted because deletion protection is activated."
                                        " Deletion protection must be inactivated first.")
    _delete_user_pool(self, user_pool_id)


def update_user_pool(self, user_pool_id, extended_config):
    before = self.describe_user_pool(user_pool_id).extended_config
    kept = {key: before[key] for key in SIGN_IN_SETTINGS if key in before}
    _update_user_pool(self, user_pool_id, {**(extended_config or {}), **kept})


CognitoIdpBackend.delete_user_pool = delete_user_pool
CognitoIdpBackend.update_user_pool = update_user_pool

# The internet gateway before an internet-facing load balancer, and after it on the way out (IGW_BEFORE_LOAD_BALANCER).
from moto.ec2.exceptions import DependencyViolationError  # noqa: E402
from moto.ec2.models import ec2_backends  # noqa: E402
from moto.ec2.models.internet_gateways import InternetGatewayBackend  # noqa: E402
from moto.elbv2.models import elbv2_backends  # noqa: E402

_create_load_balancer = ELBv2Backend.create_load_balancer


def create_load_balancer_needing_gateway(self, name, security_groups, subnet_ids, subnet_mappings=None,
                                         scheme="internet-facing", **kwargs):
    if scheme in (None, "internet-facing"):  # internet-facing unless said otherwise (ELBv2 API Reference)
        ec2 = ec2_backends[self.account_id][self.region_name]
        ids = list(subnet_ids or []) + [m.get("SubnetId") for m in (subnet_mappings or []) if m.get("SubnetId")]
        for vpc_id in {ec2.get_subnet(subnet_id).vpc_id for subnet_id in ids}:
            if not any(gateway.vpc is not None and gateway.vpc.id == vpc_id
                       for gateway in ec2.internet_gateways.values()):
                raise ELBClientError("InvalidSubnet", "VPC " + vpc_id + " has no internet gateway")
    return _create_load_balancer(self, name, security_groups, subnet_ids, subnet_mappings=subnet_mappings,
                                 scheme=scheme, **kwargs)


ELBv2Backend.create_load_balancer = create_load_balancer_needing_gateway

_detach_internet_gateway = InternetGatewayBackend.detach_internet_gateway


def detach_internet_gateway(self, internet_gateway_id, vpc_id):
    balancers = elbv2_backends[self.account_id][self.region_name].load_balancers.values()
    mapped = any(lb.vpc_id == vpc_id and lb.scheme in (None, "internet-facing") for lb in balancers) or any(
        nat.vpc_id == vpc_id and nat.state not in ("deleted", "deleting", "failed") and nat.address_set
        for nat in self.nat_gateways.values())
    if mapped:
        raise DependencyViolationError("Network " + vpc_id + " has some mapped public address(es). Please unmap those"
                                       " public address(es) before detaching the gateway.")
    return _detach_internet_gateway(self, internet_gateway_id, vpc_id)


InternetGatewayBackend.detach_internet_gateway = detach_internet_gateway

# Cognito domain prefixes, unique across the region's accounts, one per pool (COGNITO_DOMAIN_PREFIXES).
from moto.cognitoidp.models import cognitoidp_backends  # noqa: E402

_create_user_pool_domain = CognitoIdpBackend.create_user_pool_domain


def create_user_pool_domain(self, user_pool_id, domain, custom_domain_config=None):
    pool = self.describe_user_pool(user_pool_id)
    if not custom_domain_config:
        for account in list(cognitoidp_backends.keys()):
            if domain in cognitoidp_backends[account][self.region_name].user_pool_domains:
                raise InvalidParameterException("Domain already associated with another user pool.")
        if any(d.user_pool_id == pool.id and not d.custom_domain_config for d in self.user_pool_domains.values()):
            raise InvalidParameterException("User pool already has a domain configured.")
    return _create_user_pool_domain(self, user_pool_id, domain, custom_domain_config=custom_domain_config)


CognitoIdpBackend.create_user_pool_domain = create_user_pool_domain

# PutBucketLogging with a "*" principal in the target's policy (S3_LOGGING_POLICY_PRINCIPAL).
import json  # noqa: E402

from moto.s3.models import FakeBucket  # noqa: E402

_log_permissions_enabled_policy = FakeBucket._log_permissions_enabled_policy


def log_permissions_enabled_policy(target_bucket, target_prefix):
    policy = target_bucket.policy
    if not policy:
        return False
    document = json.loads(policy.decode() if isinstance(policy, bytes) else policy)
    statements = document.get("Statement", [])
    statements = statements if isinstance(statements, list) else [statements]
    kept = [s for s in statements if isinstance(s.get("Principal", {}), dict)]
    original = target_bucket.policy
    target_bucket.policy = json.dumps({**document, "Statement": kept}).encode()
    try:
        return _log_permissions_enabled_policy(target_bucket, target_prefix)
    finally:
        target_bucket.policy = original


FakeBucket._log_permissions_enabled_policy = staticmethod(log_permissions_enabled_policy)

# What a request includes in its answer is its own (RESPONSE_INCLUDE_PER_REQUEST).
from moto.core.responses import BaseResponse  # noqa: E402


def _own_transformers(response):
    if "RESPONSE_KEY_PATH_TO_TRANSFORMER" not in vars(response):
        response.RESPONSE_KEY_PATH_TO_TRANSFORMER = dict(type(response).RESPONSE_KEY_PATH_TO_TRANSFORMER)
    return response.RESPONSE_KEY_PATH_TO_TRANSFORMER


def include_in_response(self, response_key_path):
    _own_transformers(self)[response_key_path] = lambda x: x


def exclude_from_response(self, response_key_path):
    from moto.core.responses import never_return
    _own_transformers(self)[response_key_path] = never_return


BaseResponse._include_in_response = include_in_response
BaseResponse._exclude_from_response = exclude_from_response

# The SSO portal's GetRoleCredentials (SSO_PORTAL) and the emulator's own control endpoints.
import math  # noqa: E402
import re  # noqa: E402
import threading  # noqa: E402
import time  # noqa: E402
import uuid  # noqa: E402
from datetime import timezone  # noqa: E402

from werkzeug.wrappers import Request, Response  # noqa: E402

from moto.moto_server.werkzeug_app import DomainDispatcherApplication  # noqa: E402

_lock = threading.Lock()
_sso_tokens = set()
_task_outcomes = {}  # family -> [{"exitCode": int, "logLines": [str]}], first in first used
_crashing_images = {}  # image reference -> exit code its essential container exits with as soon as it starts
_applied_quotas = {}  # (service code, quota code) -> the account's value a test set (SERVICE_QUOTAS)


def _json_response(status, body, error_type=None):
    headers = {"Content-Type": "application/json"}
    if error_type:
        headers["x-amzn-ErrorType"] = error_type
    return Response(json.dumps(body), status=status, headers=headers)


def _role_credentials(request):
    token = request.environ.get("HTTP_X_AMZ_SSO_BEARER_TOKEN", "")
    with _lock:
        known = token in _sso_tokens
    if not known:
        return _json_response(401, {"message": "Session token not found or invalid"}, "UnauthorizedException")
    account_id = request.args.get("account_id", "")
    role_name = request.args.get("role_name", "")
    if not re.fullmatch(r"\d{12}", account_id) or not role_name:
        return _json_response(400, {"message": "account_id and role_name are required"}, "InvalidRequestException")
    from moto.sts.models import sts_backends
    role = sts_backends[account_id]["aws"].assume_role(
        region_name="us-east-1", role_session_name="glassbox-sso-user",
        role_arn="arn:aws:iam::" + account_id + ":role/" + role_name, policy=None, duration=3600, external_id=None)
    expiration = int(role.expiration.replace(tzinfo=timezone.utc).timestamp() * 1000)
    return _json_response(200, {"roleCredentials": {
        "accessKeyId": role.access_key_id, "secretAccessKey": role.secret_access_key,
        "sessionToken": role.session_token, "expiration": expiration}})


def _control(request):
    body = request.get_json(force=True, silent=True) or {}
    if request.path == "/glassbox-emulator/sso/tokens":
        with _lock:
            _sso_tokens.add(body["accessToken"])
        return _json_response(200, {})
    if request.path == "/glassbox-emulator/ecs/task-outcomes":
        with _lock:
            _task_outcomes.setdefault(body["family"], []).append(
                {"exitCode": int(body.get("exitCode", 0)), "logLines": list(body.get("logLines", []))})
        return _json_response(200, {})
    if request.path == "/glassbox-emulator/ecs/crashing-images":
        with _lock:
            _crashing_images[body["image"]] = int(body.get("exitCode", 1))
        return _json_response(200, {})
    if request.path == "/glassbox-emulator/service-quotas":
        with _lock:
            _applied_quotas[(body["serviceCode"], body["quotaCode"])] = float(body["value"])
        return _json_response(200, {})
    if aws_delays.control(request.path, body):
        return _json_response(200, {})
    return _json_response(404, {"message": "no such emulator endpoint: " + request.path})


_dispatch = DomainDispatcherApplication.__call__


def dispatch(self, environ, start_response):
    path = environ.get("PATH_INFO", "")
    if path == "/federation/credentials" or path.startswith("/glassbox-emulator/"):
        request = Request(environ)
        response = _role_credentials(request) if path == "/federation/credentials" else _control(request)
        return response(environ, start_response)
    return _dispatch(self, environ, start_response)


DomainDispatcherApplication.__call__ = dispatch

# The portal's token header has an underscore, which werkzeug's development server drops from every request (against
# header spoofing by proxies); the portal reads it (SSO Portal API Reference, GetRoleCredentials: x-amz-sso_bearer_token).
import werkzeug.serving  # noqa: E402

_make_environ = werkzeug.serving.WSGIRequestHandler.make_environ


def make_environ(self):
    environ = _make_environ(self)
    token = self.headers.get("x-amz-sso_bearer_token")
    if token is not None:
        environ["HTTP_X_AMZ_SSO_BEARER_TOKEN"] = token
    return environ


werkzeug.serving.WSGIRequestHandler.make_environ = make_environ

from moto.moto_api._internal.models import MotoAPIBackend  # noqa: E402

_reset = MotoAPIBackend.reset


def reset(self):
    with _lock:
        _sso_tokens.clear()
        _task_outcomes.clear()
        _crashing_images.clear()
        _applied_quotas.clear()
    _reset(self)


MotoAPIBackend.reset = reset

# ECS tasks and rollouts that follow whether their images exist (ECS_TASKS_FOLLOW_IMAGES, ECS_ONE_OFF_TASKS).
from moto.ecr.models import ecr_backends  # noqa: E402
from moto.ecs import models as ecs_models  # noqa: E402
from moto.ecs.responses import EC2ContainerServiceResponse  # noqa: E402
from moto.logs.models import logs_backends  # noqa: E402

ECR_IMAGE = re.compile(r"(\d{12})\.dkr\.ecr\.([a-z0-9-]+)\.amazonaws\.com/([^:@]+)(?::([^@]+))?(?:@(sha256:[0-9a-f]{64}))?")


def _pull_failure(task_definition):
    """Why a task of this definition cannot pull its images, or None (images of other registries: pullable)."""
    for container in task_definition.container_definitions:
        image = container.get("image") or ""
        match = ECR_IMAGE.fullmatch(image)
        if not match:
            continue
        account, region, name, tag, digest = match.groups()
        repository = ecr_backends[account][region].repositories.get(name)
        wanted_tag = None if digest else (tag or "latest")
        found = repository is not None and any(
            (digest and image_.image_digest == digest) or (wanted_tag and wanted_tag in image_.image_tags)
            for image_ in repository.images)
        if not found:
            return ("CannotPullContainerError: pull image manifest has been retried 7 time(s): failed to resolve ref "
                    + image + ": " + image + ": not found")
    return None


def _start_failure(task_definition):
    """Why a service's task of this definition does not keep running, or None: its image cannot be pulled, or (as a test
    says of an image, ECS_TASKS_CRASH) its essential container exits as soon as it starts. ECS reports both as failed
    tasks, which the deployment circuit breaker counts (ECS Developer Guide, "How the Amazon ECS deployment circuit
    breaker detects failures": tasks that stop before reaching a steady state)."""
    failure = _pull_failure(task_definition)
    if failure is not None:
        return failure
    with _lock:
        for container in task_definition.container_definitions:
            code = _crashing_images.get(container.get("image") or "")
            if code is not None:
                return ("Essential container in task exited (" + container.get("name", "") + ": exit code "
                        + str(code) + ")")
    return None


def _event(service, message):
    service.events.insert(0, {"id": str(uuid.uuid4()), "createdAt": ecs_models.utcnow(),
                              "message": "(service " + service.name + ") " + message})


def _circuit_breaker(service):
    configuration = getattr(service, "deployment_configuration", None) or {}
    return configuration.get("deploymentCircuitBreaker") or {}


def _new_id():
    return "ecs-svc/" + str(ecs_models.mock_random.randint(0, 32 ** 12))


def _deploy(service, task_definition_arn, desired):
    """A new PRIMARY deployment of task_definition_arn, IN_PROGRESS as CreateService/UpdateService answer it; its
    outcome is settled when the service is next described (_settle), as ECS reports a rollout some time later."""
    now = ecs_models.utcnow()
    deployment = {"id": _new_id(), "status": "PRIMARY", "taskDefinition": task_definition_arn,
                  "desiredCount": desired, "pendingCount": desired, "runningCount": 0, "failedTasks": 0,
                  "createdAt": now, "updatedAt": now, "launchType": service.launch_type,
                  "networkConfiguration": service.network_configuration or None,
                  "platformFamily": "EC2" if service.launch_type == "EC2" else "FARGATE",
                  "rolloutState": "IN_PROGRESS", "rolloutStateReason": "ECS deployment " + "{id} in progress."}
    deployment["rolloutStateReason"] = "ECS deployment " + deployment["id"] + " in progress."
    previous = [dict(d, status="ACTIVE") for d in service.deployments if d.get("rolloutState") == "COMPLETED"]
    service.deployments = [deployment] + previous
    service.running_count = sum(d["runningCount"] for d in previous)
    service.pending_count = desired


def _settle(service):
    """The outcome of the service's rollout or scaling, given whether its images can be pulled."""
    if service.deployment_controller["type"] != "ECS" or not service.deployments:
        return
    primary = service.deployments[0]
    backend = service._backend
    definition = primary["taskDefinition"]
    failure = _start_failure(backend.describe_task_definition(definition)) if definition else None
    desired = service.desired_count
    primary["desiredCount"] = desired
    if primary["rolloutState"] == "COMPLETED":
        # A count change scales the completed deployment; tasks that cannot pull their image never run.
        running = desired if failure is None else min(primary["runningCount"], desired)
        if running != primary["runningCount"] or running != service.running_count:
            primary["runningCount"] = service.running_count = running
            primary["updatedAt"] = ecs_models.utcnow()
            _event(service, "has reached a steady state." if running == desired else
                   "is unable to consistently start tasks successfully. Last failure: " + str(failure))
        service.pending_count = 0
        return
    if primary["rolloutState"] != "IN_PROGRESS":
        return
    previous = [d for d in service.deployments[1:] if d.get("rolloutState") == "COMPLETED"]
    now = ecs_models.utcnow()
    if desired == 0 or failure is None:
        primary.update(runningCount=desired, pendingCount=0, rolloutState="COMPLETED", updatedAt=now,
                       rolloutStateReason="ECS deployment " + primary["id"] + " completed.")
        service.deployments = [primary]  # the older deployments are drained once the new one is steady
        service.running_count, service.pending_count = desired, 0
        _event(service, "has reached a steady state.")
        return
    breaker = _circuit_breaker(service)
    _event(service, "has started " + str(desired) + " tasks: (task " + uuid.uuid4().hex + ").")
    _event(service, "is unable to consistently start tasks successfully. For more information, see the"
                    " Troubleshooting section of the Amazon ECS Developer Guide. Last failure: " + failure)
    if not breaker.get("enable"):
        return  # without the breaker ECS keeps trying: the rollout stays IN_PROGRESS
    # The breaker's threshold: half the desired count, at least 3 and at most 200 failed tasks.
    primary.update(rolloutState="FAILED", pendingCount=0, updatedAt=now,
                   failedTasks=max(3, min(200, math.ceil(desired / 2))),
                   rolloutStateReason="ECS deployment circuit breaker: tasks failed to start.")
    _event(service, "deployment " + primary["id"] + " deployment failed: tasks failed to start.")
    if breaker.get("rollback") and previous:
        back = dict(previous[0], id=_new_id(), status="PRIMARY", createdAt=now, updatedAt=now,
                    rolloutStateReason="ECS deployment rolled back.")
        service.task_definition = back["taskDefinition"]
        service.deployments = [back, dict(primary, status="ACTIVE")]
        service.running_count = back["runningCount"]
        _event(service, "rolling back to deployment " + back["id"] + ".")
    else:
        service.running_count = 0
    service.pending_count = 0


_service_init = ecs_models.Service.__init__


def service_init(self, *args, **kwargs):
    _service_init(self, *args, **kwargs)
    self.deployment_configuration = None  # CreateService's, set by create_service below; ECS's default: no breaker
    if self.deployment_controller["type"] == "ECS":
        self.deployments = []
        _deploy(self, self.task_definition, self.desired_count)


ecs_models.Service.__init__ = service_init

_create_service = EC2ContainerServiceResponse.create_service


def create_service(self):
    result = _create_service(self)
    # moto 5.2.1 drops deploymentConfiguration, which decides what a failing rollout does: keep it.
    configuration = self._get_param("deploymentConfiguration")
    if configuration:
        self.ecs_backend._get_service(self._get_param("cluster", "default"),
                                      self._get_param("serviceName")).deployment_configuration = configuration
    return result


EC2ContainerServiceResponse.create_service = create_service

_update_service = ecs_models.EC2ContainerServiceBackend.update_service


def update_service(self, service_properties):
    cluster = service_properties.get("cluster", "default")
    name = service_properties["service"].split("/")[-1]
    old_definition = self._get_service(cluster, name).task_definition
    new_definition = service_properties.get("task_definition")
    forced = bool(service_properties.get("force_new_deployment"))
    running = self._get_service(cluster, name).running_count
    service = _update_service(self, dict(service_properties))
    service.running_count, service.pending_count = running, 0  # moto counts every desired task as running at once
    if service.deployment_controller["type"] != "ECS":
        return service
    if new_definition:
        service.task_definition = self.describe_task_definition(new_definition).arn
    if (new_definition and service.task_definition != old_definition) or forced:
        _deploy(service, service.task_definition, service.desired_count)
    return service


ecs_models.EC2ContainerServiceBackend.update_service = update_service

_describe_services = ecs_models.EC2ContainerServiceBackend.describe_services


def describe_services(self, cluster_str, service_names_or_arns):
    services, failures = _describe_services(self, cluster_str, service_names_or_arns)
    for service in services:
        _settle(service)
    return services, failures


ecs_models.EC2ContainerServiceBackend.describe_services = describe_services

_run_task = ecs_models.EC2ContainerServiceBackend.run_task


def run_task(self, cluster_str, task_definition_str, *args, **kwargs):
    tasks = _run_task(self, cluster_str, task_definition_str, *args, **kwargs)
    definition = self.describe_task_definition(task_definition_str)
    for task in tasks:
        failure = _pull_failure(definition)
        with _lock:
            queued = _task_outcomes.get(definition.family) or []
            outcome = queued.pop(0) if queued and failure is None else {"exitCode": 0, "logLines": []}
        task._glassbox_outcome = {"failure": failure, **outcome}
        task.last_status = "PROVISIONING"
    return tasks


ecs_models.EC2ContainerServiceBackend.run_task = run_task

# Fargate's task sizes (FARGATE_TASK_SIZES).
FARGATE_MEMORY = {256: [512, 1024, 2048], 512: list(range(1024, 4097, 1024)), 1024: list(range(2048, 8193, 1024)),
                  2048: list(range(4096, 16385, 1024)), 4096: list(range(8192, 30721, 1024)),
                  8192: list(range(16384, 61441, 4096)), 16384: list(range(32768, 122881, 8192))}


def _units(value, unit_word, per_unit):
    """'1024' or '1 vCPU' / '2 GB' (RegisterTaskDefinition takes both) in CPU units or MiB; None when unreadable."""
    text = str(value or "").strip()
    try:
        if unit_word and text.lower().endswith(unit_word):
            return int(float(text[: -len(unit_word)].strip()) * per_unit)
        return int(text)
    except ValueError:
        return None


_register_task_definition = ecs_models.EC2ContainerServiceBackend.register_task_definition


def register_task_definition(self, family, container_definitions, *args, **kwargs):
    compatibilities = kwargs.get("requires_compatibilities") or []
    if "FARGATE" in compatibilities:
        cpu = _units(kwargs.get("cpu"), "vcpu", 1024)
        memory = _units(kwargs.get("memory"), "gb", 1024)
        if cpu not in FARGATE_MEMORY or memory not in FARGATE_MEMORY[cpu]:
            raise ecs_models.EcsClientException("No Fargate configuration exists for given values: "
                                                + str(kwargs.get("cpu")) + " CPU, " + str(kwargs.get("memory"))
                                                + " memory. See the Amazon ECS documentation for the valid values.")
    return _register_task_definition(self, family, container_definitions, *args, **kwargs)


ecs_models.EC2ContainerServiceBackend.register_task_definition = register_task_definition

_requirements = ecs_models.EC2ContainerServiceBackend._calculate_task_resource_requirements


def calculate_task_resource_requirements(task_definition):
    # A Fargate container need not state its memory: the task's applies (ECS Developer Guide, "Task definition
    # parameters", memory: "optional for Fargate if a task-level memory value is specified"); moto 5.2.1 adds None
    # and answers 500 to RunTask (ECS_RUN_TASK_CONTAINER_MEMORY).
    definitions = task_definition.container_definitions
    missing = [c for c in definitions if not any(c.get(k) for k in ("memory", "memoryReservation", "Memory",
                                                                        "MemoryReservation"))]
    for container in missing:
        container["memoryReservation"] = 0
    try:
        return _requirements(task_definition)
    finally:
        for container in missing:
            container.pop("memoryReservation", None)


ecs_models.EC2ContainerServiceBackend._calculate_task_resource_requirements = staticmethod(
    calculate_task_resource_requirements)

_describe_tasks = ecs_models.EC2ContainerServiceBackend.describe_tasks


def _stop(backend, task):
    outcome = task._glassbox_outcome
    task._glassbox_outcome = None
    container = task.containers[0]
    definition = backend.describe_task_definition(task.task_definition_arn)
    now = ecs_models.utcnow()
    task.last_status = task.desired_status = container.last_status = "STOPPED"
    task.stopping_at = task.stopped_at = task.execution_stopped_at = now
    if outcome["failure"]:
        task.stop_code = "TaskFailedToStart"
        task.stopped_reason = outcome["failure"]
        container.exitCode = None
        container.reason = outcome["failure"]
        return
    task.stop_code = "EssentialContainerExited"
    task.stopped_reason = "Essential container in task exited"
    task.started_at = now
    container.exitCode = outcome["exitCode"]
    options = (definition.container_definitions[0].get("logConfiguration") or {}).get("options") or {}
    if outcome["logLines"] and options.get("awslogs-group"):
        logs = logs_backends[backend.account_id][options.get("awslogs-region", backend.region_name)]
        stream = options.get("awslogs-stream-prefix", "") + "/" + container.name + "/" + task.id
        logs.ensure_log_stream(options["awslogs-group"], stream)
        millis = int(time.time() * 1000)
        logs.put_log_events(options["awslogs-group"], stream,
                            [{"timestamp": millis + i, "message": line} for i, line in enumerate(outcome["logLines"])])


def describe_tasks(self, cluster_str, tasks):
    found = _describe_tasks(self, cluster_str, tasks)
    for task in found:
        if getattr(task, "_glassbox_outcome", None):
            _stop(self, task)
    return found


ecs_models.EC2ContainerServiceBackend.describe_tasks = describe_tasks

# AssumeRoleWithWebIdentity checks the token's issuer, audience and expiry (STS_WEB_IDENTITY_CHECKS).
import base64  # noqa: E402

from moto.iam.models import iam_backends  # noqa: E402
from moto.sts.exceptions import STSClientError  # noqa: E402
from moto.sts.responses import TokenResponse  # noqa: E402

_assume_role_with_web_identity = TokenResponse.assume_role_with_web_identity


def _claims(token):
    try:
        payload = token.split(".")[1]
        return json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    except (IndexError, ValueError):
        raise STSClientError("InvalidIdentityToken", "The ID Token provided is not a valid JWT. (You may see this"
                                                     " error if you sent an Access Token)")


def assume_role_with_web_identity(self):
    claims = _claims(self._get_param("WebIdentityToken") or "")
    role_arn = self._get_param("RoleArn") or ""
    account = role_arn.split(":")[4] if role_arn.count(":") >= 5 else ""
    issuer = str(claims.get("iss", "")).removeprefix("https://")
    audiences = claims.get("aud", [])
    audiences = audiences if isinstance(audiences, list) else [audiences]
    providers = [p for p in iam_backends[account]["aws"].open_id_providers.values() if p.url == issuer] \
        if account else []
    if not providers:
        raise STSClientError("InvalidIdentityToken", "No OpenIDConnect provider found in your account for https://"
                             + issuer)
    if not any(a in p.client_id_list for p in providers for a in audiences):
        raise STSClientError("InvalidIdentityToken", "Incorrect token audience")
    if float(claims.get("exp", 0)) < time.time():
        raise STSClientError("ExpiredTokenException", "Token expired: current date/time " + str(int(time.time()))
                             + " must be before the expiration date/time " + str(claims.get("exp")))
    return _assume_role_with_web_identity(self)


TokenResponse.assume_role_with_web_identity = assume_role_with_web_identity

# SERVICE_QUOTAS: Service Quotas answers only the VPC's default quotas in moto 5.2.1 (GetServiceQuota), refuses every
# other service with NoSuchResourceException and has no GetAWSDefaultServiceQuota; and EC2 allocates any number of
# Elastic IPs. On AWS, GetServiceQuota answers the account's applied value and, for a quota without one, "the quota is
# not retrieved" (NoSuchResourceException); GetAWSDefaultServiceQuota answers AWS's default (Service Quotas API
# Reference, GetServiceQuota, GetAWSDefaultServiceQuota); AllocateAddress beyond the account's EC2-VPC Elastic IPs
# quota (default 5 per Region) answers AddressLimitExceeded "The maximum number of addresses has been reached." (EC2
# API Reference, "Error codes"; Amazon EC2 User Guide, "Elastic IP address quota"). Here a test sets an account's value
# with POST /glassbox-emulator/service-quotas {"serviceCode", "quotaCode", "value"}: GetServiceQuota answers it, and
# answers NoSuchResourceException for other quotas than the VPC's; GetAWSDefaultServiceQuota answers AWS's defaults;
# AllocateAddress is refused beyond the Elastic IP quota.
from moto.ec2.exceptions import EC2ClientError  # noqa: E402
from moto.ec2.models.elastic_ip_addresses import ElasticAddressBackend  # noqa: E402
from moto.servicequotas.exceptions import NoSuchResource  # noqa: E402
from moto.servicequotas.models import ServiceQuotasBackend  # noqa: E402
from moto.servicequotas.resources.default_quotas.vpc import VPC_DEFAULT_QUOTAS  # noqa: E402
from moto.servicequotas.responses import ServiceQuotasResponse  # noqa: E402

ELASTIC_IPS = ("ec2", "L-0263D0A3")
AWS_DEFAULT_QUOTAS = {
    ELASTIC_IPS: ("Amazon Elastic Compute Cloud (Amazon EC2)", "EC2-VPC Elastic IPs", 5.0),
    ("elasticloadbalancing", "L-53DA6B97"): ("Elastic Load Balancing (ELB)", "Application Load Balancers per Region",
                                             50.0),
}


def _default_quota(backend, service_code, quota_code):
    if service_code == "vpc":
        for quota in VPC_DEFAULT_QUOTAS:
            if quota["QuotaCode"] == quota_code:
                return dict(quota, QuotaArn="arn:aws:servicequotas:" + backend.region_name + "::vpc/" + quota_code)
    known = AWS_DEFAULT_QUOTAS.get((service_code, quota_code))
    if known is None:
        raise NoSuchResource
    return {"ServiceCode": service_code, "ServiceName": known[0], "QuotaCode": quota_code, "QuotaName": known[1],
            "QuotaArn": "arn:aws:servicequotas:" + backend.region_name + "::" + service_code + "/" + quota_code,
            "Value": known[2], "Unit": "None", "Adjustable": True, "GlobalQuota": False}


def get_service_quota(self, service_code, quota_code):
    with _lock:
        applied = _applied_quotas.get((service_code, quota_code))
    if applied is not None:
        return dict(_default_quota(self, service_code, quota_code), Value=applied)
    if service_code != "vpc":
        raise NoSuchResource
    return _default_quota(self, service_code, quota_code)


def get_aws_default_service_quota(self):
    params = json.loads(self.body)
    return json.dumps({"Quota": _default_quota(self.backend, str(params.get("ServiceCode")),
                                               str(params.get("QuotaCode")))})


ServiceQuotasBackend.get_service_quota = get_service_quota
ServiceQuotasResponse.get_aws_default_service_quota = get_aws_default_service_quota

_allocate_address = ElasticAddressBackend.allocate_address


def allocate_address(self, domain, address=None, tags=None):
    with _lock:
        limit = _applied_quotas.get(ELASTIC_IPS, AWS_DEFAULT_QUOTAS[ELASTIC_IPS][2])
    if len([a for a in self.addresses if a.domain == "vpc"]) >= limit:
        raise EC2ClientError("AddressLimitExceeded", "The maximum number of addresses has been reached.")
    return _allocate_address(self, domain, address, tags)


ElasticAddressBackend.allocate_address = allocate_address

# The delays, busy states and races of AWS that moto answers at once: aws_delays.py, next to this file.
import os  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import aws_delays  # noqa: E402,F401

if __name__ == "__main__":
    from moto.server import main

    sys.exit(main())
