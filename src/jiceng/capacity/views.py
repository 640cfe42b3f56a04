"""Capacity pages: workload dashboard, staff and secondments, delegated powers, training,
keeping people and the pulse survey. The anonymous answer page is the one page without login."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from jiceng.capacity import queries, services
from jiceng.capacity import survey as pulse_survey
from jiceng.capacity.charts import coloured
from jiceng.capacity.forms import (
    AccessForm,
    AttendanceForm,
    MovementForm,
    PayForm,
    PowerForm,
    PowerResourcesForm,
    PulseAnswerForm,
    RosterImportForm,
    SecondmentForm,
    SurveyForm,
    TrainingForm,
    VacancyForm,
)
from jiceng.capacity.models import (
    DelegatedPower,
    PayLevel,
    PulseSurvey,
    Secondment,
    StaffPost,
    TrainingSession,
)
from jiceng.capacity.pulse import CHANNEL_LABELS, FEELING_LABELS, min_group
from jiceng.capacity.retention import GRADE_LABELS
from jiceng.capacity.training import FORMAT_LABELS, TOPIC_LABELS
from jiceng.capacity.workload import thresholds
from jiceng.core.models import Organisation, User
from jiceng.core.roles import Role
from jiceng.core.scoping import get_visible
from jiceng.errors import JicengError
from jiceng.web.charts import BLUE, bar_chart
from jiceng.web.permissions import roles_required

READERS = (Role.COUNTY_ADMIN, Role.OBSERVER, Role.TOWNSHIP_CLERK)
COUNTY = (Role.COUNTY_ADMIN, Role.OBSERVER)


def _user(request: HttpRequest) -> User:
    return request.user


def _county(user: User) -> Organisation:
    org = user.organisation
    assert org is not None
    return org if org.kind == Organisation.Kind.COUNTY else org.county


def _own_township(user: User) -> Organisation | None:
    return user.organisation if user.role_enum == Role.TOWNSHIP_CLERK else None


def _can_write(user: User) -> bool:
    return user.role_enum in (Role.COUNTY_ADMIN, Role.TOWNSHIP_CLERK)


def _float(value: str | None) -> float | None:
    try:
        return float(value) if value not in (None, "") else None
    except ValueError:
        return None


@roles_required(*READERS)
def dashboard(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    month = queries.parse_month(request.GET.get("month"), timezone.localdate())
    warn, over = _float(request.GET.get("warn")), _float(request.GET.get("over"))
    try:
        warn, over = thresholds(warn, over)
    except ValueError as exc:
        messages.error(request, str(exc))
        warn, over = thresholds()
    rows = queries.county_workload(user, month, warn=warn, over=over)
    names = [t.name for t, _ in rows]
    ratios = [round((r.ratio or 0) * 100, 1) for _, r in rows]
    chart = bar_chart(
        "workload",
        names,
        [{"name": "占用比（%）", "data": coloured(ratios, [r.level for _, r in rows])}],
        unit="%",
        mark_line=warn * 100,
    )
    staff = queries.staff_totals([t.pk for t, _ in rows])
    powers = queries.power_counts([t.pk for t, _ in rows])
    return render(
        request,
        "capacity/dashboard.html",
        {
            "rows": [(t, r, staff.get(t.pk), powers.get(t.pk, {})) for t, r in rows],
            "month": month.strftime("%Y-%m"),
            "warn": warn,
            "over": over,
            "chart": chart,
            "highlighted": [(t, r) for t, r in rows if r.highlighted],
        },
    )


@roles_required(*READERS)
@require_http_methods(["GET", "POST"])
def staff(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    county = _county(user)
    form = RosterImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if not _can_write(user):
            raise JicengError("您的角色不能导入名册。", status=403)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                result = services.import_roster(
                    actor=user, data=upload.read(), filename=upload.name
                )
            except JicengError as exc:
                messages.error(request, exc.message)
            else:
                messages.success(
                    request, f"已导入 {result.townships} 个乡镇（街道）的 {result.posts} 个岗位。"
                )
                return redirect("capacity:staff")
    posts = StaffPost.objects.visible_to(user).select_related("township")
    secondments = Secondment.objects.visible_to(user).select_related("township")[:100]
    second_form = (
        SecondmentForm(county=county, township=_own_township(user)) if _can_write(user) else None
    )
    return render(
        request,
        "capacity/staff.html",
        {
            "posts": posts,
            "secondments": secondments,
            "form": form if _can_write(user) else None,
            "second_form": second_form,
        },
    )


@roles_required(Role.COUNTY_ADMIN, Role.TOWNSHIP_CLERK)
@require_POST
def add_secondment(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    form = SecondmentForm(request.POST, county=_county(user), township=_own_township(user))
    if form.is_valid():
        d = form.cleaned_data
        try:
            services.record_secondment(
                actor=user,
                township=d["township"],
                borrower=d["department"],
                borrower_name=d["borrower_name"] or "",
                persons=d["persons"],
                start=d["start"],
                end=d["end"],
                reason=d["reason"],
            )
        except JicengError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, "借调已登记，并计入负担台账。")
    else:
        messages.error(request, "借调登记表填写不完整。")
    return redirect("capacity:staff")


@roles_required(*READERS)
@require_http_methods(["GET", "POST"])
def powers(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    county = _county(user)
    form = (
        PowerForm(request.POST or None, county=county)
        if user.role_enum == Role.COUNTY_ADMIN
        else None
    )
    if request.method == "POST":
        if form is None:
            raise JicengError("只有县级管理员可以登记赋权事项。", status=403)
        if form.is_valid():
            d = form.cleaned_data
            try:
                power = services.delegate_power(
                    actor=user,
                    township=d["township"],
                    name=d["name"],
                    basis=d["basis"],
                    department=d["department"],
                    delegated_on=d["delegated_on"],
                    staff_added=d["staff_added"],
                    budget_added=d["budget_added"],
                    training_given=d["training_given"],
                )
            except JicengError as exc:
                messages.error(request, exc.message)
            else:
                messages.success(request, "赋权事项已登记。")
                return redirect("capacity:power", pk=power.pk)
    items = DelegatedPower.objects.visible_to(user).select_related("township", "department")
    return render(
        request,
        "capacity/powers.html",
        {"items": items, "form": form, "hidden": items.filter(hidden_burden=True).count()},
    )


@roles_required(*READERS)
@require_http_methods(["GET", "POST"])
def power_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    power = get_visible(
        DelegatedPower.objects.select_related("township", "department"), user, pk=pk
    )
    form = None
    if user.role_enum == Role.COUNTY_ADMIN:
        form = PowerResourcesForm(
            request.POST or None,
            initial={
                "staff_added": power.staff_added,
                "budget_added": power.budget_added,
                "training_given": power.training_given,
            },
        )
        if request.method == "POST" and form.is_valid():
            d = form.cleaned_data
            services.update_power_resources(
                actor=user,
                power=power,
                staff_added=d["staff_added"],
                budget_added=d["budget_added"],
                training_given=d["training_given"],
            )
            messages.success(request, "已更新随权下沉的资源。")
            return redirect("capacity:power", pk=pk)
    elif request.method == "POST":
        raise JicengError("只有县级管理员可以修改赋权事项。", status=403)
    return render(request, "capacity/power_detail.html", {"power": power, "form": form})


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
    user = _user(request)
    county = _county(user)
    plan_form = (
        TrainingForm(request.POST or None, prefix="plan")
        if user.role_enum == Role.COUNTY_ADMIN
        else None
    )
    attend_form = (
        AttendanceForm(
            request.POST or None, prefix="attend", county=county, township=_own_township(user)
        )
        if _can_write(user)
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
    user = _user(request)
    county = _county(user)
    own = _own_township(user)
    forms: dict[str, Any] = {}
    if _can_write(user):
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


@roles_required(*READERS)
@require_http_methods(["GET", "POST"])
def pulse(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    form = SurveyForm(request.POST or None) if user.role_enum == Role.COUNTY_ADMIN else None
    if request.method == "POST":
        if form is None:
            raise JicengError("只有县级管理员可以发起问卷。", status=403)
        if form.is_valid():
            try:
                survey = pulse_survey.create_survey(actor=user, **form.cleaned_data)
            except JicengError as exc:
                messages.error(request, exc.message)
            else:
                return redirect("capacity:survey", pk=survey.pk)
    surveys = PulseSurvey.objects.visible_to(user)
    return render(request, "capacity/pulse.html", {"surveys": surveys, "form": form})


@roles_required(*READERS)
@require_http_methods(["GET", "POST"])
def survey_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    survey = get_visible(PulseSurvey, user, pk=pk)
    county = _county(user)
    form = (
        AccessForm(request.POST or None, county=county)
        if user.role_enum == Role.COUNTY_ADMIN
        else None
    )
    issued: dict[str, Any] = {}
    if request.method == "POST":
        if form is None:
            raise JicengError("只有县级管理员可以发放答题码。", status=403)
        if form.is_valid():
            d = form.cleaned_data
            if d["mode"] == "codes":
                issued = {
                    "township": d["township"],
                    "codes": pulse_survey.issue_codes(
                        actor=user, survey=survey, township=d["township"], count=d["count"] or 20
                    ),
                }
            else:
                token = pulse_survey.open_link(actor=user, survey=survey, township=d["township"])
                issued = {
                    "township": d["township"],
                    "link": request.build_absolute_uri(f"/capacity/pulse/answer/?code={token}"),
                }
    townships = queries.visible_townships(user)
    span = survey.closes_on - survey.opens_on
    change = queries.measured_change(
        [t.pk for t in townships],
        survey.opens_on - span - timedelta(days=1),
        survey.opens_on,
        survey.closes_on,
    )
    results = queries.survey_results(survey, townships, measured_change=change)
    return render(
        request,
        "capacity/survey.html",
        {
            "survey": survey,
            "results": results,
            "form": form,
            "issued": issued,
            "channel_labels": CHANNEL_LABELS,
            "feeling_labels": FEELING_LABELS,
            "min_group": min_group(),
        },
    )


# Public by design: the anonymous answer page needs no login and records nothing about who answers.
@require_http_methods(["GET", "POST"])
def pulse_answer(request: HttpRequest) -> HttpResponse:
    initial = {"code": request.GET.get("code", "")}
    form = PulseAnswerForm(request.POST or None, initial=initial)
    done = False
    error = ""
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            pulse_survey.submit_pulse(
                token=d["code"],
                hours_lost=float(d["hours_lost"]),
                channels=d["channels"],
                feeling=d["feeling"],
            )
        except JicengError as exc:
            error = exc.message
        else:
            done = True
    response = render(
        request, "capacity/pulse_answer.html", {"form": form, "done": done, "error": error}
    )
    response["Cache-Control"] = "no-store"
    return response


pulse_answer.public = True
