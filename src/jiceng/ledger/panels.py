"""Home-page panels of the burden ledger."""

from __future__ import annotations

from django.urls import reverse

from jiceng.core.models import User
from jiceng.core.roles import Role
from jiceng.ledger import queries
from jiceng.ledger.models import DepartmentMonth, TownshipMonthTotal
from jiceng.web.home_panels import Panel


def panels(user: User) -> list[Panel]:
    role = user.role_enum
    if role is None or user.organisation is None:
        return []
    qs = (
        DepartmentMonth.objects.visible_to(user)
        if role == Role.DEPARTMENT_CLERK
        else TownshipMonthTotal.objects.visible_to(user)
    )
    latest = queries.latest_month(qs)
    if latest is None:
        hours, note = "0", "暂无负担记录"
    else:
        this = queries.totals(qs.filter(month=latest))
        hours = f"{this['hours']:.0f}"
        note = f"{latest.year}年{latest.month}月工时，其中非正式渠道 {this['informal']:.0f} 小时"
    if role == Role.TOWNSHIP_CLERK:
        return [
            Panel(
                "本乡镇负担（小时）",
                hours,
                reverse("ledger:township", args=[user.organisation_id]),
                note,
            ),
            Panel(
                "登记负担", "＋", reverse("ledger:event_new"), "文件、会议、电话、工作群……都可登记"
            ),
        ]
    if role == Role.DEPARTMENT_CLERK:
        return [
            Panel(
                "本部门造成的基层负担（小时）",
                hours,
                reverse("ledger:department", args=[user.organisation_id]),
                note,
            )
        ]
    pending = queries.pending_anonymous(user.organisation.county_id or user.organisation.pk)
    return [
        Panel("全县基层负担（小时）", hours, reverse("ledger:dashboard"), note),
        Panel(
            "待核实匿名反映", str(pending), reverse("ledger:anonymous"), "匿名渠道不记录身份信息"
        ),
    ]
