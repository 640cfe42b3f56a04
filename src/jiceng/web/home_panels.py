"""The home page is a set of panels; each part's ``panels.py`` contributes ``panels(user)``.

A provider is ``panels(user) -> list[Panel]``; it runs only the queries its panels need, scoped
to the user like every other read.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from django.urls import reverse

from jiceng.core.models import AuditEntry, Organisation, User
from jiceng.core.roles import Role
from jiceng.parts import modules


@dataclass(frozen=True)
class Panel:
    title: str
    value: str
    url: str
    note: str = ""


@cache
def _providers() -> list[Callable[[User], list[Panel]]]:
    return [core_panels, *[module.panels for _, module in modules("panels")]]


def panels_for(user: User) -> list[Panel]:
    panels: list[Panel] = []
    for provider in _providers():
        panels.extend(provider(user))
    return panels


def core_panels(user: User) -> list[Panel]:
    if user.role_enum not in (Role.COUNTY_ADMIN, Role.OBSERVER):
        return []
    county_id = user.county_id_value
    townships = Organisation.objects.filter(
        county_id=county_id, kind=Organisation.Kind.TOWNSHIP
    ).count()
    departments = Organisation.objects.filter(
        county_id=county_id, kind=Organisation.Kind.DEPARTMENT
    ).count()
    panels = [
        Panel(
            "乡镇（街道）",
            str(townships),
            reverse("organisations") if user.role_enum == Role.COUNTY_ADMIN else reverse("home"),
            f"县直部门 {departments} 个",
        ),
    ]
    failures = AuditEntry.objects.visible_to(user).filter(action="login_failed").count()
    panels.append(
        Panel(
            "审计日志",
            str(AuditEntry.objects.visible_to(user).count()),
            reverse("audit"),
            f"其中登录失败 {failures} 次",
        )
    )
    return panels
