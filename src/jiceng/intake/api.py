"""API routes for intake: stateless screening, tasks, review."""

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema

from jiceng.api.permissions import require_roles
from jiceng.core.roles import Role
from jiceng.core.scoping import get_visible
from jiceng.intake import services
from jiceng.intake.models import IntakeTask

router = Router(tags=["事项准入"])


class UpstreamIn(Schema):
    source: str = ""
    deadline_days: int | None = None
    requirement: str = ""


class TaskIn(Schema):
    title: str
    body: str
    deadline_days: int | None = None
    upstream: UpstreamIn | None = None
    target_ids: list[int] = []


class FlagOut(Schema):
    code: str
    label_zh: str
    rule: str
    evidence: str
    field: str
    start: int
    end: int


class ScreeningOut(Schema):
    decision: str
    duty_item: str | None
    category: str
    confidence: float
    flags: list[FlagOut]
    reasons: list[str]


class TaskOut(Schema):
    id: int
    title: str
    department: str
    submitted_at: datetime
    status: str
    decision: str
    duty_item: str | None
    category: str
    flags: list[FlagOut]
    reasons: list[str]
    released: bool


class ReviewIn(Schema):
    decision: str
    reason: str = ""
    duty_item: str | None = None
    category: str | None = None
    flags: list[str] | None = None


def _task_out(task: IntakeTask) -> dict[str, Any]:
    return {
        "id": task.pk,
        "title": task.title,
        "department": task.department.name,
        "submitted_at": task.submitted_at,
        "status": task.status,
        "decision": task.decision,
        "duty_item": task.duty_item or None,
        "category": task.category,
        "flags": task.flags,
        "reasons": task.engine_reasons,
        "released": task.released,
    }


@router.post("/screen", response=ScreeningOut, summary="试审一项任务（不保存）")
@require_roles(Role.COUNTY_ADMIN, Role.DEPARTMENT_CLERK)
def screen(request: HttpRequest, payload: TaskIn) -> dict[str, Any]:
    org = request.user.organisation  # type: ignore[union-attr]
    county = org if org.kind == "county" else org.county
    task_payload = {
        "id": "api",
        "from_department": org.name,
        "title": payload.title,
        "body": payload.body,
        "deadline_days": payload.deadline_days,
        "upstream": payload.upstream.dict() if payload.upstream else None,
    }
    result, _ = services.screen_payload(county=county, payload=task_payload)
    return {
        "decision": result.decision,
        "duty_item": result.duty_item,
        "category": result.category,
        "confidence": float(result.confidence),
        "flags": services.flag_dicts(result),
        "reasons": list(result.reasons),
    }


@router.get("/tasks", response=list[TaskOut], summary="可见的下派任务")
def tasks(request: HttpRequest, status: str = "", limit: int = 100) -> list[dict[str, Any]]:
    qs = IntakeTask.objects.visible_to(request.user).select_related("department")
    if status:
        qs = qs.filter(status=status)
    return [_task_out(t) for t in qs.order_by("-submitted_at", "-id")[: max(1, min(limit, 500))]]


@router.get("/tasks/{task_id}", response=TaskOut, summary="任务详情")
def task_detail(request: HttpRequest, task_id: int) -> dict[str, Any]:
    return _task_out(
        get_visible(IntakeTask.objects.select_related("department"), request.user, pk=task_id)
    )


@router.post("/tasks", response={201: TaskOut}, summary="提交下派任务（县直部门）")
@require_roles(Role.DEPARTMENT_CLERK)
def create_task(request: HttpRequest, payload: TaskIn) -> tuple[int, dict[str, Any]]:
    from jiceng.core.models import Organisation

    targets = (
        list(Organisation.objects.filter(pk__in=payload.target_ids)) if payload.target_ids else []
    )
    task = services.submit_task(
        actor=request.user,  # type: ignore[arg-type]
        title=payload.title,
        body=payload.body,
        deadline_days=payload.deadline_days,
        upstream_source=payload.upstream.source if payload.upstream else "",
        upstream_deadline_days=payload.upstream.deadline_days if payload.upstream else None,
        upstream_requirement=payload.upstream.requirement if payload.upstream else "",
        targets=targets,
    )
    return 201, _task_out(task)


@router.post("/tasks/{task_id}/review", response=TaskOut, summary="复核（县级管理员）")
@require_roles(Role.COUNTY_ADMIN)
def review(request: HttpRequest, task_id: int, payload: ReviewIn) -> dict[str, Any]:
    task = get_visible(IntakeTask, request.user, pk=task_id)
    task = services.review_task(
        actor=request.user,  # type: ignore[arg-type]
        task=task,
        decision=payload.decision,
        reason=payload.reason,
        duty_item=payload.duty_item,
        category=payload.category,
        flags=payload.flags,
    )
    return _task_out(task)
