"""The ledger's dashboards: the county overview, a township's and a department's page, and the
alert list. Period selection (``?year=``) and drill-down scoping live here too."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.decorators.http import require_GET

from jiceng.core.models import Organisation, User
from jiceng.core.roles import Role
from jiceng.errors import NotFoundError
from jiceng.ledger import queries
from jiceng.ledger.charts import ranking_chart, trend_chart, type_chart
from jiceng.ledger.detection import PATTERN_LABELS, Pattern
from jiceng.ledger.models import DepartmentMonth, TownshipMonth, TownshipMonthTotal
from jiceng.ledger.views.common import user_county_id
from jiceng.web.permissions import roles_required


def _period(request: HttpRequest, qs: Any) -> dict[str, Any]:
    """The year shown (``?year=``, else the latest with data) and how many of its months count."""
    return _period_for(qs, _year_param(request))


def _period_for(qs: Any, year: int | None) -> dict[str, Any]:
    available = queries.years(qs)
    latest = queries.latest_month(qs)
    if year is None:
        year = available[0] if available else timezone.localdate().year
    months = latest.month if latest and latest.year == year else 12
    return {"years": available, "year": year, "months": months, "latest": latest}


def _township(user: User, pk: int) -> Organisation:
    """A township the user may drill into; anything else is simply not found."""
    township = Organisation.objects.filter(
        pk=pk, kind=Organisation.Kind.TOWNSHIP, county_id=user_county_id(user)
    ).first()
    if township is None or (
        user.role_enum == Role.TOWNSHIP_CLERK and township.pk != user.organisation_id
    ):
        raise NotFoundError("未找到该乡镇（街道），或您无权查看。")
    return township


def _department(user: User, pk: int) -> Organisation:
    dept = Organisation.objects.filter(
        pk=pk, kind=Organisation.Kind.DEPARTMENT, county_id=user_county_id(user)
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


# The county overview is the same for every county-wide user of a county: its figures are kept
# per county, period and ledger version (any write moves the version, so they are never stale).


def _year_param(request: HttpRequest) -> int | None:
    try:
        return int(request.GET.get("year", ""))
    except ValueError:
        return None


def _overview(user: User, county_id: int, year: int | None) -> dict[str, Any]:
    """Everything on the county overview read from the summaries: the period, the summary
    alerts (patterns, caps, disguised documents) and the figures, charts and tables already
    rendered (rendering them is most of the page's time)."""
    qs = TownshipMonthTotal.objects.visible_to(user)
    by_type = TownshipMonth.objects.visible_to(user)
    p = _period_for(qs, year)
    year_qs = queries.period(qs, p["year"], p["months"])
    dept_rows = queries.department_ranking(
        queries.period(DepartmentMonth.objects.visible_to(user), p["year"], p["months"])
    )
    townships = queries.township_ranking(year_qs)
    figures = {
        **p,
        "yoy": queries.year_on_year(qs, p["year"], p["months"]),
        "types_yoy": queries.types_year_on_year(by_type, p["year"], p["months"]),
        "townships": townships,
        "departments": dept_rows[:30],
        "caps": queries.cap_uses(county_id, p["year"], p["months"]),
        "trend_chart": trend_chart(queries.monthly(qs)),
        "township_chart": ranking_chart("townships", townships, "township__name"),
        "department_chart": ranking_chart("departments", dept_rows, "source_department"),
        "type_chart": type_chart(queries.by_type(queries.period(by_type, p["year"], p["months"]))),
    }
    return {
        **p,
        "ledger_alerts": queries.ledger_alerts(user, county_id, p["year"], p["months"]),
        # Rendered without the request: no user, CSRF token or navigation can enter them.
        "yoy_html": render_to_string("ledger/_yoy.html", figures),
        "figures_html": render_to_string("ledger/_overview_figures.html", figures),
    }


def cached_overview(user: User, county_id: int, year: int | None) -> dict[str, Any]:
    """``_overview`` kept per county, requested year (or the latest), this year (the default when
    the ledger is empty) and ledger version. Only county-wide users share it (they all see the
    whole county); nothing per-user (navigation, CSRF token, the registers' alerts, pending
    reports) is in it."""
    if not user.is_county_wide:
        return _overview(user, county_id, year)
    return queries.cached_per_version(  # type: ignore[no-any-return]
        "overview",
        county_id,
        lambda: _overview(user, county_id, year),
        year if year is not None else "latest",
        timezone.localdate().year,
    )


@roles_required()
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    if user.role_enum == Role.TOWNSHIP_CLERK:
        return redirect("ledger:township", pk=user.organisation_id)
    if user.role_enum == Role.DEPARTMENT_CLERK:
        return redirect("ledger:department", pk=user.organisation_id)
    county_id = user_county_id(user)
    overview = cached_overview(user, county_id, _year_param(request))
    alerts = queries.sort_alerts(
        overview["ledger_alerts"] + queries.register_alerts(user, timezone.localdate())
    )
    return render(
        request,
        "ledger/dashboard.html",
        {
            **overview,
            "alerts": alerts[:8],
            "alert_count": len(alerts),
            "pending": queries.pending_anonymous(county_id),
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
        (
            _finding_row(f)
            for f in queries.findings(user_county_id(user))
            if f.township == town.name
        ),
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
                user_county_id(user),
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
        for d in queries.disguised_documents(user_county_id(user), p["year"], p["months"])
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
                for c in queries.cap_uses(user_county_id(user), p["year"], p["months"])
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
        user, user_county_id(user), p["year"], p["months"], timezone.localdate(), town_id
    )
    if user.role_enum == Role.DEPARTMENT_CLERK:
        found = [a for a in found if a.kind in ("group", "signboard")]
    patterns = (
        [_finding_row(f) for f in queries.findings(user_county_id(user))]
        if user.is_county_wide
        else []
    )
    return render(request, "ledger/alerts.html", {**p, "alerts": found, "patterns": patterns})
