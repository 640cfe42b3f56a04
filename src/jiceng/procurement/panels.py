"""Home-page panels of the procurement part."""

from __future__ import annotations

from django.urls import reverse

from jiceng.core.models import User
from jiceng.core.roles import Role
from jiceng.procurement.models import PurchaseRequest
from jiceng.web.home_panels import Panel


def panels(user: User) -> list[Panel]:
    if user.role_enum not in (Role.COUNTY_ADMIN, Role.OBSERVER, Role.TOWNSHIP_CLERK):
        return []
    qs = PurchaseRequest.objects.visible_to(user)
    pending = qs.filter(status=PurchaseRequest.Status.SUBMITTED).count()
    forbidden = qs.filter(verdict="forbidden").count()
    return [
        Panel(
            "待审核的购买服务申请",
            str(pending),
            reverse("procurement:requests"),
            f"命中负面清单 {forbidden} 项",
        )
    ]
