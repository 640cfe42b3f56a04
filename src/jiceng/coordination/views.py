"""Coordination pages: raise (township), dispatch and rule (county), answer (departments),
confirm and rate (township), measures, notifications, attachment downloads."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from jiceng.coordination import dispatching, queries, rulings, services, storage
from jiceng.coordination.files import safe_download_name
from jiceng.coordination.models import Attachment, Notification, Ticket, TicketAssignment
from jiceng.coordination.routing import duplicate_candidates
from jiceng.coordination.timeline import mark_all_read
from jiceng.core.models import Organisation, User
from jiceng.core.roles import Role
from jiceng.core.scoping import get_visible
from jiceng.errors import InputError, JicengError
from jiceng.web.permissions import roles_required

ALL = tuple(Role)
WRITERS = (Role.COUNTY_ADMIN, Role.DEPARTMENT_CLERK, Role.TOWNSHIP_CLERK)


def _uploads(request: HttpRequest) -> list[storage.Upload]:
    return [(f.name or "附件", f.read()) for f in request.FILES.getlist("files")]


def _departments(user: User) -> list[Organisation]:
    return list(
        Organisation.objects.filter(
            county_id=user.county_id_value, kind=Organisation.Kind.DEPARTMENT
        ).order_by("name")
    )


@roles_required(*ALL)
def ticket_list(request: HttpRequest) -> HttpResponse:
    qs = queries.visible_tickets(request.user)  # type: ignore[arg-type]
    status, kind = request.GET.get("status", ""), request.GET.get("kind", "")
    if status:
        qs = qs.filter(status=status)
    if kind:
        qs = qs.filter(kind=kind)
    if request.GET.get("escalated"):
        qs = qs.filter(escalated=True)
    if request.GET.get("returns"):
        qs = qs.filter(return_pending=True)
    page = Paginator(qs.order_by("-created_at", "-id"), 30).get_page(request.GET.get("page"))
    now = timezone.now()
    rows = []
    for ticket in page:
        running = [c for c in ticket.clocks.all() if c.stopped_at is None]
        worst = max(
            (c.light(now) for c in running),
            key=lambda x: ["green", "yellow", "red"].index(x.value),
            default=None,
        )
        rows.append((ticket, worst, running[0] if running else None))
    query = "&".join(f"{k}={v}" for k, v in (("status", status), ("kind", kind)) if v)
    return render(
        request,
        "coordination/list.html",
        {
            "page": page,
            "rows": rows,
            "status": status,
            "kind": kind,
            "query": query,
            "statuses": Ticket.Status.choices,
            "kinds": Ticket.Kind.choices,
            "counts": queries.status_counts(request.user),
        },  # type: ignore[arg-type]
    )


@roles_required(Role.TOWNSHIP_CLERK)
@require_http_methods(["GET", "POST"])
def new_ticket(request: HttpRequest) -> HttpResponse:
    error, data = "", request.POST
    if request.method == "POST":
        try:
            ticket = services.raise_ticket(
                actor=request.user,  # type: ignore[arg-type]
                kind=data.get("kind", ""),
                urgency=data.get("urgency", ""),
                category=data.get("category", ""),
                description=data.get("description", ""),
                place=data.get("place", ""),
                uploads=_uploads(request),
            )
        except JicengError as exc:
            error = exc.message
        else:
            messages.success(request, f"已发起 #{ticket.pk}，等待县级调度员派单。")
            return redirect("coordination:detail", pk=ticket.pk)
    return render(
        request,
        "coordination/new.html",
        {
            "error": error,
            "data": data,
            "kinds": Ticket.Kind.choices,
            "urgencies": Ticket.Urgency.choices,
        },
    )


@roles_required(*ALL)
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    ticket = get_visible(
        Ticket.objects.select_related(
            "township", "owner", "lead_department", "merged_into", "raised_by"
        ),
        user,
        pk=pk,
    )
    now = timezone.now()
    clocks = [(c, c.light(now)) for c in queries.running_clocks(ticket)]
    assignments = list(
        ticket.assignments.select_related("department").order_by("-active", "role", "id")
    )
    mine = next(
        (a for a in assignments if a.active and a.department_id == user.organisation_id), None
    )
    context: dict[str, Any] = {
        "ticket": ticket,
        "clocks": clocks,
        "assignments": assignments,
        "reporters": ticket.reporters.select_related("township", "source").order_by("reported_at"),
        "events": ticket.events.all(),
        "attachments": ticket.attachments.all(),
        "mine": mine,
        "is_raiser": user.role_enum == Role.TOWNSHIP_CLERK
        and user.organisation_id == ticket.township_id,
        "is_party_township": ticket.reporters.filter(township_id=user.organisation_id).exists(),
        "role": user.role_enum.value if user.role_enum else "",
    }
    if user.role_enum == Role.COUNTY_ADMIN:
        lead, cooperating = dispatching.resolve_suggested(ticket)
        context.update(
            departments=_departments(user),
            suggested_lead=ticket.lead_department or lead,
            suggested_cooperating={d.pk for d in cooperating}
            | {a.department_id for a in assignments if a.active and a.role == "cooperating"},
            pending_returns=[a for a in assignments if a.active and a.return_requested_at],
        )
        if ticket.is_open:
            found = duplicate_candidates(
                f"{ticket.category} {ticket.description}", queries.duplicate_pool(ticket)
            )[:5]
            by_id = Ticket.objects.in_bulk([d.ticket_id for d in found])
            context["duplicates"] = [
                (by_id[d.ticket_id], d.similarity) for d in found if d.ticket_id in by_id
            ]
    return render(request, "coordination/detail.html", context)


def _org(request: HttpRequest, field: str) -> Organisation | None:
    value = request.POST.get(field, "")
    return Organisation.objects.filter(pk=value).first() if value.isdigit() else None


def _orgs(request: HttpRequest, field: str) -> list[Organisation]:
    ids = [v for v in request.POST.getlist(field) if v.isdigit()]
    return list(Organisation.objects.filter(pk__in=ids))


ACTIONS: dict[str, tuple[tuple[Role, ...], Callable[[HttpRequest, User, Ticket], Any], str]] = {
    "dispatch": (
        (Role.COUNTY_ADMIN,),
        lambda r, u, t: dispatching.dispatch(
            actor=u,
            ticket=t,
            lead=_org(r, "lead"),
            cooperating=_orgs(r, "cooperating"),
            note=r.POST.get("note", ""),
        ),
        "已派单。",
    ),
    "decline": (
        (Role.COUNTY_ADMIN,),
        lambda r, u, t: dispatching.decline(actor=u, ticket=t, reason=r.POST.get("reason", "")),
        "已退回乡镇自办。",
    ),
    "decide_return": (
        (Role.COUNTY_ADMIN,),
        lambda r, u, t: dispatching.decide_return(
            actor=u,
            ticket=t,
            department=_org(r, "department") or _missing(),
            uphold=r.POST.get("uphold") == "yes",
            reason=r.POST.get("reason", ""),
            new_lead=_org(r, "new_lead"),
        ),
        "已裁定退回申请。",
    ),
    "merge": (
        (Role.COUNTY_ADMIN,),
        lambda r, u, t: rulings.merge(
            actor=u,
            primary=t,
            duplicate=get_visible(Ticket, u, pk=r.POST.get("duplicate", "")),
            reason=r.POST.get("reason", ""),
        ),
        "已合并重复事项。",
    ),
    "unreasonable": (
        (Role.COUNTY_ADMIN,),
        lambda r, u, t: rulings.mark_unreasonable(
            actor=u,
            ticket=t,
            unreasonable=r.POST.get("value") != "no",
            reason=r.POST.get("reason", ""),
        ),
        "已保存认定。",
    ),
    "accept": (
        (Role.DEPARTMENT_CLERK,),
        lambda r, u, t: services.accept(actor=u, ticket=t),
        "已接单。",
    ),
    "progress": (
        (Role.DEPARTMENT_CLERK,),
        lambda r, u, t: services.report_progress(
            actor=u, ticket=t, note=r.POST.get("note", ""), uploads=_uploads(r)
        ),
        "已报告进展。",
    ),
    "resolve": (
        (Role.DEPARTMENT_CLERK,),
        lambda r, u, t: services.resolve(
            actor=u, ticket=t, note=r.POST.get("note", ""), uploads=_uploads(r)
        ),
        "已办结，等待乡镇确认。",
    ),
    "return": (
        (Role.DEPARTMENT_CLERK,),
        lambda r, u, t: dispatching.request_return(
            actor=u, ticket=t, reason=r.POST.get("reason", "")
        ),
        "已申请退回，裁定前仍由本部门负责。",
    ),
    "confirm": (
        (Role.TOWNSHIP_CLERK,),
        lambda r, u, t: services.confirm(
            actor=u, ticket=t, rating=_int(r.POST.get("rating")), comment=r.POST.get("comment", "")
        ),
        "已确认办结，感谢评价。",
    ),
    "reopen": (
        (Role.TOWNSHIP_CLERK,),
        lambda r, u, t: services.reopen(actor=u, ticket=t, reason=r.POST.get("reason", "")),
        "已要求重新办理。",
    ),
    "attach": (
        WRITERS,
        lambda r, u, t: services.add_attachments(actor=u, ticket=t, uploads=_uploads(r)),
        "附件已上传。",
    ),
}


def _missing() -> Organisation:
    raise InputError("请选择部门。")


def _int(value: str | None) -> int:
    try:
        return int(value or "")
    except ValueError:
        raise InputError("满意度请选择 1—5 分。") from None


@roles_required(*WRITERS)
@require_POST
def act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    if action not in ACTIONS:
        raise Http404
    user: User = request.user  # type: ignore[assignment]
    ticket = get_visible(Ticket, user, pk=pk)
    roles, run, done = ACTIONS[action]
    if user.role_enum not in roles:
        from jiceng.errors import ForbiddenError

        raise ForbiddenError("您的角色不能执行此操作。")
    try:
        run(request, user, ticket)
    except JicengError as exc:
        if exc.status != 400:
            raise
        messages.error(request, exc.message)
    else:
        messages.success(request, done)
    return redirect("coordination:detail", pk=pk)


@roles_required(*ALL)
def attachment(request: HttpRequest, pk: int) -> FileResponse:
    item = get_visible(Attachment.objects.select_related("ticket"), request.user, pk=pk)
    path = storage.path_of(item)
    if not path.is_file():
        raise Http404
    from jiceng.coordination.files import FileKind

    kind = FileKind(item.kind, item.mime, item.stored_name.rsplit(".", 1)[-1], "")
    response = FileResponse(
        path.open("rb"),
        as_attachment=True,
        filename=safe_download_name(item.original_name, kind),
        content_type=item.mime,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@roles_required(*ALL)
def measures(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    days = request.GET.get("days", "")
    since = (
        timezone.now() - dt.timedelta(days=int(days)) if days.isdigit() and int(days) > 0 else None
    )
    departments = queries.department_measures(user, since)
    townships = queries.township_measures(user, since)
    chart = {
        "tooltip": {"trigger": "axis"},
        "legend": {"data": ["事项数", "按时响应率(%)"]},
        "grid": {"left": 40, "right": 40, "bottom": 80},
        "xAxis": {
            "type": "category",
            "data": [r["department"] for r in departments],
            "axisLabel": {"rotate": 40},
        },
        "yAxis": [{"type": "value", "name": "件"}, {"type": "value", "name": "%", "max": 100}],
        "series": [
            {"name": "事项数", "type": "bar", "data": [r["tickets"] for r in departments]},
            {
                "name": "按时响应率(%)",
                "type": "line",
                "yAxisIndex": 1,
                "data": [round((r["on_time_rate"] or 0) * 100, 1) for r in departments],
            },
        ],
    }
    return render(
        request,
        "coordination/measures.html",
        {"departments": departments, "townships": townships, "chart": chart, "days": days},
    )


@roles_required(*ALL)
def notifications(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    if request.method == "POST":
        mark_all_read(user)
        return redirect("coordination:notifications")
    page = Paginator(Notification.for_user(user).select_related("ticket"), 50).get_page(
        request.GET.get("page")
    )
    return render(request, "coordination/notifications.html", {"page": page, "query": ""})


__all__ = ["TicketAssignment"]
