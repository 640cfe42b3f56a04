"""Home-page panels of 一表通."""

from __future__ import annotations

from django.urls import reverse

from jiceng.core.models import User
from jiceng.core.roles import Role
from jiceng.forms import queries
from jiceng.forms.models import ReportForm
from jiceng.web.home_panels import Panel


def panels(user: User) -> list[Panel]:
    role = user.role_enum
    county = user.county_id_value
    if county is None:
        return []
    if role in (Role.COUNTY_ADMIN, Role.OBSERVER):
        pending = queries.pending_elements(county)
        return [
            Panel(
                "一表通数据元素待确认",
                str(pending),
                reverse("forms:elements") + "?status=pending",
                "确认后乡镇只需填写一次",
            )
        ]
    if role == Role.DEPARTMENT_CLERK:
        forms = ReportForm.objects.visible_to(user).filter(is_current=True).count()
        return [
            Panel("本部门登记的报表", str(forms), reverse("forms:list"), "报表由乡镇基础表自动生成")
        ]
    if role == Role.TOWNSHIP_CLERK:
        records = queries.records_for(user).count()
        return [Panel("本乡镇基础表记录", str(records), reverse("forms:base"), "每项数据只填一次")]
    return []
