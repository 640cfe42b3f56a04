"""Home-page panels of the coordination part."""

from __future__ import annotations

from django.urls import reverse

from jiceng.coordination.models import Ticket
from jiceng.core.models import User
from jiceng.core.roles import Role
from jiceng.web.home_panels import Panel


def panels(user: User) -> list[Panel]:
    tickets = Ticket.objects.visible_to(user)
    url = reverse("coordination:list")
    role = user.role_enum
    if role in (Role.COUNTY_ADMIN, Role.OBSERVER):
        pending = tickets.filter(status=Ticket.Status.PENDING).count()
        escalated = tickets.filter(escalated=True, status__in=Ticket.OPEN_STATUSES).count()
        returns = tickets.filter(return_pending=True).count()
        return [
            Panel(
                "待派单的协同事项",
                str(pending),
                url + "?status=pending",
                f"逾期督办 {escalated} 件，退回待裁定 {returns} 件",
            )
        ]
    if role == Role.DEPARTMENT_CLERK:
        waiting = tickets.filter(
            owner=user.organisation, status__in=(Ticket.Status.DISPATCHED, Ticket.Status.ACCEPTED)
        ).count()
        return [Panel("本部门待办协同事项", str(waiting), url, "含牵头和配合事项，注意时限")]
    if role == Role.TOWNSHIP_CLERK:
        to_confirm = tickets.filter(
            township=user.organisation, status=Ticket.Status.RESOLVED
        ).count()
        return [Panel("本乡镇的协同事项", str(tickets.count()), url, f"待确认评价 {to_confirm} 件")]
    return []
