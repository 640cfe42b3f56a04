"""Pages of the scorecard: the county table with its quadrant chart, a township's page with its
trend and the reasons of each change, and the monthly report's background job."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.safestring import SafeString
from django.views.decorators.http import require_GET, require_POST

from jiceng.core.models import User
from jiceng.core.roles import Role
from jiceng.core.scoping import get_visible
from jiceng.scorecard import queries, reporting, services
from jiceng.scorecard.facts import label, shift
from jiceng.scorecard.index import SUBSCORES, TownshipScore
from jiceng.scorecard.models import ReportJob
from jiceng.scorecard.policy import load_policy
from jiceng.web.charts import chart
from jiceng.web.permissions import roles_required

COUNTY_ROLES = (Role.COUNTY_ADMIN, Role.OBSERVER)
READERS = (*COUNTY_ROLES, Role.TOWNSHIP_CLERK)
COLOURS = {"burden": "#b7251d", "empowerment": "#2f6f9f", "service": "#3b8f5a", "index": "#6b4c9a"}
SORTS = ("index", "burden", "empowerment", "service")


def quadrant_chart(rows: list[queries.Row]) -> SafeString:
    p = load_policy()["quadrant"]
    pony = [r for r in rows if r.quadrant and r.quadrant[0] == "heavy_weak"]
    others = [r for r in rows if r.quadrant and r.quadrant[0] != "heavy_weak"]

    def points(group: list[queries.Row]) -> list[dict[str, Any]]:
        return [
            {"name": r.score.township, "value": [r.score.burden, r.score.empowerment]}
            for r in group
        ]

    label_style = {"show": True, "formatter": "{b}", "position": "right", "fontSize": 11}
    return chart(
        "quadrant",
        {
            "tooltip": {"trigger": "item"},
            "legend": {},
            "grid": {"left": 50, "right": 30, "top": 40, "bottom": 50},
            "xAxis": {
                "type": "value",
                "name": "负担指数（越右越重）",
                "nameLocation": "middle",
                "nameGap": 28,
                "min": 0,
                "max": 100,
            },
            "yAxis": {"type": "value", "name": "赋能指数（承载能力）", "min": 0, "max": 100},
            "series": [
                {
                    "name": "小马拉大车",
                    "type": "scatter",
                    "symbolSize": 14,
                    "itemStyle": {"color": COLOURS["burden"]},
                    "label": label_style,
                    "data": points(pony),
                    "markLine": {
                        "silent": True,
                        "symbol": "none",
                        "lineStyle": {"type": "dashed", "color": "#888"},
                        "data": [{"xAxis": p["burden_line"]}, {"yAxis": p["capacity_line"]}],
                    },
                    "markArea": {
                        "silent": True,
                        "itemStyle": {"color": "rgba(183,37,29,0.08)"},
                        "data": [
                            [
                                {"xAxis": p["burden_line"], "yAxis": 0},
                                {"xAxis": 100, "yAxis": p["capacity_line"]},
                            ]
                        ],
                    },
                },
                {
                    "name": "其他乡镇（街道）",
                    "type": "scatter",
                    "symbolSize": 10,
                    "itemStyle": {"color": COLOURS["empowerment"]},
                    "label": label_style,
                    "data": points(others),
                },
            ],
        },
    )


def trend_chart(history: list[TownshipScore]) -> SafeString:
    names = {
        "burden": "负担指数",
        "empowerment": "赋能指数",
        "service": "服务成效指数",
        "index": "统筹指数",
    }
    series = []
    for key in (*SUBSCORES, "index"):
        values = [s.index if key == "index" else s.subscores[key].score for s in history]
        series.append(
            {
                "name": names[key],
                "type": "line",
                "connectNulls": False,
                "data": values,
                "itemStyle": {"color": COLOURS[key]},
            }
        )
    return chart(
        "trend",
        {
            "tooltip": {"trigger": "axis"},
            "legend": {},
            "grid": {"left": 40, "right": 20},
            "xAxis": {"type": "category", "data": [s.month for s in history]},
            "yAxis": {"type": "value", "min": 0, "max": 100},
            "series": series,
        },
    )


def _month(request: HttpRequest) -> Any:
    return queries.parse_month(request.GET.get("month"))


def _jobs(user: User) -> Any:
    return ReportJob.objects.visible_to(user).select_related("requested_by")[:10]


@roles_required(*READERS)
@require_GET
def county(request: HttpRequest) -> HttpResponse:
    user: User = request.user
    month = _month(request)
    if user.role_enum == Role.TOWNSHIP_CLERK:
        # A township sees only its own page.
        return redirect(f"{_township_url(user.organisation_id)}?month={label(month)}")
    sort = request.GET.get("sort", "index")
    sort = sort if sort in SORTS else "index"
    descending = request.GET.get("dir", "desc") != "asc"
    card = queries.for_user(user, month)
    rows = card.sorted(sort, descending)
    policy = load_policy()
    context = {
        "month": label(month),
        "previous_month": label(shift(month, -1)),
        "next_month": label(shift(month, 1)),
        "rows": rows,
        "sort": sort,
        "dir": "desc" if descending else "asc",
        "columns": [
            (k, policy["subscores"][k]["label"] if k != "index" else policy["overall"]["label"])
            for k in SORTS
        ],
        "notes": {k: policy["subscores"][k]["note"] for k in SUBSCORES},
        "imbalances": card.imbalances,
        "quadrant_chart": quadrant_chart(rows),
        "quadrant_labels": policy["quadrant"]["labels"],
        "jobs": _jobs(user),
        "can_report": user.role_enum in COUNTY_ROLES,
    }
    return render(request, "scorecard/county.html", context)


def _township_url(pk: int) -> str:
    from django.urls import reverse

    return reverse("scorecard:township", args=[pk])


@roles_required(*READERS)
@require_GET
def township(request: HttpRequest, pk: int) -> HttpResponse:
    user: User = request.user
    town = queries.visible_township(user, pk)
    month = _month(request)
    history, changes, row = queries.township_trend(town.county_id, town, month)
    policy = load_policy()
    context = {
        "town": town,
        "month": label(month),
        "previous_month": label(shift(month, -1)),
        "next_month": label(shift(month, 1)),
        "score": row.score,
        "row": row,
        "history": history,
        "changes": changes,
        "trend_chart": trend_chart(history),
        "subscores": [row.score.subscores[k] for k in SUBSCORES],
        "overall_label": policy["overall"]["label"],
        "is_county": user.is_county_wide,
    }
    return render(request, "scorecard/township.html", context)


@roles_required(*COUNTY_ROLES)
@require_POST
def report_new(request: HttpRequest) -> HttpResponse:
    user: User = request.user
    month = queries.parse_month(request.POST.get("month"))
    job = services.request_report(actor=user, month=month)
    messages.info(request, f"已开始生成 {label(month)} 统筹评估月报。")
    return redirect("scorecard:job", pk=job.pk)


@roles_required(*COUNTY_ROLES)
@require_GET
def job(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_visible(ReportJob, request.user, pk=pk)
    return render(request, "scorecard/job.html", {"job": item})


@roles_required(*COUNTY_ROLES)
@require_GET
def job_status(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_visible(ReportJob, request.user, pk=pk)
    return render(request, "scorecard/_job_status.html", {"job": item})


@roles_required(*COUNTY_ROLES)
@require_GET
def download(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    user: User = request.user
    item = get_visible(ReportJob.objects.select_related("county"), user, pk=pk)
    path = services.report_file(item, kind)
    services.note_download(actor=user, job=item, kind=kind)
    return FileResponse(
        path.open("rb"),
        as_attachment=True,
        filename=reporting.filename(item.county, item.month, kind),
    )
