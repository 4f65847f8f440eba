"""The delays, busy states and races of AWS that moto 5.2.1 answers at once, each named as in KnownEmulatorGaps.

moto applies every change the moment it answers; AWS does not, and a provisioner that works against moto can fail on
AWS where a resource is not yet known, not yet gone, or busy. Each fill below makes moto refuse what AWS refuses in
that window, for GLASSBOX_EMULATOR_DELAY_SECONDS (2 s unless set; AWS takes seconds to minutes), so that a test fails
if the provisioner ever stops waiting it out. Imported by moto_server.py, after its own fills.

LINGERING_NETWORK_INTERFACES: a deleted load balancer's, service's, DB instance's or cache's network interfaces stay a
while (minutes on AWS), holding their security groups and subnets: DeleteSecurityGroup answers DependencyViolation
"resource sg-... has a dependent object", DeleteSubnet "The subnet '...' has dependencies and cannot be deleted.",
DeleteVpc "The vpc '...' has dependencies and cannot be deleted.", and a deleted internet-facing load balancer's public
addresses keep DetachInternetGateway refusing ("has some mapped public address(es)"). ACM refuses to delete a
certificate a listener uses, and for a while after the listener or load balancer is deleted: ResourceInUseException
"Certificate ... in use" (EC2 API Reference, DeleteSecurityGroup, DeleteSubnet; hashicorp/terraform-provider-aws #40,
"aws_elb with a security group does not always successfully destroy"; ACM API Reference, DeleteCertificate). moto
deletes them at once and never refuses a certificate in use.

IAM_PROPAGATION: a role just created, or just given a policy, cannot be assumed by a service for some seconds (IAM
User Guide, "Changes that I make are not always immediately visible"): CreateFlowLogs answers InvalidParameter
"Unable to assume given IAM role: '...'" (hashicorp/terraform-provider-aws #29323). moto accepts at once.

ECS_SERVICE_LINKED_ROLE: ECS needs the account's service-linked role AWSServiceRoleForECS; in an account that never
used ECS, CreateCluster with Fargate capacity providers (and PutClusterCapacityProviders) answers
InvalidParameterException "Unable to assume the service linked role. Please verify that the ECS service linked role
exists." until the role exists and has propagated (ECS Developer Guide, "Using service-linked roles for Amazon ECS";
aws/aws-cdk #21225). moto needs no role, and names the role AWSServiceRoleForecs; here it is AWSServiceRoleForECS, and
a second CreateServiceLinkedRole answers InvalidInput "Service role name ... has been taken in this account", as IAM
does.

ACM_EVENTUAL_CONSISTENCY: right after RequestCertificate, DescribeCertificate may not find the certificate, and its DNS
validation record (DomainValidationOptions[].ResourceRecord) appears later still (ACM API Reference,
RequestCertificate, DescribeCertificate; hashicorp/terraform-provider-aws #9627). Here DescribeCertificate answers
ResourceNotFoundException for a quarter of the delay and leaves out the record for half of it; moto has both at once.

ELASTICACHE_BUSY_STATES: a replication group is "creating" after CreateReplicationGroup and "modifying" after
ModifyReplicationGroup until the change is done (minutes), and meanwhile ListTagsForResource and AddTagsToResource
answer InvalidReplicationGroupState (hashicorp/terraform-provider-aws #33859; ElastiCache API Reference,
ListTagsForResource). moto's groups are "available" at once. A test makes a group busy for longer (a snapshot, say)
with POST /glassbox-emulator/elasticache/busy {"arn", "state", "seconds"}, and what deleted resources hold linger longer, or
refuse a number of deletes whenever they come (so that a test does not depend on how fast the steps get there), with
POST /glassbox-emulator/linger {"seconds"} or {"refusals"}, until the next reset.

PAGED_LISTS: EC2's Describe calls and Application Auto Scaling's answer a page at a time with a NextToken (EC2 API
Reference, "Pagination": "a call may return fewer results than the maximum, and a NextToken"; Application Auto
Scaling API Reference, DescribeScalingPolicies: MaxResults, NextToken); moto 5.2.1 answers EC2's all at once. A test
makes every one of them page by a size it sets (1 shows a caller that reads only the first page) with
POST /glassbox-emulator/page-size {"size"}, until the next reset: DescribeVpcs, DescribeSubnets, DescribeSecurityGroups,
DescribeRouteTables, DescribeNatGateways, DescribeInternetGateways, DescribeFlowLogs and DescribeScalingPolicies.
"""
import inspect
import os
import threading
import time

DELAY = float(os.environ.get("GLASSBOX_EMULATOR_DELAY_SECONDS", "2"))
_linger_seconds = [DELAY]  # how long deleted resources' interfaces linger; a test may lengthen it
_linger_refusals = [0]  # or, when a test sets it, how many deletes each refuses whenever they come

_lock = threading.Lock()
_lingering = {}  # (account, region, kind, id) -> time until which it is still held
_role_changed = {}  # (account, role name) -> when it was created or last given a policy
_requested = {}  # certificate arn -> when it was requested
_busy = {}  # replication group arn -> (state, until)


def _id(value):
    """An id as moto's models hold it: a string, an object with an id, or a dict of the API's shape."""
    if isinstance(value, dict):
        return next((value[k] for k in ("VpcSecurityGroupId", "SubnetIdentifier", "SubnetId", "id") if k in value),
                    None)
    return getattr(value, "id", value)


def _hold(account, region, kind, ids):
    until = time.time() + _linger_seconds[0]
    with _lock:
        for resource_id in map(_id, ids):
            if resource_id:
                _lingering[(account, region, kind, resource_id)] = [until, _linger_refusals[0]]


def _held(account, region, kind, resource_id):
    """Whether the resource is still held; a hold counted in refusals spends one each time it refuses."""
    with _lock:
        hold = _lingering.get((account, region, kind, resource_id))
        if hold is None:
            return False
        if _linger_refusals[0]:
            hold[1] -= 1
            return hold[1] >= 0
        return hold[0] > time.time()


# ---- LINGERING_NETWORK_INTERFACES ----------------------------------------------------------------------------------
from moto.acm.exceptions import AWSError  # noqa: E402
from moto.acm.models import AWSCertificateManagerBackend  # noqa: E402
from moto.ec2.exceptions import DependencyViolationError  # noqa: E402
from moto.ec2.models import ec2_backends  # noqa: E402
from moto.ec2.models.internet_gateways import InternetGatewayBackend  # noqa: E402
from moto.ec2.models.security_groups import SecurityGroupBackend  # noqa: E402
from moto.ec2.models.subnets import SubnetBackend  # noqa: E402
from moto.ec2.models.vpcs import VPCBackend  # noqa: E402
from moto.ecs.models import EC2ContainerServiceBackend  # noqa: E402
from moto.elasticache.models import ElastiCacheBackend  # noqa: E402
from moto.elbv2.models import ELBv2Backend  # noqa: E402
from moto.rds.models import RDSBackend  # noqa: E402


def _subnet_vpc(account, region, subnet_id):
    try:
        return ec2_backends[account][region].get_subnet(subnet_id).vpc_id
    except Exception:  # noqa: BLE001 - a subnet already gone holds nothing
        return None


def _interfaces_linger(backend, security_groups, subnets, public=False):
    """What a deleted resource's network interfaces hold a while: its groups, its subnets and their VPCs."""
    account, region = backend.account_id, backend.region_name
    subnets = [s for s in map(_id, subnets) if s]
    vpcs = {_subnet_vpc(account, region, s) for s in subnets}
    _hold(account, region, "security-group", security_groups)
    _hold(account, region, "subnet", subnets)
    _hold(account, region, "vpc", vpcs)
    if public:
        _hold(account, region, "public-address", vpcs)


_delete_load_balancer = ELBv2Backend.delete_load_balancer


def delete_load_balancer(self, arn):
    lb = self.load_balancers.get(arn)
    if lb is not None:
        certificates = [c.get("certificate_arn") or c.get("CertificateArn") if isinstance(c, dict) else c
                        for listener in lb.listeners.values() for c in (listener.certificates or [])]
    _delete_load_balancer(self, arn)
    if lb is not None:
        subnets = [getattr(s, "id", s) for s in lb.subnets]
        _interfaces_linger(self, lb.security_groups or [], subnets, public=lb.scheme in (None, "internet-facing"))
        _hold(self.account_id, self.region_name, "certificate", certificates)


ELBv2Backend.delete_load_balancer = delete_load_balancer

_delete_listener = ELBv2Backend.delete_listener


def delete_listener(self, listener_arn):
    listener = _delete_listener(self, listener_arn)
    certificates = [c.get("certificate_arn") or c.get("CertificateArn") if isinstance(c, dict) else c
                    for c in (getattr(listener, "certificates", None) or [])]
    _hold(self.account_id, self.region_name, "certificate", certificates)
    return listener


ELBv2Backend.delete_listener = delete_listener

_delete_service = EC2ContainerServiceBackend.delete_service


def delete_service(self, cluster_name, service_name, force):
    service = _delete_service(self, cluster_name, service_name, force)
    network = (getattr(service, "network_configuration", None) or {}).get("awsvpcConfiguration", {})
    _interfaces_linger(self, network.get("securityGroups", []), network.get("subnets", []))
    return service


EC2ContainerServiceBackend.delete_service = delete_service

_delete_db_instance = RDSBackend.delete_db_instance


def delete_db_instance(self, db_instance_identifier, *args, **kwargs):
    instance = self.databases.get(db_instance_identifier)
    result = _delete_db_instance(self, db_instance_identifier, *args, **kwargs)
    if instance is not None:
        group = getattr(instance, "db_subnet_group", None)  # its name is a write-only property in moto
        subnets = [getattr(s, "id", s) for s in (getattr(group, "subnets", None) or [])]
        _interfaces_linger(self, instance.vpc_security_group_ids or [], subnets)
    return result


RDSBackend.delete_db_instance = delete_db_instance

_delete_replication_group = ElastiCacheBackend.delete_replication_group


def delete_replication_group(self, replication_group_id, retain_primary_cluster):
    group = self.replication_groups.get(replication_group_id)
    result = _delete_replication_group(self, replication_group_id, retain_primary_cluster)
    if group is not None:
        subnet_group = self.cache_subnet_groups.get(group.cache_subnet_group_name)
        _interfaces_linger(self, group.security_group_ids or [],
                           list(getattr(subnet_group, "subnet_ids", None) or []))
    return result


ElastiCacheBackend.delete_replication_group = delete_replication_group

_delete_security_group = SecurityGroupBackend.delete_security_group


def delete_security_group(self, name=None, group_id=None):
    if group_id and _held(self.account_id, self.region_name, "security-group", group_id):
        raise DependencyViolationError("resource " + group_id + " has a dependent object")
    return _delete_security_group(self, name=name, group_id=group_id)


SecurityGroupBackend.delete_security_group = delete_security_group

_delete_subnet = SubnetBackend.delete_subnet


def delete_subnet(self, subnet_id):
    if _held(self.account_id, self.region_name, "subnet", subnet_id):
        raise DependencyViolationError("The subnet '" + subnet_id + "' has dependencies and cannot be deleted.")
    return _delete_subnet(self, subnet_id)


SubnetBackend.delete_subnet = delete_subnet

_delete_vpc = VPCBackend.delete_vpc


def delete_vpc(self, vpc_id):
    if _held(self.account_id, self.region_name, "vpc", vpc_id):
        raise DependencyViolationError("The vpc '" + vpc_id + "' has dependencies and cannot be deleted.")
    return _delete_vpc(self, vpc_id)


VPCBackend.delete_vpc = delete_vpc

_detach_internet_gateway = InternetGatewayBackend.detach_internet_gateway


def detach_internet_gateway(self, internet_gateway_id, vpc_id):
    if _held(self.account_id, self.region_name, "public-address", vpc_id):
        raise DependencyViolationError("Network " + vpc_id + " has some mapped public address(es). Please unmap those"
                                       " public address(es) before detaching the gateway.")
    return _detach_internet_gateway(self, internet_gateway_id, vpc_id)


InternetGatewayBackend.detach_internet_gateway = detach_internet_gateway


class ResourceInUseException(AWSError):
    TYPE = "ResourceInUseException"


_delete_certificate = AWSCertificateManagerBackend.delete_certificate


def delete_certificate(self, arn):
    from moto.elbv2.models import elbv2_backends
    balancers = elbv2_backends[self.account_id][self.region_name].load_balancers.values()
    in_use = any(arn in str(listener.certificates) for lb in balancers for listener in lb.listeners.values())
    if in_use or _held(self.account_id, self.region_name, "certificate", arn):
        raise ResourceInUseException("Certificate " + arn + " in use.")
    return _delete_certificate(self, arn)


AWSCertificateManagerBackend.delete_certificate = delete_certificate

# ---- IAM_PROPAGATION ----------------------------------------------------------------------------------------------
from moto.ec2.models.flow_logs import FlowLogsBackend  # noqa: E402
from moto.iam.models import IAMBackend  # noqa: E402


def _role_touched(backend, role_name):
    with _lock:
        _role_changed[(backend.account_id, role_name)] = time.time()


def _after_role_change(method):
    original = getattr(IAMBackend, method)

    signature = inspect.signature(original)

    def touched(self, *args, **kwargs):
        result = original(self, *args, **kwargs)
        _role_touched(self, signature.bind(self, *args, **kwargs).arguments.get("role_name"))
        return result
    setattr(IAMBackend, method, touched)


for _method in ("create_role", "put_role_policy", "attach_role_policy", "update_assume_role_policy"):
    _after_role_change(_method)

_create_flow_logs = FlowLogsBackend.create_flow_logs


def create_flow_logs(self, resource_type, resource_ids, traffic_type, deliver_logs_permission_arn, *args, **kwargs):
    if deliver_logs_permission_arn:
        role_name = deliver_logs_permission_arn.split("/")[-1]
        with _lock:
            changed = _role_changed.get((self.account_id, role_name), 0)
        if time.time() < changed + DELAY:
            from moto.ec2.exceptions import EC2ClientError
            raise EC2ClientError("InvalidParameter", "Unable to assume given IAM role: '"
                                 + deliver_logs_permission_arn + "'")
    return _create_flow_logs(self, resource_type, resource_ids, traffic_type, deliver_logs_permission_arn, *args,
                             **kwargs)


FlowLogsBackend.create_flow_logs = create_flow_logs

# ---- ECS_SERVICE_LINKED_ROLE --------------------------------------------------------------------------------------
from moto.ecs.exceptions import InvalidParameterException as EcsInvalidParameter  # noqa: E402
from moto.iam import models as iam_models  # noqa: E402
from moto.iam.exceptions import InvalidInput  # noqa: E402
from moto.iam.models import iam_backends  # noqa: E402

ECS_ROLE = "AWSServiceRoleForECS"
iam_models.SERVICE_NAME_CONVERSION["ecs"] = "ECS"

_create_service_linked_role = IAMBackend.create_service_linked_role


def create_service_linked_role(self, service_name, description, suffix):
    if service_name == "ecs.amazonaws.com" and any(r.name == ECS_ROLE for r in self.roles.values()):
        raise InvalidInput("Service role name " + ECS_ROLE + " has been taken in this account, please try a different"
                           " suffix.")
    return _create_service_linked_role(self, service_name, description, suffix)


IAMBackend.create_service_linked_role = create_service_linked_role


def _ecs_role_usable(backend):
    iam = iam_backends[backend.account_id]["aws"]
    if not any(r.name == ECS_ROLE for r in iam.roles.values()):
        return False
    with _lock:
        created = _role_changed.get((backend.account_id, ECS_ROLE), 0)
    return time.time() >= created + DELAY


def _needs_ecs_role(backend, capacity_providers):
    if capacity_providers and not _ecs_role_usable(backend):
        raise EcsInvalidParameter("Unable to assume the service linked role. Please verify that the ECS service"
                                  " linked role exists.")


_create_cluster = EC2ContainerServiceBackend.create_cluster


_create_cluster_signature = inspect.signature(_create_cluster)


def create_cluster(self, *args, **kwargs):
    _needs_ecs_role(self, _create_cluster_signature.bind(self, *args, **kwargs).arguments.get("capacity_providers"))
    return _create_cluster(self, *args, **kwargs)


EC2ContainerServiceBackend.create_cluster = create_cluster

_put_cluster_capacity_providers = EC2ContainerServiceBackend.put_cluster_capacity_providers


def put_cluster_capacity_providers(self, cluster_name, capacity_providers, default_capacity_provider_strategy):
    _needs_ecs_role(self, capacity_providers)
    return _put_cluster_capacity_providers(self, cluster_name, capacity_providers, default_capacity_provider_strategy)


EC2ContainerServiceBackend.put_cluster_capacity_providers = put_cluster_capacity_providers

# ---- ACM_EVENTUAL_CONSISTENCY -------------------------------------------------------------------------------------
from moto.acm.exceptions import CertificateNotFound  # noqa: E402
from moto.acm.models import CertBundle  # noqa: E402

_request_certificate = AWSCertificateManagerBackend.request_certificate


def request_certificate(self, *args, **kwargs):
    arn = _request_certificate(self, *args, **kwargs)
    with _lock:
        _requested.setdefault(arn, time.time())  # the same idempotency token answers the same certificate
    return arn


AWSCertificateManagerBackend.request_certificate = request_certificate

_describe_certificate = AWSCertificateManagerBackend.describe_certificate


def describe_certificate(self, arn):
    with _lock:
        requested = _requested.get(arn)
    if requested is not None and time.time() < requested + DELAY / 4:
        raise CertificateNotFound(arn=arn, account_id=self.account_id)
    return _describe_certificate(self, arn)


AWSCertificateManagerBackend.describe_certificate = describe_certificate

_describe = CertBundle.describe


def describe(self):
    result = _describe(self)
    with _lock:
        requested = _requested.get(self.arn)
    if requested is not None and time.time() < requested + DELAY / 2:
        for option in result["Certificate"].get("DomainValidationOptions", []):
            option.pop("ResourceRecord", None)
    return result


CertBundle.describe = describe

# ---- ELASTICACHE_BUSY_STATES --------------------------------------------------------------------------------------
from moto.elasticache.exceptions import ElastiCacheException  # noqa: E402
from moto.elasticache.models import ReplicationGroup  # noqa: E402
from moto.elasticache.responses import ElastiCacheResponse  # noqa: E402


class InvalidReplicationGroupState(ElastiCacheException):
    code = "InvalidReplicationGroupState"


def _group_status(self):
    with _lock:
        state, until = _busy.get(self.arn, (None, 0))
    return state if state is not None and time.time() < until else self.__dict__.get("_status", "available")


def _set_group_status(self, value):
    self.__dict__["_status"] = value


ReplicationGroup.status = property(_group_status, _set_group_status)


def _busy_for(backend, group_id, state):
    group = backend.replication_groups.get(group_id)
    if group is not None:
        with _lock:
            _busy[group.arn] = (state, time.time() + DELAY)


_create_group = ElastiCacheBackend.create_replication_group


def create_replication_group(self, **kwargs):
    group = _create_group(self, **kwargs)
    _busy_for(self, kwargs["replication_group_id"], "creating")
    return group


ElastiCacheBackend.create_replication_group = create_replication_group

_modify_group = ElastiCacheResponse.modify_replication_group


def modify_replication_group(self):
    result = _modify_group(self)
    _busy_for(self.elasticache_backend, self._get_param("ReplicationGroupId"), "modifying")
    return result


ElastiCacheResponse.modify_replication_group = modify_replication_group


def _group_of(backend, arn):
    if ":replicationgroup:" not in arn:
        return None
    return backend.replication_groups.get(arn.split(":replicationgroup:")[-1])


def _refuse_tagging_while_busy(method):
    original = getattr(ElastiCacheBackend, method)

    def checked(self, arn, *args, **kwargs):
        group = _group_of(self, arn)
        if group is not None and group.status != "available":
            raise InvalidReplicationGroupState("Cluster not in available state to perform tagging operations.")
        return original(self, arn, *args, **kwargs)
    setattr(ElastiCacheBackend, method, checked)


for _method in ("list_tags_for_resource", "add_tags_to_resource", "remove_tags_from_resource"):
    _refuse_tagging_while_busy(_method)

# ---- PAGED_LISTS -------------------------------------------------------------------------------------------------
from moto.applicationautoscaling.models import ApplicationAutoscalingBackend  # noqa: E402
from moto.core.responses import ActionResult  # noqa: E402
from moto.ec2.responses.flow_logs import FlowLogs as FlowLogsResponse  # noqa: E402
from moto.ec2.responses.internet_gateways import InternetGateways as InternetGatewaysResponse  # noqa: E402
from moto.ec2.responses.nat_gateways import NatGateways as NatGatewaysResponse  # noqa: E402
from moto.ec2.responses.route_tables import RouteTables as RouteTablesResponse  # noqa: E402
from moto.ec2.responses.security_groups import SecurityGroups as SecurityGroupsResponse  # noqa: E402
from moto.ec2.responses.subnets import Subnets as SubnetsResponse  # noqa: E402
from moto.ec2.responses.vpcs import VPCs as VPCsResponse  # noqa: E402

_page_size = [0]  # 0: moto's own answers, all at once


def _paged(response_class, method, key):
    original = getattr(response_class, method)

    def paged(self):
        result = original(self)
        size = _page_size[0]
        if not size or not isinstance(result, ActionResult) or not isinstance(result.result, dict):
            return result
        items = list(result.result.get(key) or [])
        start = int(self._get_param("NextToken") or 0)
        asked = self._get_int_param("MaxResults")
        size = min(size, asked) if asked else size
        page = dict(result.result)
        page[key] = items[start:start + size]
        if start + size < len(items):
            page["NextToken"] = str(start + size)
        return ActionResult(page)
    setattr(response_class, method, paged)


for _class, _method, _key in ((VPCsResponse, "describe_vpcs", "Vpcs"), (SubnetsResponse, "describe_subnets", "Subnets"),
                              (SecurityGroupsResponse, "describe_security_groups", "SecurityGroups"),
                              (RouteTablesResponse, "describe_route_tables", "RouteTables"),
                              (NatGatewaysResponse, "describe_nat_gateways", "NatGateways"),
                              (InternetGatewaysResponse, "describe_internet_gateways", "InternetGateways"),
                              (FlowLogsResponse, "describe_flow_logs", "FlowLogs")):
    _paged(_class, _method, _key)


def _clamped(method):
    original = getattr(ApplicationAutoscalingBackend, method)
    signature = inspect.signature(original)

    def clamped(self, *args, **kwargs):
        arguments = signature.bind(self, *args, **kwargs).arguments
        if _page_size[0] and "max_results" in signature.parameters:
            arguments["max_results"] = min(arguments.get("max_results") or _page_size[0], _page_size[0])
        arguments.pop("self")
        return original(self, **arguments)
    setattr(ApplicationAutoscalingBackend, method, clamped)


_clamped("describe_scaling_policies")


def control(path, body):
    """The emulator's control endpoints of these fills; whether {@code path} was one."""
    if path == "/glassbox-emulator/page-size":
        _page_size[0] = int(body["size"])
        return True
    if path == "/glassbox-emulator/linger":
        _linger_seconds[0] = float(body.get("seconds", DELAY))
        _linger_refusals[0] = int(body.get("refusals", 0))
        return True
    if path == "/glassbox-emulator/elasticache/busy":
        with _lock:
            _busy[body["arn"]] = (body.get("state", "snapshotting"), time.time() + float(body.get("seconds", 60)))
        return True
    return False


# ---- state cleared with moto's own reset -------------------------------------------------------------------------
from moto.moto_api._internal.models import MotoAPIBackend  # noqa: E402

_reset = MotoAPIBackend.reset


def reset(self):
    with _lock:
        for state in (_lingering, _role_changed, _requested, _busy):
            state.clear()
        _linger_seconds[0] = DELAY
        _linger_refusals[0] = 0
        _page_size[0] = 0
    _reset(self)


MotoAPIBackend.reset = reset
