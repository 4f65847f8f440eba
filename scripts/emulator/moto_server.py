"""moto_server with three emulator gaps filled (KnownEmulatorGaps.CLOUDFORMATION_UPDATE_POLICIES,
COGNITO_TAG_RESOURCE, POLICY_CONDITION_KEYS).

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

if __name__ == "__main__":
    from moto.server import main

    sys.exit(main())
