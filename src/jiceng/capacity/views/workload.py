"""The workload dashboard (hours against available staff, thresholds adjustable per view) and
the staff roster with its import and the secondments recorded against it."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from jiceng.capacity import queries, services
from jiceng.capacity.charts import coloured
from jiceng.capacity.forms import RosterImportForm, SecondmentForm
from jiceng.capacity.models import Secondment, StaffPost
from jiceng.capacity.views.common import READERS, acting_user, can_write, own_township, user_county
from jiceng.capacity.workload import thresholds
from jiceng.core.roles import Role
from jiceng.errors import JicengError
from jiceng.web.charts import bar_chart
from jiceng.web.permissions import roles_required
from jiceng.web.submit import submit_form


def _float(value: str | None) -> float | None:
    try:
        return float(value) if value not in (None, "") else None
    except ValueError:
        return None


@roles_required(*READERS)
def dashboard(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
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
    user = acting_user(request)
    county = user_county(user)
    form = RosterImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        result = submit_form(
            request,
            form if can_write(user) else None,
            lambda d: services.import_roster(
                actor=user, data=d["file"].read(), filename=d["file"].name
            ),
            refused="您的角色不能导入名册。",
        )
        if result is not None:
            messages.success(
                request, f"已导入 {result.townships} 个乡镇（街道）的 {result.posts} 个岗位。"
            )
            return redirect("capacity:staff")
    posts = StaffPost.objects.visible_to(user).select_related("township")
    secondments = Secondment.objects.visible_to(user).select_related("township")[:100]
    second_form = (
        SecondmentForm(county=county, township=own_township(user)) if can_write(user) else None
    )
    return render(
        request,
        "capacity/staff.html",
        {
            "posts": posts,
            "secondments": secondments,
            "form": form if can_write(user) else None,
            "second_form": second_form,
        },
    )


@roles_required(Role.COUNTY_ADMIN, Role.TOWNSHIP_CLERK)
@require_POST
def add_secondment(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    form = SecondmentForm(request.POST, county=user_county(user), township=own_township(user))
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
