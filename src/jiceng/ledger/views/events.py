"""Burden events: the filtered list, one event, the entry form and the file import."""

from __future__ import annotations

from datetime import date
from urllib.parse import quote

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from jiceng.core.models import Organisation, User
from jiceng.core.roles import Role
from jiceng.core.scoping import get_visible
from jiceng.errors import JicengError
from jiceng.ledger import importing, services
from jiceng.ledger.forms import EventForm, ImportForm
from jiceng.ledger.models import TYPE_CHOICES, BurdenEvent
from jiceng.ledger.views.common import WRITERS, user_county_id
from jiceng.web.permissions import roles_required


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
            county_id=user_county_id(user), kind=Organisation.Kind.TOWNSHIP
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
            rows = importing.read_ledger_file(upload.read(), upload.name)
            county = services.county_of(user.organisation)  # type: ignore[arg-type]
            result = importing.import_events(
                actor=user, county=county, rows=rows, filename=upload.name
            )
        except JicengError as exc:
            errors = [str(e) for e in getattr(exc, "errors", [])] or [exc.message]
        else:
            messages.success(request, f"导入完成：{result.message}。")
            return redirect("ledger:events")
    return render(request, "ledger/import.html", {"form": form, "errors": errors})
