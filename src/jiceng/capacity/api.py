"""API routes of the capacity part: workload, staff, secondments, powers, training, pulse results."""

from datetime import date
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema

from jiceng.api.permissions import require_roles
from jiceng.capacity import queries, services
from jiceng.capacity.models import DelegatedPower, PulseSurvey, Secondment, StaffPost
from jiceng.capacity.workload import thresholds
from jiceng.core.models import Organisation
from jiceng.core.roles import Role
from jiceng.core.scoping import get_visible
from jiceng.errors import InputError, NotFoundError

router = Router(tags=["要素保障"])
READERS = (Role.COUNTY_ADMIN, Role.OBSERVER, Role.TOWNSHIP_CLERK)


class WorkloadOut(Schema):
    township_id: int
    township: str
    month: str
    task_hours: float
    ledger_hours: float
    demand_hours: float
    available_staff: float
    available_hours: float
    ratio: float | None
    level: str
    level_label: str
    reasons: list[str]


class PostOut(Schema):
    id: int
    township: str
    name: str
    authorised: int
    actual: int
    vacancies: int
    seconded_out: int


class SecondmentOut(Schema):
    id: int
    township: str
    borrower_name: str
    persons: int
    start: date
    end: date | None
    reason: str
    ledger_events: list[dict[str, str]]


class PowerOut(Schema):
    id: int
    township: str
    name: str
    delegated_on: date
    staff_added: int
    budget_added: float
    training_given: bool
    hidden_burden: bool
    pending: bool
    reasons: list[str]


class PowerIn(Schema):
    township_id: int
    name: str
    delegated_on: date
    basis: str = ""
    department_id: int | None = None
    staff_added: int = 0
    budget_added: float = 0
    training_given: bool = False


class PulseGroupOut(Schema):
    group: str
    count: int
    shown: bool
    mean_hours: float | None = None
    median_hours: float | None = None
    channels: dict[str, int] = {}
    feelings: dict[str, float] = {}
    note: str = ""


class SurveyResultsOut(Schema):
    id: int
    title: str
    county: PulseGroupOut | None
    townships: list[PulseGroupOut]
    merged_rest: PulseGroupOut | None
    felt: str


@router.get("/workload", response=list[WorkloadOut], summary="各乡镇（街道）工作负荷占用比")
@require_roles(*READERS)
def workload(
    request: HttpRequest, month: str = "", warn: float | None = None, over: float | None = None
) -> list[dict[str, Any]]:
    try:
        thresholds(warn, over)  # a bad pair of thresholds is the caller's error (400), not a 500
    except ValueError as exc:
        raise InputError(str(exc)) from None
    rows = queries.county_workload(
        request.user, queries.parse_month(month, timezone.localdate()), warn=warn, over=over
    )
    return [
        {**r.__dict__, "township_id": t.pk, "township": t.name, "level_label": r.level_label}
        for t, r in rows
    ]


@router.get("/posts", response=list[PostOut], summary="岗位编制")
def posts(request: HttpRequest) -> list[dict[str, Any]]:
    qs = StaffPost.objects.visible_to(request.user).select_related("township")
    return [
        {
            "id": p.pk,
            "township": p.township.name,
            "name": p.name,
            "authorised": p.authorised,
            "actual": p.actual,
            "vacancies": p.vacancies,
            "seconded_out": p.seconded_out,
        }
        for p in qs
    ]


def _secondment_out(s: Secondment) -> dict[str, Any]:
    return {
        "id": s.pk,
        "township": s.township.name,
        "borrower_name": s.borrower_name,
        "persons": s.persons,
        "start": s.start,
        "end": s.end,
        "reason": s.reason,
        "ledger_events": services.ledger_events(s),
    }


@router.get(
    "/secondments", response=list[SecondmentOut], summary="借调记录（含按月折算的台账事件）"
)
def secondments(request: HttpRequest) -> list[dict[str, Any]]:
    return [
        _secondment_out(s)
        for s in Secondment.objects.visible_to(request.user).select_related("township")[:500]
    ]


@router.get("/secondments/{item_id}", response=SecondmentOut, summary="借调详情")
def secondment(request: HttpRequest, item_id: int) -> dict[str, Any]:
    return _secondment_out(
        get_visible(Secondment.objects.select_related("township"), request.user, pk=item_id)
    )


def _power_out(p: DelegatedPower) -> dict[str, Any]:
    return {
        "id": p.pk,
        "township": p.township.name,
        "name": p.name,
        "delegated_on": p.delegated_on,
        "staff_added": p.staff_added,
        "budget_added": float(p.budget_added),
        "training_given": p.training_given,
        "hidden_burden": p.hidden_burden,
        "pending": p.pending,
        "reasons": p.reasons,
    }


@router.get("/powers", response=list[PowerOut], summary="赋权事项")
def powers(request: HttpRequest, hidden_burden: bool | None = None) -> list[dict[str, Any]]:
    qs = DelegatedPower.objects.visible_to(request.user).select_related("township")
    if hidden_burden is not None:
        qs = qs.filter(hidden_burden=hidden_burden)
    return [_power_out(p) for p in qs[:500]]


@router.get("/powers/{power_id}", response=PowerOut, summary="赋权事项详情")
def power(request: HttpRequest, power_id: int) -> dict[str, Any]:
    return _power_out(
        get_visible(DelegatedPower.objects.select_related("township"), request.user, pk=power_id)
    )


@router.post("/powers", response={201: PowerOut}, summary="登记赋权事项（县级管理员）")
@require_roles(Role.COUNTY_ADMIN)
def create_power(request: HttpRequest, payload: PowerIn) -> tuple[int, dict[str, Any]]:
    county_id = request.user.county_id_value
    township = Organisation.objects.filter(
        pk=payload.township_id, county_id=county_id, kind="township"
    ).first()
    if township is None:
        raise NotFoundError("未找到该乡镇（街道）。")
    department = (
        Organisation.objects.filter(pk=payload.department_id, county_id=county_id).first()
        if payload.department_id
        else None
    )
    item = services.delegate_power(
        actor=request.user,
        township=township,
        name=payload.name,
        delegated_on=payload.delegated_on,
        basis=payload.basis,
        department=department,
        staff_added=payload.staff_added,
        budget_added=payload.budget_added,
        training_given=payload.training_given,
    )
    return 201, _power_out(item)


def _group(s: Any) -> dict[str, Any] | None:
    return None if s is None else dict(s.__dict__)


@router.get(
    "/surveys/{survey_id}/results",
    response=SurveyResultsOut,
    summary="问卷结果（每组不少于 5 份才显示）",
)
@require_roles(*READERS)
def survey_results(request: HttpRequest, survey_id: int) -> dict[str, Any]:
    survey = get_visible(PulseSurvey, request.user, pk=survey_id)
    results = queries.survey_results(survey, queries.visible_townships(request.user))
    return {
        "id": survey.pk,
        "title": survey.title,
        "county": _group(results.county),
        "townships": [_group(s) for _, s in results.townships],
        "merged_rest": _group(results.merged_rest),
        "felt": results.felt,
    }
