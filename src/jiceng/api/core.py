"""API routes of the shell: who am I, organisations, the audit log."""

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema

from jiceng.api.permissions import require_roles
from jiceng.core.models import AuditEntry, Organisation
from jiceng.core.roles import Role

router = Router(tags=["基础"])


class MeOut(Schema):
    username: str
    full_name: str
    role: str
    role_label: str
    organisation: str
    organisation_kind: str


class OrganisationOut(Schema):
    id: int
    kind: str
    name: str
    parent_id: int | None


class AuditOut(Schema):
    id: int
    at: datetime
    actor_name: str
    action: str
    object_type: str
    object_id: str
    object_repr: str
    before: Any = None
    after: Any = None
    note: str


@router.get("/me", response=MeOut, summary="当前登录用户")
def me(request: HttpRequest) -> dict[str, Any]:
    user = request.user
    org = user.organisation  # type: ignore[union-attr]
    return {
        "username": user.get_username(),
        "full_name": user.full_name,  # type: ignore[union-attr]
        "role": user.role,  # type: ignore[union-attr]
        "role_label": user.role_label,  # type: ignore[union-attr]
        "organisation": org.name if org else "",
        "organisation_kind": org.kind if org else "",
    }


@router.get("/organisations", response=list[OrganisationOut], summary="本县组织机构")
def organisations(request: HttpRequest) -> Any:
    county_id = request.user.county_id_value  # type: ignore[union-attr]
    return Organisation.objects.filter(county_id=county_id).order_by("kind", "name")


@router.get("/audit", response=list[AuditOut], summary="审计日志（最近 500 条）")
@require_roles(Role.COUNTY_ADMIN, Role.OBSERVER)
def audit(request: HttpRequest, action: str = "", limit: int = 100) -> Any:
    qs = AuditEntry.objects.visible_to(request.user)
    if action:
        qs = qs.filter(action=action)
    return qs.order_by("-id")[: max(1, min(limit, 500))]
