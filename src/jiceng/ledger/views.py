"""Ledger pages: dashboards (county, township, department), alerts, events, import, work groups,
signboards, verification of anonymous reports, and the monthly report exports."""

from __future__ import annotations

from datetime import date
from typing import Any
from urllib.parse import quote

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.html import json_script
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from jiceng.core.audit import Action, record
from jiceng.core.models import Organisation, User
from jiceng.core.roles import Role
from jiceng.core.scoping import get_visible
from jiceng.errors import ForbiddenError, JicengError, NotFoundError
from jiceng.ledger import anonymous, queries, reports, services
from jiceng.ledger.detection import PATTERN_LABELS, Pattern
from jiceng.ledger.forms import (
    EventForm,
    ImportForm,
    SignboardForm,
    SignboardRemoveForm,
    VerifyForm,
    WorkGroupForm,
    WorkGroupUpdateForm,
)
from jiceng.ledger.models import (
    TYPE_CHOICES,
    TYPE_LABELS,
    AnonymousReport,
    BurdenEvent,
    DepartmentMonth,
    Signboard,
    TownshipMonth,
    TownshipMonthTotal,
    WorkGroup,
)
from jiceng.web.exports import xlsx_response
from jiceng.web.permissions import roles_required

COUNTY_ROLES = (Role.COUNTY_ADMIN, Role.OBSERVER)
WRITERS = (Role.COUNTY_ADMIN, Role.TOWNSHIP_CLERK)
COLORS = ["#b7251d", "#f2a541"]


# --------------------------------------------------------------------------------------------
# Charts: ECharts options in a JSON block drawn by static/jiceng/js/app.js (no inline script)
# --------------------------------------------------------------------------------------------


def chart(div_id: str, option: dict[str, Any]) -> SafeString:
    script = json_script(option).replace(
        '<script type="application/json">',
        f'<script type="application/json" data-chart-for="{div_id}">',
        1,
    )
    return mark_safe(f'<div id="{div_id}" class="chart"></div>{script}')  # noqa: S308 - ids are ours, JSON escaped


def trend_chart(rows: list[dict[str, Any]]) -> SafeString:
    months = [r["month"].strftime("%Y-%m") for r in rows]
    series = [
        {
            "name": name,
            "type": "line",
            "stack": "h",
            "areaStyle": {},
            "symbol": "none",
            "data": [round(r[key], 1) for r in rows],
        }
        for name, key in (("正式渠道", "formal"), ("非正式渠道", "informal"))
    ]
    return chart(
        "trend",
        {
            "color": COLORS,
            "tooltip": {"trigger": "axis"},
            "legend": {},
            "grid": {"left": 50, "right": 20},
            "xAxis": {"type": "category", "data": months},
            "yAxis": {"type": "value", "name": "小时"},
            "series": series,
        },
    )


def ranking_chart(
    div_id: str, rows: list[dict[str, Any]], name_key: str, limit: int = 20
) -> SafeString:
    shown = rows[:limit][::-1]
    series = [
        {"name": name, "type": "bar", "stack": "h", "data": [round(r[key], 1) for r in shown]}
        for name, key in (("正式渠道", "formal"), ("非正式渠道", "informal"))
    ]
    return chart(
        div_id,
        {
            "color": COLORS,
            "tooltip": {"trigger": "axis"},
            "legend": {},
            "grid": {"left": 110, "right": 20},
            "xAxis": {"type": "value", "name": "小时"},
            "yAxis": {"type": "category", "data": [r[name_key] or "（未填）" for r in shown]},
            "series": series,
        },
    )


def type_chart(rows: list[dict[str, Any]]) -> SafeString:
    data = [
        {"name": TYPE_LABELS.get(r["type"], r["type"]), "value": round(r["hours"], 1)} for r in rows
    ]
    return chart(
        "types",
        {
            "tooltip": {"trigger": "item"},
            "series": [{"type": "pie", "radius": ["35%", "65%"], "data": data}],
        },
    )


# --------------------------------------------------------------------------------------------
# Period selection
# --------------------------------------------------------------------------------------------


def _period(request: HttpRequest, qs: Any) -> dict[str, Any]:
    """The year shown (``?year=``, else the latest with data) and how many of its months count."""
    available = queries.years(qs)
    latest = queries.latest_month(qs)
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        year = available[0] if available else timezone.localdate().year
    months = latest.month if latest and latest.year == year else 12
    return {"years": available, "year": year, "months": months, "latest": latest}


def _county_id(user: User) -> int:
    org = user.organisation
    assert org is not None
    return org.county_id or org.pk


def _township(user: User, pk: int) -> Organisation:
    """A township the user may drill into; anything else is simply not found."""
    township = Organisation.objects.filter(
        pk=pk, kind=Organisation.Kind.TOWNSHIP, county_id=_county_id(user)
    ).first()
    if township is None or (
        user.role_enum == Role.TOWNSHIP_CLERK and township.pk != user.organisation_id
    ):
        raise NotFoundError("未找到该乡镇（街道），或您无权查看。")
    return township


def _department(user: User, pk: int) -> Organisation:
    dept = Organisation.objects.filter(
        pk=pk, kind=Organisation.Kind.DEPARTMENT, county_id=_county_id(user)
    ).first()
    if dept is None or (
        user.role_enum == Role.DEPARTMENT_CLERK and dept.pk != user.organisation_id
    ):
        raise NotFoundError("未找到该部门，或您无权查看。")
    return dept


def _finding_row(f: Any) -> dict[str, Any]:
    return {
        "township": f.township,
        "pattern": f.pattern,
        "month": f.month,
        "evidence": f.evidence,
        "label": PATTERN_LABELS[Pattern(f.pattern)],
    }


# --------------------------------------------------------------------------------------------
# Dashboards
# --------------------------------------------------------------------------------------------


@roles_required()
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    if user.role_enum == Role.TOWNSHIP_CLERK:
        return redirect("ledger:township", pk=user.organisation_id)
    if user.role_enum == Role.DEPARTMENT_CLERK:
        return redirect("ledger:department", pk=user.organisation_id)
    county_id = _county_id(user)
    qs = TownshipMonthTotal.objects.visible_to(user)
    by_type = TownshipMonth.objects.visible_to(user)
    p = _period(request, qs)
    year_qs = queries.period(qs, p["year"], p["months"])
    dept_rows = queries.department_ranking(
        queries.period(DepartmentMonth.objects.visible_to(user), p["year"], p["months"])
    )
    townships = queries.township_ranking(year_qs)
    alerts = queries.alerts(user, county_id, p["year"], p["months"], timezone.localdate())
    return render(
        request,
        "ledger/dashboard.html",
        {
            **p,
            "yoy": queries.year_on_year(qs, p["year"], p["months"]),
            "types_yoy": queries.types_year_on_year(by_type, p["year"], p["months"]),
            "townships": townships,
            "departments": dept_rows[:30],
            "caps": queries.cap_uses(county_id, p["year"], p["months"]),
            "alerts": alerts[:8],
            "alert_count": len(alerts),
            "pending": queries.pending_anonymous(county_id),
            "trend_chart": trend_chart(queries.monthly(qs)),
            "township_chart": ranking_chart("townships", townships, "township__name"),
            "department_chart": ranking_chart("departments", dept_rows, "source_department"),
            "type_chart": type_chart(
                queries.by_type(queries.period(by_type, p["year"], p["months"]))
            ),
        },
    )


@roles_required(Role.COUNTY_ADMIN, Role.OBSERVER, Role.TOWNSHIP_CLERK)
@require_GET
def township(request: HttpRequest, pk: int) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    town = _township(user, pk)
    qs = TownshipMonthTotal.objects.visible_to(user).filter(township=town)
    by_type = TownshipMonth.objects.visible_to(user).filter(township=town)
    p = _period(request, qs)
    events = queries.period(
        queries.confirmed_events(user).filter(township=town), p["year"], p["months"]
    )
    dept_rows = queries.department_ranking(events)
    finding = next(
        (_finding_row(f) for f in queries.findings(_county_id(user)) if f.township == town.name),
        None,
    )
    return render(
        request,
        "ledger/township.html",
        {
            **p,
            "town": town,
            "yoy": queries.year_on_year(qs, p["year"], p["months"]),
            "types_yoy": queries.types_year_on_year(by_type, p["year"], p["months"]),
            "departments": dept_rows[:20],
            "finding": finding,
            "alerts": queries.alerts(
                user,
                _county_id(user),
                p["year"],
                p["months"],
                timezone.localdate(),
                township_id=town.pk,
            ),
            "trend_chart": trend_chart(queries.monthly(qs)),
            "department_chart": ranking_chart("departments", dept_rows, "source_department"),
            "type_chart": type_chart(
                queries.by_type(queries.period(by_type, p["year"], p["months"]))
            ),
            "per_staff": (
                queries.totals(queries.period(qs, p["year"], p["months"]))["hours"]
                / town.staff_size
            )
            if town.staff_size
            else None,
        },
    )


@roles_required(Role.COUNTY_ADMIN, Role.OBSERVER, Role.DEPARTMENT_CLERK)
@require_GET
def department(request: HttpRequest, pk: int) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    dept = _department(user, pk)
    events = queries.confirmed_events(user).filter(department=dept)
    p = _period(request, events)
    year_events = queries.period(events, p["year"], p["months"])
    towns = queries.township_ranking(year_events)
    disguise = [
        d
        for d in queries.disguised_documents(_county_id(user), p["year"], p["months"])
        if d.department == dept.name
    ]
    return render(
        request,
        "ledger/department.html",
        {
            **p,
            "dept": dept,
            "yoy": queries.year_on_year(events, p["year"], p["months"]),
            "types_yoy": queries.types_year_on_year(events, p["year"], p["months"]),
            "townships": towns,
            "disguise": disguise,
            "caps": [
                c
                for c in queries.cap_uses(_county_id(user), p["year"], p["months"])
                if c.party == dept.name or c.party.startswith(f"{dept.name}：")
            ],
            "trend_chart": trend_chart(queries.monthly(events)),
            "township_chart": ranking_chart("townships", towns, "township__name"),
        },
    )


@roles_required()
@require_GET
def alerts(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    qs = TownshipMonthTotal.objects.visible_to(user)
    p = _period(request, qs)
    town_id = user.organisation_id if user.role_enum == Role.TOWNSHIP_CLERK else None
    found = queries.alerts(
        user, _county_id(user), p["year"], p["months"], timezone.localdate(), town_id
    )
    if user.role_enum == Role.DEPARTMENT_CLERK:
        found = [a for a in found if a.kind in ("group", "signboard")]
    patterns = (
        [_finding_row(f) for f in queries.findings(_county_id(user))] if user.is_county_wide else []
    )
    return render(request, "ledger/alerts.html", {**p, "alerts": found, "patterns": patterns})


# --------------------------------------------------------------------------------------------
# Events
# --------------------------------------------------------------------------------------------


@roles_required()
@require_GET
def event_list(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    qs = BurdenEvent.objects.visible_to(user).select_related("township")
    f = {
        k: request.GET.get(k, "").strip()
        for k in ("township", "type", "channel", "month", "status", "q")
    }
    if f["township"].isdigit():
        qs = qs.filter(township_id=int(f["township"]))
    if f["type"]:
        qs = qs.filter(type=f["type"])
    if f["channel"]:
        qs = qs.filter(channel=f["channel"])
    if f["status"]:
        qs = qs.filter(status=f["status"])
    if f["q"]:
        qs = qs.filter(title__icontains=f["q"])
    if f["month"]:
        try:
            qs = qs.filter(month=date.fromisoformat(f["month"] + "-01"))
        except ValueError:
            f["month"] = ""
    page = Paginator(qs.order_by("-date", "-id"), 50).get_page(request.GET.get("page"))
    query = "&".join(f"{k}={quote(v)}" for k, v in f.items() if v)
    townships = (
        Organisation.objects.filter(
            county_id=_county_id(user), kind=Organisation.Kind.TOWNSHIP
        ).order_by("name")
        if user.is_county_wide
        else []
    )
    return render(
        request,
        "ledger/events.html",
        {
            "page": page,
            "f": f,
            "query": query,
            "types": TYPE_CHOICES,
            "townships": townships,
            "statuses": BurdenEvent.Status.choices,
            "can_write": user.role_enum in WRITERS,
        },
    )


@roles_required()
@require_GET
def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_visible(
        BurdenEvent.objects.select_related(
            "township", "department", "task", "signboard", "work_group"
        ),
        request.user,
        pk=pk,
    )
    return render(request, "ledger/event_detail.html", {"event": event})


@roles_required(*WRITERS)
@require_http_methods(["GET", "POST"])
def event_new(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    initial = {"date": timezone.localdate()}
    if user.role_enum == Role.TOWNSHIP_CLERK:
        initial["township"] = user.organisation_id
    form = EventForm(request.POST or None, user=user, initial=initial)
    error = ""
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            event = services.create_event(
                actor=user,
                township=d["township"],
                date=d["date"],
                type=d["type"],
                channel=d["channel"] or None,
                source_department=d["source_department"],
                title=d["title"],
                hours=d["hours"],
                length_chars=d["length_chars"],
                comprehensive=d["comprehensive"],
                task=d["task"],
                signboard=d["signboard"],
                work_group=d["work_group"],
            )
        except JicengError as exc:
            error = exc.message
        else:
            messages.success(request, "负担事件已登记。")
            return redirect("ledger:event", pk=event.pk)
    return render(request, "ledger/event_form.html", {"form": form, "error": error})


@roles_required(*WRITERS)
@require_http_methods(["GET", "POST"])
def import_view(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    form = ImportForm(request.POST or None, request.FILES or None)
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            rows = services.read_ledger_file(upload.read(), upload.name)
            county = services.county_of(user.organisation)  # type: ignore[arg-type]
            result = services.import_events(
                actor=user, county=county, rows=rows, filename=upload.name
            )
        except JicengError as exc:
            errors = [str(e) for e in getattr(exc, "errors", [])] or [exc.message]
        else:
            messages.success(request, f"导入完成：{result.message}。")
            return redirect("ledger:events")
    return render(request, "ledger/import.html", {"form": form, "errors": errors})


# --------------------------------------------------------------------------------------------
# Work groups and signboards
# --------------------------------------------------------------------------------------------


@roles_required()
@require_http_methods(["GET", "POST"])
def groups(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    can_write = user.role_enum != Role.OBSERVER
    form = (
        WorkGroupForm(request.POST or None, user=user, initial={"opened_on": timezone.localdate()})
        if can_write
        else None
    )
    if request.method == "POST":
        if form is None:
            raise ForbiddenError("只读角色不能登记。")
        if form.is_valid():
            d = form.cleaned_data
            try:
                services.register_work_group(
                    actor=user,
                    name=d["name"],
                    kind=d["kind"],
                    purpose=d["purpose"],
                    opened_on=d["opened_on"],
                    townships=list(d["townships"]),
                    department=d["department"],
                    task=d["task"],
                    task_ends_on=d["task_ends_on"],
                )
            except JicengError as exc:
                messages.error(request, exc.message)
            else:
                messages.success(request, "工作群/APP 已登记。")
                return redirect("ledger:groups")
    today = timezone.localdate()
    qs = (
        WorkGroup.objects.visible_to(user)
        .select_related("department")
        .prefetch_related("townships")
    )
    overdue = set(queries.open_groups_past_task(qs, today).values_list("pk", flat=True))
    return render(
        request,
        "ledger/groups.html",
        {
            "groups": qs,
            "form": form,
            "overdue": overdue,
            "today": today,
            "update_form": WorkGroupUpdateForm(),
        },
    )


@roles_required(Role.COUNTY_ADMIN, Role.DEPARTMENT_CLERK, Role.TOWNSHIP_CLERK)
@require_POST
def group_update(request: HttpRequest, pk: int) -> HttpResponse:
    group = get_visible(WorkGroup, request.user, pk=pk)
    form = WorkGroupUpdateForm(request.POST)
    if form.is_valid():
        try:
            services.update_work_group(actor=request.user, group=group, **form.cleaned_data)  # type: ignore[arg-type]
        except JicengError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, "已更新。")
    return redirect("ledger:groups")


@roles_required()
@require_http_methods(["GET", "POST"])
def signboards(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    can_write = user.role_enum != Role.OBSERVER
    form = (
        SignboardForm(request.POST or None, user=user, initial={"put_up_on": timezone.localdate()})
        if can_write
        else None
    )
    if request.method == "POST":
        if form is None:
            raise ForbiddenError("只读角色不能登记。")
        if form.is_valid():
            d = form.cleaned_data
            try:
                services.register_signboard(
                    actor=user,
                    township=d["township"],
                    name=d["name"],
                    work=d["work"],
                    put_up_on=d["put_up_on"],
                    department=d["department"],
                    task=d["task"],
                )
            except JicengError as exc:
                messages.error(request, exc.message)
            else:
                messages.success(request, "牌子已登记。")
                return redirect("ledger:signboards")
    qs = Signboard.objects.visible_to(user).select_related("township", "department")
    flagged = {b.pk: b for b in queries.boards_with_work_after_removal(qs)}
    return render(
        request,
        "ledger/signboards.html",
        {"boards": qs, "form": form, "flagged": flagged, "remove_form": SignboardRemoveForm()},
    )


@roles_required(Role.COUNTY_ADMIN, Role.DEPARTMENT_CLERK, Role.TOWNSHIP_CLERK)
@require_POST
def signboard_remove(request: HttpRequest, pk: int) -> HttpResponse:
    board = get_visible(Signboard, request.user, pk=pk)
    form = SignboardRemoveForm(request.POST)
    if form.is_valid():
        services.remove_signboard(
            actor=request.user, board=board, removed_on=form.cleaned_data["removed_on"]
        )  # type: ignore[arg-type]
        messages.success(request, "已登记摘牌。")
    return redirect("ledger:signboards")


# --------------------------------------------------------------------------------------------
# Anonymous reports (county verification)
# --------------------------------------------------------------------------------------------


@roles_required(*COUNTY_ROLES)
@require_GET
def anonymous_list(request: HttpRequest) -> HttpResponse:
    qs = AnonymousReport.objects.visible_to(request.user).select_related("township", "event")
    status = request.GET.get("status", "pending")
    if status:
        qs = qs.filter(status=status)
    page = Paginator(qs, 30).get_page(request.GET.get("page"))
    return render(
        request,
        "ledger/anonymous_list.html",
        {
            "page": page,
            "status": status,
            "statuses": AnonymousReport.Status.choices,
            "form": VerifyForm(),
            "query": f"status={status}",
            "retention_days": anonymous.retention_days(),
        },
    )


@roles_required(Role.COUNTY_ADMIN)
@require_POST
def anonymous_review(request: HttpRequest, pk: int) -> HttpResponse:
    report = get_visible(AnonymousReport.objects.select_related("event"), request.user, pk=pk)
    form = VerifyForm(request.POST)
    if not form.is_valid():
        messages.error(request, "请选择核实结论并填写核实意见。")
    else:
        d = form.cleaned_data
        try:
            anonymous.review_report(
                actor=request.user,
                report=report,
                accept=d["accept"],
                reason=d["reason"],
                hours=d["hours"],
            )  # type: ignore[arg-type]
        except JicengError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, "核实结果已保存。")
    return redirect("ledger:anonymous")


# --------------------------------------------------------------------------------------------
# Monthly report
# --------------------------------------------------------------------------------------------


def _report(request: HttpRequest) -> reports.ReportData:
    user: User = request.user  # type: ignore[assignment]
    qs = TownshipMonthTotal.objects.visible_to(user)
    try:
        month = date.fromisoformat(request.GET.get("month", "") + "-01")
    except ValueError:
        month = queries.latest_month(qs) or timezone.localdate().replace(day=1)
    town_id = user.organisation_id if user.role_enum == Role.TOWNSHIP_CLERK else None
    county = Organisation.objects.get(pk=_county_id(user))
    return reports.monthly_report_data(user, county.name, county.pk, month, town_id)


@roles_required(Role.COUNTY_ADMIN, Role.OBSERVER, Role.TOWNSHIP_CLERK)
@require_GET
def report_docx(request: HttpRequest) -> HttpResponse:
    data = _report(request)
    content = reports.docx_bytes(data)
    record(Action.EXPORT, actor=request.user, note=f"导出负担监测月报（DOCX）：{data.title}")  # type: ignore[arg-type]
    response = HttpResponse(
        content,
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(data.title + '.docx')}"
    return response


@roles_required(Role.COUNTY_ADMIN, Role.OBSERVER, Role.TOWNSHIP_CLERK)
@require_GET
def report_xlsx(request: HttpRequest) -> HttpResponse:
    data = _report(request)
    record(Action.EXPORT, actor=request.user, note=f"导出负担监测月报（XLSX）：{data.title}")  # type: ignore[arg-type]
    return xlsx_response(data.title + ".xlsx", reports.xlsx_bytes(data))
