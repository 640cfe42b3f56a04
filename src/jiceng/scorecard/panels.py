"""Home-page panel of the scorecard. The figures are cached for a few minutes: the home page
must stay fast, and a scorecard read a few minutes late is still right for a panel."""

from __future__ import annotations

from django.core.cache import cache
from django.urls import reverse

from jiceng.core.models import User
from jiceng.core.roles import Role
from jiceng.scorecard import queries
from jiceng.scorecard.facts import label
from jiceng.web.home_panels import Panel

CACHE_SECONDS = 300


def panels(user: User) -> list[Panel]:
    if user.role_enum not in (Role.COUNTY_ADMIN, Role.OBSERVER, Role.TOWNSHIP_CLERK):
        return []
    month = queries.parse_month(None)
    key = (
        f"scorecard:panel:{user.county_id_value}:{user.role}:{user.organisation_id}:{label(month)}"
    )
    figures = cache.get(key)
    if figures is None:
        card = queries.for_user(user, month, history=1)
        pony = [r.score.township for r in card.rows if r.quadrant and r.quadrant[0] == "heavy_weak"]
        red = sum(r.red_flags for r in card.rows)
        own = card.rows[0].score.index if len(card.rows) == 1 else None
        figures = {"pony": pony, "red": red, "own": own}
        cache.set(key, figures, CACHE_SECONDS)
    url = reverse("scorecard:county")
    if user.role_enum == Role.TOWNSHIP_CLERK:
        own = figures["own"]
        return [
            Panel(
                f"本乡镇统筹指数（{label(month)}）",
                "—" if own is None else f"{own:.1f}",
                url,
                f"失衡预警 {figures['red']} 项",
            )
        ]
    return [
        Panel(
            f"“小马拉大车”乡镇（{label(month)}）",
            str(len(figures["pony"])),
            url,
            ("、".join(figures["pony"][:3]) or "本月没有") + f"；失衡预警 {figures['red']} 项",
        ),
    ]
