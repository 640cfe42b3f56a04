"""Home-page panels of the capacity part."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from jiceng.capacity import queries
from jiceng.capacity.models import DelegatedPower
from jiceng.core.models import User
from jiceng.core.roles import Role
from jiceng.web.home_panels import Panel


def panels(user: User) -> list[Panel]:
    if user.role_enum not in (Role.COUNTY_ADMIN, Role.OBSERVER, Role.TOWNSHIP_CLERK):
        return []
    rows = queries.county_workload(user, timezone.localdate())
    heavy = [t.name for t, r in rows if r.highlighted]
    hidden = DelegatedPower.objects.visible_to(user).filter(hidden_burden=True).count()
    if user.role_enum == Role.TOWNSHIP_CLERK:
        ratio = rows[0][1] if rows else None
        value = f"{ratio.ratio:.0%}" if ratio is not None and ratio.ratio is not None else "—"
        note = ratio.level_label if ratio is not None else ""
        return [
            Panel(
                "本月工作负荷占用比",
                value,
                reverse("capacity:dashboard"),
                f"{note}；赋权未配套 {hidden} 项",
            )
        ]
    return [
        Panel(
            "负荷偏重的乡镇（街道）",
            str(len(heavy)),
            reverse("capacity:dashboard"),
            "、".join(heavy[:3]) or "本月没有",
        ),
        Panel(
            "赋权未配套（隐性负担）",
            str(hidden),
            reverse("capacity:powers"),
            "人员、经费或培训未随权下沉",
        ),
    ]
