"""The navigation bar per role, as data. Each part adds its entries here."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse

from jiceng.core.roles import Role
from jiceng.parts import modules

ALL = frozenset(Role)
COUNTY = frozenset({Role.COUNTY_ADMIN, Role.OBSERVER})


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    roles: frozenset[Role]
    chapter: str = ""  # the user-guide chapter for this page


NAV_ITEMS: tuple[NavItem, ...] = (
    NavItem("首页", "home", ALL),
    NavItem("履职事项清单", "duties:list", ALL),
    NavItem(
        "事项准入",
        "intake:list",
        frozenset({Role.COUNTY_ADMIN, Role.DEPARTMENT_CLERK, Role.OBSERVER}),
    ),
    NavItem("收到的任务", "intake:inbox", frozenset({Role.TOWNSHIP_CLERK})),
    NavItem("负担台账", "ledger:dashboard", ALL - {Role.DEPARTMENT_CLERK}),
    NavItem("本部门造成的基层负担", "ledger:dashboard", frozenset({Role.DEPARTMENT_CLERK})),
    NavItem("一表通", "forms:list", ALL),
    NavItem("协同联动", "coordination:list", ALL),
    NavItem("要素保障", "capacity:dashboard", ALL - {Role.DEPARTMENT_CLERK}),
    NavItem("购买服务", "procurement:dashboard", ALL - {Role.DEPARTMENT_CLERK}),
    NavItem("统筹评估", "scorecard:county", COUNTY | {Role.TOWNSHIP_CLERK}),
    NavItem("审计日志", "audit", COUNTY),
    NavItem("组织与用户", "organisations", frozenset({Role.COUNTY_ADMIN})),
)


def nav_for(role: Role | None) -> list[dict[str, str]]:
    items = []
    for item in NAV_ITEMS:
        if role is None or role not in item.roles:
            continue
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:
            continue  # the part is not installed in this build
        items.append({"label": item.label, "url": url, "name": item.url_name})
    return items


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": [], "topbar_items": []}
    # A part's ``topbar.py`` (TEMPLATE + context(request)) adds an item beside the user box.
    topbar = [
        {"template": module.TEMPLATE, "data": module.context(request)}
        for _, module in modules("topbar")
    ]
    return {"nav_items": nav_for(user.role_enum), "topbar_items": topbar}
