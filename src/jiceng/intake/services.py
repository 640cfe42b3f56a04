"""Writes of the intake workflow: submit, review, approval. Each is one audited transaction."""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone

from jiceng.core.audit import Action, record, snapshot
from jiceng.core.models import Organisation, User
from jiceng.core.roles import Role
from jiceng.duties.models import DutyList, DutyListVersion
from jiceng.duties.services import current_items
from jiceng.errors import ForbiddenError, InputError
from jiceng.intake.decision import concluding_rule
from jiceng.intake.flags import load_flag_specs
from jiceng.intake.models import DECISION_LABELS, IntakeTask
from jiceng.intake.screening import LabelledTask, Screener, ScreeningResult, Task, Upstream
from jiceng.intake.signals import task_released

MAX_BODY_CHARS = 100_000
FLAG_SPECS = load_flag_specs()
REVIEW_FIELDS = [
    "status",
    "final_decision",
    "final_duty_item",
    "final_category",
    "final_flags",
    "review_reason",
    "released",
]

LEARN_EVERY = 10
_screener_cache: dict[tuple[int, int], Screener] = {}


def governing_version(
    county: Organisation, township: Organisation | None = None
) -> DutyListVersion | None:
    """The list a task is screened against: the township's own list, else the county template."""
    candidates = []
    if township is not None:
        candidates.append(DutyList.objects.filter(county=county, township=township).first())
    candidates.append(DutyList.objects.filter(county=county, township__isnull=True).first())
    for duty_list in candidates:
        version = duty_list.current_version() if duty_list else None
        if version is not None:
            return version
    return None


def labelled_examples(county: Organisation) -> list[LabelledTask]:
    """The county's reviewed decisions, as labelled examples the engine learns from."""
    examples = []
    for task in (
        IntakeTask.objects.filter(county=county)
        .exclude(status=IntakeTask.Status.SCREENED)
        .select_related("department")
    ):
        examples.append(
            LabelledTask(
                task=_engine_task(task.task_payload()),
                label={
                    "decision": task.final_decision,
                    "duty_item": task.final_duty_item or None,
                    "category": task.final_category,
                    "flags": [f["code"] for f in task.final_flags],
                },
            )
        )
    return examples


def screener_for(version: DutyListVersion) -> Screener:
    """The engine for a list version, learning from the county's reviews.

    Building an engine with examples costs about a second, so it is rebuilt when the list changes
    and after every ``LEARN_EVERY`` new reviews, not after each one.
    """
    county = version.duty_list.county
    reviewed = (
        IntakeTask.objects.filter(county=county).exclude(status=IntakeTask.Status.SCREENED).count()
    )
    key = (version.pk, reviewed // LEARN_EVERY)
    screener = _screener_cache.get(key)
    if screener is None:
        screener = Screener(current_items(version), examples=labelled_examples(county) or None)
        _screener_cache.clear()  # one county's current list at a time is enough per process
        _screener_cache[key] = screener
    return screener


def _engine_task(payload: dict[str, Any]) -> Task:
    upstream = payload.get("upstream")
    return Task(
        id=str(payload["id"]),
        from_department=payload["from_department"],
        title=payload["title"],
        body=payload["body"],
        deadline_days=payload.get("deadline_days"),
        upstream=Upstream(
            source=upstream.get("source") or "",
            deadline_days=upstream.get("deadline_days"),
            requirement=upstream.get("requirement") or "",
        )
        if upstream
        else None,
    )


def flag_dicts(result: ScreeningResult) -> list[dict[str, Any]]:
    return [dataclasses.asdict(flag) for flag in result.flags]


def screen_payload(
    *, county: Organisation, payload: dict[str, Any], township: Organisation | None = None
) -> tuple[ScreeningResult, DutyListVersion]:
    version = governing_version(county, township)
    if version is None:
        raise InputError("本县尚未导入履职事项清单，无法进行准入审查。请县级管理员先导入清单。")
    return screener_for(version).screen(_engine_task(payload)), version


def _clean_text(
    value: str, label: str, *, required: bool = True, limit: int = MAX_BODY_CHARS
) -> str:
    text = (value or "").replace("\x00", "").strip()
    if required and not text:
        raise InputError(f"{label}不能为空。")
    if len(text) > limit:
        raise InputError(f"{label}过长（{len(text)} 字），上限 {limit} 字。")
    return text


def submit_task(
    *,
    actor: User,
    title: str,
    body: str,
    deadline_days: int | None = None,
    upstream_source: str = "",
    upstream_deadline_days: int | None = None,
    upstream_requirement: str = "",
    targets: Iterable[Organisation] = (),
    source_file: str = "",
) -> IntakeTask:
    if actor.role_enum != Role.DEPARTMENT_CLERK:
        raise ForbiddenError("只有县直部门可以提交下派任务。")
    department = actor.organisation
    assert department is not None and department.county is not None
    county = department.county
    target_list = list(targets) or list(
        Organisation.objects.filter(county=county, kind=Organisation.Kind.TOWNSHIP)
    )
    if any(t.county_id != county.pk or t.kind != Organisation.Kind.TOWNSHIP for t in target_list):
        raise InputError("下派对象必须是本县的乡镇（街道）。")
    task = IntakeTask(
        county=county,
        department=department,
        title=_clean_text(title, "标题", limit=300),
        body=_clean_text(body, "正文"),
        deadline_days=deadline_days,
        upstream_source=_clean_text(upstream_source, "上级文件", required=False, limit=300),
        upstream_deadline_days=upstream_deadline_days,
        upstream_requirement=_clean_text(upstream_requirement, "上级要求", required=False),
        source_file=source_file[:255],
        submitted_by=actor,
    )
    payload = task.task_payload() | {"id": "new"}
    result, version = screen_payload(
        county=county, payload=payload, township=target_list[0] if len(target_list) == 1 else None
    )
    task.engine_decision = result.decision
    task.engine_duty_item = result.duty_item or ""
    task.engine_category = result.category
    task.engine_confidence = round(float(result.confidence), 4)
    task.engine_flags = flag_dicts(result)
    task.engine_reasons = list(result.reasons)
    task.engine_candidates = [
        [item_id, round(float(score), 4)] for item_id, score in result.candidates[:5]
    ]
    task.duty_list_version = version
    with transaction.atomic():
        task.save()
        task.targets.set(target_list)
        record(
            Action.CREATE,
            actor=actor,
            obj=task,
            after=snapshot(task),
            note=f"提交任务，审查结论：{DECISION_LABELS[result.decision]}",
        )
    return task


def review_task(
    *,
    actor: User,
    task: IntakeTask,
    decision: str,
    reason: str = "",
    duty_item: str | None = None,
    category: str | None = None,
    flags: list[str] | None = None,
) -> IntakeTask:
    """Confirm the engine's result or override it; an override needs a reason (audited)."""
    if actor.role_enum != Role.COUNTY_ADMIN:
        raise ForbiddenError("只有县级管理员可以复核审查结果。")
    if decision not in DECISION_LABELS:
        raise InputError("请选择准入、修改后准入或退回。")
    engine_codes = [f["code"] for f in task.engine_flags]
    kept_codes = engine_codes if flags is None else list(dict.fromkeys(flags))
    final_item = task.engine_duty_item if duty_item is None else duty_item
    final_category = task.engine_category if category is None else category
    overridden = (
        decision != task.engine_decision
        or set(kept_codes) != set(engine_codes)
        or final_item != task.engine_duty_item
        or final_category != task.engine_category
    )
    reason = (reason or "").strip()
    if overridden and not reason:
        raise InputError("改判必须填写理由。")
    with transaction.atomic():
        task = IntakeTask.objects.select_for_update().get(pk=task.pk)
        before = snapshot(task, REVIEW_FIELDS)
        by_code = {f["code"]: f for f in task.engine_flags}
        task.final_flags = [
            by_code.get(
                code,
                {
                    "code": code,
                    "label_zh": FLAG_SPECS[code].label if code in FLAG_SPECS else code,
                    "rule": f"复核人员认定；{FLAG_SPECS[code].rule}"
                    if code in FLAG_SPECS
                    else "复核人员认定",
                    "evidence": "",
                    "field": "",
                    "start": 0,
                    "end": 0,
                },
            )
            for code in kept_codes
        ]
        task.final_decision = decision
        task.final_duty_item = final_item
        task.final_category = final_category
        task.status = IntakeTask.Status.OVERRIDDEN if overridden else IntakeTask.Status.CONFIRMED
        task.reviewed_by = actor
        task.reviewed_at = timezone.now()
        task.review_reason = reason
        task.released = decision in ("admit", "revise")
        task.save()
        record(
            Action.REVIEW,
            actor=actor,
            obj=task,
            before=before,
            after=snapshot(task, REVIEW_FIELDS),
            note=reason or "确认审查结果",
        )
        if task.released:
            transaction.on_commit(lambda: task_released.send(sender=IntakeTask, task=task))
    return task


def request_approval(*, actor: User, task: IntakeTask, reason: str) -> IntakeTask:
    if actor.role_enum != Role.DEPARTMENT_CLERK or task.department_id != actor.organisation_id:
        raise ForbiddenError("只有发文部门可以为本部门的任务申请准入。")
    if task.category != "none" or task.decision != "reject":
        raise InputError("只有清单外、被退回的任务需要申请准入审批。")
    reason = _clean_text(reason, "申请理由", limit=2000)
    with transaction.atomic():
        before = snapshot(task, ["approval", "approval_request"])
        task.approval = IntakeTask.Approval.REQUESTED
        task.approval_request = reason
        task.save(update_fields=["approval", "approval_request"])
        record(
            Action.UPDATE,
            actor=actor,
            obj=task,
            before=before,
            after=snapshot(task, ["approval", "approval_request"]),
            note="申请准入审批",
        )
    return task


def decide_approval(*, actor: User, task: IntakeTask, grant: bool, reason: str) -> IntakeTask:
    if actor.role_enum != Role.COUNTY_ADMIN:
        raise ForbiddenError("只有县级管理员可以审批准入申请。")
    if task.approval != IntakeTask.Approval.REQUESTED:
        raise InputError("该任务没有待审批的准入申请。")
    reason = _clean_text(reason, "审批意见", limit=2000)
    fields = ["approval", "approval_reason", "released", "final_decision", "status"]
    with transaction.atomic():
        before = snapshot(task, fields)
        task.approval = IntakeTask.Approval.GRANTED if grant else IntakeTask.Approval.REFUSED
        task.approval_reason = reason
        if grant:
            task.final_decision = "admit"
            task.final_category = task.final_category or "none"
            task.status = IntakeTask.Status.OVERRIDDEN
            task.released = True
            task.reviewed_by = actor
            task.reviewed_at = timezone.now()
            task.review_reason = task.review_reason or f"准入审批同意：{reason}"
        task.save()
        record(
            Action.REVIEW,
            actor=actor,
            obj=task,
            before=before,
            after=snapshot(task, fields),
            note=("同意准入：" if grant else "不同意准入：") + reason,
        )
        if task.released:
            transaction.on_commit(lambda: task_released.send(sender=IntakeTask, task=task))
    return task


def override_counts(tasks: Iterable[IntakeTask]) -> dict[str, Counter[str]]:
    """Where people disagree with the engine, per rule: decisions changed, flags removed/added."""
    decisions: Counter[str] = Counter()
    removed: Counter[str] = Counter()
    added: Counter[str] = Counter()
    rule_reviewed: Counter[str] = Counter()
    rule_overridden: Counter[str] = Counter()
    reviewed = 0
    for task in tasks:
        if task.status == IntakeTask.Status.SCREENED:
            continue
        reviewed += 1
        rule = str(concluding_rule(task.engine_reasons) or "")
        rule_reviewed[rule] += 1
        # a granted 准入 approval admits an off-list task by procedure, not as a disagreement
        if (
            task.status == IntakeTask.Status.OVERRIDDEN
            and task.approval != IntakeTask.Approval.GRANTED
        ):
            rule_overridden[rule] += 1
        if task.final_decision != task.engine_decision:
            decisions[f"{task.engine_decision}→{task.final_decision}"] += 1
        engine = {f["code"] for f in task.engine_flags}
        final = {f["code"] for f in task.final_flags}
        removed.update(engine - final)
        added.update(final - engine)
    return {
        "decisions": decisions,
        "flags_removed": removed,
        "flags_added": added,
        "rule_reviewed": rule_reviewed,
        "rule_overridden": rule_overridden,
        "reviewed": Counter({"n": reviewed}),
    }
