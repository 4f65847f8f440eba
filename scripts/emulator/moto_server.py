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
    return ActionResult({"ReplicationGroup": group})


ElastiCacheResponse.modify_replication_group = modify_replication_group

from moto.elasticache.models import ElastiCacheBackend  # noqa: E402

_delete_replication_group = ElastiCacheBackend.delete_replication_group


def delete_replication_group(self, replication_group_id, retain_primary_cluster):
    group = _delete_replication_group(self, replication_group_id, retain_primary_cluster)
    self.replication_groups.pop(replication_group_id, None)
    return group


ElastiCacheBackend.delete_replication_group = delete_replication_group


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

if __name__ == "__main__":
    from moto.server import main

    sys.exit(main())
