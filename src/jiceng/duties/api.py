"""API routes for duty lists (read-only; imports go through the web form or the CLI)."""

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema

from jiceng.core.scoping import get_visible
from jiceng.duties.models import DutyList
from jiceng.duties.queries import filter_items
from jiceng.errors import NotFoundError

router = Router(tags=["履职事项清单"])


class DutyListOut(Schema):
    id: int
    name: str
    township: str | None
    current_version: int | None
    item_count: int
    updated_at: datetime | None


class DutyItemOut(Schema):
    id: str
    category: str
    domain: str
    name: str
    content: str
    basis: str
    lead_department: str
    township_role: str


def _list_out(duty_list: DutyList) -> dict[str, Any]:
    version = duty_list.current_version()
    return {
        "id": duty_list.pk,
        "name": duty_list.name,
        "township": duty_list.township.name if duty_list.township else None,
        "current_version": version.number if version else None,
        "item_count": version.item_count if version else 0,
        "updated_at": version.created_at if version else None,
    }


@router.get("/lists", response=list[DutyListOut], summary="本县的履职事项清单")
def lists(request: HttpRequest) -> list[dict[str, Any]]:
    return [
        _list_out(dl) for dl in DutyList.objects.visible_to(request.user).select_related("township")
    ]


@router.get(
    "/lists/{list_id}/items", response=list[DutyItemOut], summary="清单事项（可筛选、检索）"
)
def items(
    request: HttpRequest,
    list_id: int,
    version: int | None = None,
    category: str = "",
    domain: str = "",
    department: str = "",
    q: str = "",
) -> list[dict[str, Any]]:
    duty_list = get_visible(DutyList, request.user, pk=list_id)
    chosen = (
        duty_list.versions.filter(number=version).first()
        if version
        else duty_list.current_version()
    )
    if chosen is None:
        raise NotFoundError("该清单没有此版本。")
    return [
        {
            "id": r.item_id,
            "category": r.category,
            "domain": r.domain,
            "name": r.name,
            "content": r.content,
            "basis": r.basis,
            "lead_department": r.lead_department,
            "township_role": r.township_role,
        }
        for r in filter_items(
            chosen, category=category, domain=domain, department=department, query=q
        )
    ]
