"""Intake pages: submit (department), review and approve (county), inbox (township)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from jiceng.core.models import Organisation, User
from jiceng.core.roles import Role
from jiceng.core.scoping import get_visible
from jiceng.errors import JicengError
from jiceng.intake import services
from jiceng.intake.decision import RULE_LABELS
from jiceng.intake.forms import (
    FLAG_CHOICES,
    ApprovalDecisionForm,
    ApprovalRequestForm,
    ReviewForm,
    TaskForm,
)
from jiceng.intake.models import DECISION_LABELS, IntakeTask
from jiceng.intake.presentation import segments
from jiceng.intake.uploads import read_notice
from jiceng.web.permissions import roles_required

SENDER_ROLES = (Role.COUNTY_ADMIN, Role.DEPARTMENT_CLERK, Role.OBSERVER)

# The list's orderings: code → (label, order_by fields).
ORDERINGS: dict[str, tuple[str, tuple[str, ...]]] = {
    "": ("提交时间（新→旧）", ("-submitted_at", "-id")),
    "confidence": ("审查置信度（低→高）", ("engine_confidence", "-submitted_at", "-id")),
}


@roles_required(*SENDER_ROLES)
def task_list(request: HttpRequest) -> HttpResponse:
    qs = IntakeTask.objects.visible_to(request.user).select_related("department")
    status = request.GET.get("status", "")
    decision = request.GET.get("decision", "")
    sender = request.GET.get("department", "")
    order = request.GET.get("order", "")
    # the senders to choose from: the departments whose tasks this user can see
    senders = (
        Organisation.objects.filter(pk__in=qs.values("department")).order_by("name").distinct()
    )
    if status:
        qs = qs.filter(status=status)
    if decision:
        qs = qs.filter(engine_decision=decision)
    if sender.isdigit():
        qs = qs.filter(department_id=int(sender))
    # a reviewer works through the least certain screenings first (see the confidence's docstring)
    ordering = ORDERINGS.get(order, ORDERINGS[""])[1]
    page = Paginator(qs.order_by(*ordering), 30).get_page(request.GET.get("page"))
    # only reviewed tasks count, so the unreviewed ones' reasons are never loaded
    counts = services.override_counts(
        IntakeTask.objects.visible_to(request.user)
        .exclude(status=IntakeTask.Status.SCREENED)
        .only(
            "status",
            "approval",
            "engine_decision",
            "final_decision",
            "engine_flags",
            "final_flags",
            "engine_reasons",
        )
    )
    rule_rows = [
        (
            RULE_LABELS.get(int(rule), "未标明规则") if rule else "未标明规则",
            n,
            counts["rule_overridden"][rule],
            f"{counts['rule_overridden'][rule] / n:.0%}",
        )
        for rule, n in sorted(counts["rule_reviewed"].items())
    ]
    flag_labels = dict(FLAG_CHOICES)
    override_rows = (
        [
            (
                f"结论 {k.replace('admit', '准入').replace('revise', '修改后准入').replace('reject', '退回')}",
                v,
            )
            for k, v in counts["decisions"].most_common()
        ]
        + [(f"删去“{flag_labels.get(k, k)}”", v) for k, v in counts["flags_removed"].most_common()]
        + [(f"补充“{flag_labels.get(k, k)}”", v) for k, v in counts["flags_added"].most_common()]
    )
    query = urlencode(
        [
            (k, v)
            for k, v in (
                ("status", status),
                ("decision", decision),
                ("department", sender),
                ("order", order),
            )
            if v
        ]
    )
    return render(
        request,
        "intake/list.html",
        {
            "page": page,
            "status": status,
            "decision": decision,
            "query": query,
            "statuses": IntakeTask.Status.choices,
            "decisions": DECISION_LABELS,
            "senders": senders,
            "sender": sender,
            "orderings": [(code, label) for code, (label, _) in ORDERINGS.items()],
            "order": order,
            "override_rows": override_rows,
            "rule_rows": rule_rows,
            "reviewed": counts["reviewed"]["n"],
        },
    )


@roles_required(Role.DEPARTMENT_CLERK)
@require_http_methods(["GET", "POST"])
def submit(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    county = user.organisation.county  # type: ignore[union-attr]
    form = TaskForm(request.POST or None, request.FILES or None, county=county)
    error = ""
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            title, body, source = data["title"], data["body"], ""
            if data.get("notice"):
                upload = data["notice"]
                file_title, file_body = read_notice(upload.read(), upload.name)
                title, body, source = title or file_title, body or file_body, upload.name
            task = services.submit_task(
                actor=user,
                title=title,
                body=body,
                deadline_days=data.get("deadline_days"),
                upstream_source=data.get("upstream_source", ""),
                upstream_deadline_days=data.get("upstream_deadline_days"),
                upstream_requirement=data.get("upstream_requirement", ""),
                targets=data.get("targets") or [],
                source_file=source,
            )
        except JicengError as exc:
            error = exc.message
        else:
            messages.success(request, f"任务已提交，审查结论：{task.decision_label}。")
            return redirect("intake:detail", pk=task.pk)
    return render(request, "intake/submit.html", {"form": form, "error": error})


def _detail_context(task: IntakeTask) -> dict[str, Any]:
    flags = task.flags
    return {
        "task": task,
        "title_segments": segments(task.title, flags, "title"),
        "body_segments": segments(task.body, flags, "body"),
        "flags": flags,
        "targets": list(task.targets.order_by("name")),
        "item": task.duty_item_record(),
    }


@roles_required()
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    task = get_visible(
        IntakeTask.objects.select_related("department", "reviewed_by", "duty_list_version"),
        request.user,
        pk=pk,
    )
    user: User = request.user  # type: ignore[assignment]
    context = _detail_context(task)
    if user.role_enum == Role.TOWNSHIP_CLERK:
        return render(request, "intake/township_detail.html", context)
    if user.role_enum == Role.COUNTY_ADMIN:
        context["review_form"] = ReviewForm(
            initial={
                "decision": task.decision,
                "duty_item": task.duty_item,
                "category": task.category,
                "flags": [f["code"] for f in task.flags],
            }
        )
        if task.approval == IntakeTask.Approval.REQUESTED:
            context["approval_form"] = ApprovalDecisionForm()
    if (
        user.role_enum == Role.DEPARTMENT_CLERK
        and task.category == "none"
        and task.decision == "reject"
        and not task.approval
    ):
        context["request_form"] = ApprovalRequestForm()
    return render(request, "intake/detail.html", context)


@roles_required(Role.COUNTY_ADMIN)
@require_POST
def review(request: HttpRequest, pk: int) -> HttpResponse:
    task = get_visible(IntakeTask, request.user, pk=pk)
    form = ReviewForm(request.POST)
    if not form.is_valid():
        messages.error(request, "复核表单填写不完整。")
        return redirect("intake:detail", pk=pk)
    data = form.cleaned_data
    try:
        services.review_task(
            actor=request.user,  # type: ignore[arg-type]
            task=task,
            decision=data["decision"],
            reason=data["reason"],
            duty_item=data["duty_item"].strip(),
            category=data["category"],
            flags=data["flags"],
        )
    except JicengError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "复核结果已保存。")
    return redirect("intake:detail", pk=pk)


@roles_required(Role.DEPARTMENT_CLERK)
@require_POST
def request_approval(request: HttpRequest, pk: int) -> HttpResponse:
    task = get_visible(IntakeTask, request.user, pk=pk)
    form = ApprovalRequestForm(request.POST)
    if form.is_valid():
        services.request_approval(actor=request.user, task=task, reason=form.cleaned_data["reason"])  # type: ignore[arg-type]
        messages.success(request, "已提交准入审批申请。")
    else:
        messages.error(request, "请填写申请理由。")
    return redirect("intake:detail", pk=pk)


@roles_required(Role.COUNTY_ADMIN)
@require_POST
def decide_approval(request: HttpRequest, pk: int) -> HttpResponse:
    task = get_visible(IntakeTask, request.user, pk=pk)
    form = ApprovalDecisionForm(request.POST)
    if form.is_valid():
        services.decide_approval(
            actor=request.user,
            task=task,
            grant=form.cleaned_data["grant"] == "yes",
            reason=form.cleaned_data["reason"],  # type: ignore[arg-type]
        )
        messages.success(request, "审批意见已保存。")
    else:
        messages.error(request, "请选择审批结果并填写意见。")
    return redirect("intake:detail", pk=pk)


@roles_required(Role.TOWNSHIP_CLERK)
def inbox(request: HttpRequest) -> HttpResponse:
    qs = (
        IntakeTask.objects.visible_to(request.user)
        .select_related("department")
        .order_by("-reviewed_at", "-id")
    )
    page = Paginator(qs, 30).get_page(request.GET.get("page"))
    return render(
        request,
        "intake/inbox.html",
        {"page": page, "query": "", "today": timezone.localdate()},
    )
