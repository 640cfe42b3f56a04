"""The shell: login, home per role, audit log, organisations, error pages."""

from __future__ import annotations

import json
import sys
from datetime import datetime, time
from typing import Any

from django.contrib.auth import views as auth_views
from django.core.paginator import Paginator
from django.db.models import Count, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.decorators.http import require_GET

from jiceng.core.audit import ACTION_LABELS, Action, record
from jiceng.core.auth import LoginForm
from jiceng.core.models import AuditEntry, Organisation, User
from jiceng.core.roles import Role
from jiceng.web import home_panels
from jiceng.web.exports import workbook_bytes, xlsx_response
from jiceng.web.middleware import database_unavailable, is_database_outage
from jiceng.web.permissions import login_required, roles_required


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    template_name = "registration/login.html"
    redirect_authenticated_user = True


@login_required
def home(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    panels = home_panels.panels_for(user)
    return render(request, "web/home.html", {"panels": panels, "role": user.role_enum})


def _filtered_audit(request: HttpRequest) -> tuple[QuerySet[AuditEntry], dict[str, str]]:
    qs = AuditEntry.objects.visible_to(request.user).select_related("organisation")
    params = {
        k: request.GET.get(k, "").strip()
        for k in ("action", "actor", "object_type", "start", "end", "q")
    }
    if params["action"]:
        qs = qs.filter(action=params["action"])
    if params["actor"]:
        qs = qs.filter(actor_name__icontains=params["actor"])
    if params["object_type"]:
        qs = qs.filter(object_type=params["object_type"])
    if params["q"]:
        qs = qs.filter(object_repr__icontains=params["q"])
    tz = timezone.get_current_timezone()
    for key, lookup, bound in (("start", "at__gte", time.min), ("end", "at__lte", time.max)):
        if params[key]:
            try:
                day = datetime.strptime(params[key], "%Y-%m-%d").date()
            except ValueError:
                params[key] = ""
                continue
            qs = qs.filter(**{lookup: datetime.combine(day, bound, tzinfo=tz)})
    return qs.order_by("-id"), params


@roles_required(Role.COUNTY_ADMIN, Role.OBSERVER)
@require_GET
def audit_log(request: HttpRequest) -> HttpResponse:
    qs, params = _filtered_audit(request)
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    object_types = (
        AuditEntry.objects.visible_to(request.user)
        .exclude(object_type="")
        .values_list("object_type", flat=True)
        .distinct()
        .order_by("object_type")
    )
    query = "&".join(f"{k}={v}" for k, v in params.items() if v)
    return render(
        request,
        "web/audit.html",
        {
            "page": page,
            "params": params,
            "query": query,
            "actions": ACTION_LABELS,
            "object_types": list(object_types),
        },
    )


@roles_required(Role.COUNTY_ADMIN, Role.OBSERVER)
@require_GET
def audit_export(request: HttpRequest) -> HttpResponse:
    qs, params = _filtered_audit(request)
    rows = (
        (
            e.id,
            timezone.localtime(e.at).strftime("%Y-%m-%d %H:%M:%S"),
            e.actor_name,
            e.organisation.name if e.organisation else "",
            ACTION_LABELS.get(e.action, e.action),
            e.object_type,
            e.object_id,
            e.object_repr,
            _json_text(e.before),
            _json_text(e.after),
            e.note,
        )
        for e in qs.iterator(chunk_size=2000)
    )
    content = workbook_bytes(
        [
            (
                "审计日志",
                [
                    "序号",
                    "时间",
                    "操作人",
                    "单位",
                    "操作",
                    "对象类型",
                    "对象编号",
                    "对象",
                    "修改前",
                    "修改后",
                    "说明",
                ],
                rows,
            )
        ]
    )
    record(Action.EXPORT, actor=request.user, note=f"导出审计日志，筛选条件：{params}")  # type: ignore[arg-type]
    return xlsx_response(f"审计日志-{timezone.localdate():%Y%m%d}.xlsx", content)


def _json_text(value: Any) -> str:
    if not value:
        return ""
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


@roles_required(Role.COUNTY_ADMIN)
@require_GET
def organisations(request: HttpRequest) -> HttpResponse:
    county = request.user.organisation.county  # type: ignore[union-attr]
    orgs = (
        Organisation.objects.filter(county=county)
        .exclude(kind=Organisation.Kind.VILLAGE)
        .annotate(user_count=Count("users"), village_count=Count("children"))
        .order_by("kind", "name")
    )
    users = (
        User.objects.filter(organisation__county=county)
        .select_related("organisation")
        .order_by("role", "username")
    )
    return render(request, "web/organisations.html", {"orgs": orgs, "users": users})


def error_403(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "403.html", {"message": ""}, status=403)


def error_404(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "404.html", {"message": ""}, status=404)


def error_500(request: HttpRequest) -> HttpResponse:
    # Rendered without the request context: the navigation context processor reads the user from
    # the database, which may be what just failed (e.g. saving the session after the view).
    if is_database_outage(sys.exc_info()[1]):
        # Outside the view (session save, user lookup): the view's own work may have been saved.
        return database_unavailable(request, "刚才的操作可能已经保存，请稍后刷新页面核对。")
    return HttpResponse(render_to_string("500.html"), status=500)
