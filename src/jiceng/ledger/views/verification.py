"""County verification of anonymous reports (the report form itself is ``ledger.anonymous``)."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from jiceng.core.roles import Role
from jiceng.core.scoping import get_visible
from jiceng.errors import JicengError
from jiceng.ledger import anonymous
from jiceng.ledger.forms import VerifyForm
from jiceng.ledger.models import AnonymousReport
from jiceng.ledger.views.common import COUNTY_ROLES
from jiceng.web.permissions import roles_required


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
