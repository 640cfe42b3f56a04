"""Training (the plan, attendance and hours per person against the target) and keeping people
(movements, vacancies, pay levels and turnover per township)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from jiceng.capacity import queries, services
from jiceng.capacity.forms import AttendanceForm, MovementForm, PayForm, TrainingForm, VacancyForm
from jiceng.capacity.models import PayLevel, TrainingSession
from jiceng.capacity.retention import GRADE_LABELS
from jiceng.capacity.training import FORMAT_LABELS, TOPIC_LABELS
from jiceng.capacity.views.common import READERS, acting_user, can_write, own_township, user_county
from jiceng.core.roles import Role
from jiceng.errors import JicengError
from jiceng.web.charts import BLUE, bar_chart
from jiceng.web.permissions import roles_required


def _period(request: HttpRequest) -> tuple[date, date]:
    today = timezone.localdate()
    year = (
        int(request.GET.get("year") or today.year)
        if (request.GET.get("year") or "").isdigit()
        else today.year
    )
    start = date(year, 1, 1)
    end = min(date(year, 12, 31), today) if year == today.year else date(year, 12, 31)
    return start, end


@roles_required(*READERS)
@require_http_methods(["GET", "POST"])
def training(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    county = user_county(user)
    plan_form = (
        TrainingForm(request.POST or None, prefix="plan")
        if user.role_enum == Role.COUNTY_ADMIN
        else None
    )
    attend_form = (
        AttendanceForm(
            request.POST or None, prefix="attend", county=county, township=own_township(user)
        )
        if can_write(user)
        else None
    )
    if request.method == "POST":
        try:
            if "plan-title" in request.POST and plan_form is not None and plan_form.is_valid():
                services.schedule_training(actor=user, **plan_form.cleaned_data)
                messages.success(request, "培训已登记。")
                return redirect("capacity:training")
            if (
                "attend-session" in request.POST
                and attend_form is not None
                and attend_form.is_valid()
            ):
                services.record_attendance(actor=user, **attend_form.cleaned_data)
                messages.success(request, "参训人数已登记。")
                return redirect("capacity:training")
            if plan_form is None and attend_form is None:
                raise JicengError("您的角色不能登记培训。", status=403)
            messages.error(request, "表单填写不完整。")
        except JicengError as exc:
            if exc.status == 403:
                raise
            messages.error(request, exc.message)
    start, end = _period(request)
    report = queries.training_report(queries.visible_townships(user), start, end)
    sessions = TrainingSession.objects.visible_to(user).filter(date__year=start.year)
    chart = bar_chart(
        "training",
        [r.township for r in report.townships],
        [
            {
                "name": "人均学时",
                "data": [r.hours_per_person for r in report.townships],
                "itemStyle": {"color": BLUE},
            }
        ],
        unit="学时",
        mark_line=report.townships[0].target_hours if report.townships else None,
    )
    mix = bar_chart(
        "training-mix",
        [TOPIC_LABELS[t] for t in TOPIC_LABELS],
        [
            {
                "name": FORMAT_LABELS[f],
                "stack": "f",
                "data": [round(report.by_topic_format.get((t, f), 0.0), 1) for t in TOPIC_LABELS],
            }
            for f in FORMAT_LABELS
        ],
        unit="人·学时",
    )
    return render(
        request,
        "capacity/training.html",
        {
            "report": report,
            "sessions": sessions,
            "chart": chart,
            "mix": mix,
            "year": start.year,
            "plan_form": plan_form,
            "attend_form": attend_form,
            "topic_labels": TOPIC_LABELS,
            "topics_left": [
                (TOPIC_LABELS.get(t, t), towns) for t, towns in report.topics_left_behind.items()
            ],
        },
    )


@roles_required(*READERS)
@require_http_methods(["GET", "POST"])
def retention(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    county = user_county(user)
    own = own_township(user)
    forms: dict[str, Any] = {}
    if can_write(user):
        forms["move"] = MovementForm(
            request.POST or None, prefix="move", county=county, township=own
        )
        forms["vacancy"] = VacancyForm(
            request.POST or None, prefix="vacancy", county=county, township=own
        )
    if user.role_enum == Role.COUNTY_ADMIN:
        forms["pay"] = PayForm(request.POST or None, prefix="pay", county=county)
    if request.method == "POST":
        writers: dict[str, Callable[..., Any]] = {
            "move": services.record_movement,
            "vacancy": services.open_vacancy,
            "pay": services.set_pay_level,
        }
        chosen = next((k for k in writers if f"{k}-township" in request.POST), None)
        if chosen is None or chosen not in forms:
            raise JicengError("您的角色不能登记此项。", status=403)
        form = forms[chosen]
        if form.is_valid():
            try:
                writers[chosen](actor=user, **form.cleaned_data)
            except JicengError as exc:
                messages.error(request, exc.message)
            else:
                messages.success(request, "已登记。")
                return redirect("capacity:retention")
        else:
            messages.error(request, "表单填写不完整。")
    start, _ = _period(request)
    rows = queries.retention_for(queries.visible_townships(user), start.year)
    own_pay = PayLevel.objects.filter(township=own, year=start.year) if own is not None else None
    return render(
        request,
        "capacity/retention.html",
        {
            "rows": rows,
            "year": start.year,
            "forms": forms,
            "grades": GRADE_LABELS,
            "own_pay": own_pay,
        },
    )
