"""Home-page panels of the intake part."""

from __future__ import annotations

from django.urls import reverse

from jiceng.core.models import User
from jiceng.core.roles import Role
from jiceng.intake.models import IntakeTask
from jiceng.web.home_panels import Panel


def panels(user: User) -> list[Panel]:
    tasks = IntakeTask.objects.visible_to(user)
    role = user.role_enum
    if role in (Role.COUNTY_ADMIN, Role.OBSERVER):
        pending = tasks.filter(status=IntakeTask.Status.SCREENED).count()
        approvals = tasks.filter(approval=IntakeTask.Approval.REQUESTED).count()
        return [
            Panel(
                "待复核的下派任务",
                str(pending),
                reverse("intake:list") + "?status=screened",
                f"待审批准入申请 {approvals} 项",
            )
        ]
    if role == Role.DEPARTMENT_CLERK:
        returned = tasks.filter(released=False).exclude(status=IntakeTask.Status.SCREENED).count()
        return [
            Panel(
                "本部门提交的任务",
                str(tasks.count()),
                reverse("intake:list"),
                f"被退回 {returned} 项",
            ),
            Panel("提交新任务", "＋", reverse("intake:submit"), "提交后立即给出审查结论"),
        ]
    if role == Role.TOWNSHIP_CLERK:
        return [
            Panel(
                "收到的任务", str(tasks.count()), reverse("intake:inbox"), "只显示经审查准入的任务"
            )
        ]
    return []
