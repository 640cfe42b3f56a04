"""API routes of the burden ledger: events, monthly sums, findings and alerts, all scoped."""

from datetime import date
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema

from jiceng.api.permissions import require_roles
from jiceng.core.models import Organisation
from jiceng.core.roles import Role
from jiceng.core.scoping import get_visible
from jiceng.errors import InputError
from jiceng.ledger import queries, services
from jiceng.ledger.models import BurdenEvent, TownshipMonthTotal

router = Router(tags=["负担台账"])


class EventOut(Schema):
    id: int
    township: str
    date: date
    type: str
    channel: str
    source_department: str
    title: str
    hours: float
    origin: str
    status: str


class EventIn(Schema):
    township_id: int
    date: date
    type: str
    hours: float
    title: str = ""
    source_department: str = ""
    channel: str | None = None
    length_chars: int | None = None
    comprehensive: bool = False


class MonthOut(Schema):
    month: str
    hours: float
    formal: float
    informal: float
    events: int


class FindingOut(Schema):
    township: str
    pattern: str
    month: str | None
    evidence: str


class AlertOut(Schema):
    kind: str
    level: str
    subject: str
    title: str
    evidence: str


def _event_out(e: BurdenEvent) -> dict[str, Any]:
    return {
        "id": e.pk,
        "township": e.township.name,
        "date": e.date,
        "type": e.type,
        "channel": e.channel,
        "source_department": e.source_department,
        "title": e.title,
        "hours": e.hours,
        "origin": e.origin,
        "status": e.status,
    }


def _county_id(request: HttpRequest) -> int:
    org = request.user.organisation  # type: ignore[union-attr]
    return org.county_id or org.pk


@router.get("/events", response=list[EventOut], summary="可见的负担事件")
def events(
    request: HttpRequest, township_id: int | None = None, month: str = "", limit: int = 200
) -> list[dict[str, Any]]:
    qs = BurdenEvent.objects.visible_to(request.user).select_related("township")
    if township_id:
        qs = qs.filter(township_id=township_id)
    if month:
        try:
            qs = qs.filter(month=date.fromisoformat(month + "-01"))
        except ValueError:
            raise InputError("月份格式应为 YYYY-MM。") from None
    return [_event_out(e) for e in qs.order_by("-date", "-id")[: max(1, min(limit, 1000))]]


@router.get("/events/{event_id}", response=EventOut, summary="负担事件详情")
def event_detail(request: HttpRequest, event_id: int) -> dict[str, Any]:
    return _event_out(
        get_visible(BurdenEvent.objects.select_related("township"), request.user, pk=event_id)
    )


@router.post("/events", response={201: EventOut}, summary="登记负担事件（乡镇经办人、县级管理员）")
@require_roles(Role.COUNTY_ADMIN, Role.TOWNSHIP_CLERK)
def create_event(request: HttpRequest, payload: EventIn) -> tuple[int, dict[str, Any]]:
    township = Organisation.objects.filter(
        pk=payload.township_id, kind=Organisation.Kind.TOWNSHIP
    ).first()
    if township is None:
        raise InputError("乡镇（街道）不存在。")
    event = services.create_event(
        actor=request.user,  # type: ignore[arg-type]
        township=township,
        date=payload.date,
        type=payload.type,
        hours=payload.hours,
        title=payload.title,
        source_department=payload.source_department,
        channel=payload.channel,
        length_chars=payload.length_chars,
        comprehensive=payload.comprehensive,
    )
    return 201, _event_out(event)


@router.get("/monthly", response=list[MonthOut], summary="按月负担工时（按渠道）")
def monthly(request: HttpRequest, township_id: int | None = None) -> list[dict[str, Any]]:
    qs = TownshipMonthTotal.objects.visible_to(request.user)
    if township_id:
        qs = qs.filter(township_id=township_id)
    return [
        {
            "month": r["month"].strftime("%Y-%m"),
            "hours": r["hours"],
            "formal": r["formal"],
            "informal": r["informal"],
            "events": int(r["n"] or 0),
        }
        for r in queries.monthly(qs)
    ]


@router.get("/findings", response=list[FindingOut], summary="负担变化形态（明减暗不减等）")
@require_roles(Role.COUNTY_ADMIN, Role.OBSERVER)
def findings(request: HttpRequest) -> list[dict[str, Any]]:
    return [f.as_dict() for f in queries.findings(_county_id(request))]


@router.get("/alerts", response=list[AlertOut], summary="预警")
def alerts(request: HttpRequest) -> list[dict[str, Any]]:
    user = request.user
    qs = TownshipMonthTotal.objects.visible_to(user)
    latest = queries.latest_month(qs) or timezone.localdate().replace(day=1)
    town = user.organisation_id if user.role_enum == Role.TOWNSHIP_CLERK else None  # type: ignore[union-attr]
    found = queries.alerts(
        user, _county_id(request), latest.year, latest.month, timezone.localdate(), town
    )  # type: ignore[arg-type]
    if user.role_enum == Role.DEPARTMENT_CLERK:  # type: ignore[union-attr]
        found = [a for a in found if a.kind in ("group", "signboard")]
    return [
        {
            "kind": a.kind,
            "level": a.level,
            "subject": a.subject,
            "title": a.title,
            "evidence": a.evidence,
        }
        for a in found
    ]
