"""The monthly burden-monitoring report, downloaded as DOCX or XLSX (each download audited)."""

from __future__ import annotations

from datetime import date
from urllib.parse import quote

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.views.decorators.http import require_GET

from jiceng.core.audit import Action, record
from jiceng.core.models import Organisation, User
from jiceng.core.roles import Role
from jiceng.ledger import queries, reports
from jiceng.ledger.models import TownshipMonthTotal
from jiceng.ledger.views.common import user_county_id
from jiceng.web.exports import xlsx_response
from jiceng.web.permissions import roles_required


def _report(request: HttpRequest) -> reports.ReportData:
    user: User = request.user  # type: ignore[assignment]
    qs = TownshipMonthTotal.objects.visible_to(user)
    try:
        month = date.fromisoformat(request.GET.get("month", "") + "-01")
    except ValueError:
        month = queries.latest_month(qs) or timezone.localdate().replace(day=1)
    town_id = user.organisation_id if user.role_enum == Role.TOWNSHIP_CLERK else None
    county = Organisation.objects.get(pk=user_county_id(user))
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
