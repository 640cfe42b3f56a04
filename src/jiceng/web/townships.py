"""The townships whose figures a user may see on county-wide pages (workload, scorecard…)."""

from __future__ import annotations

from jiceng.core.models import Organisation, User
from jiceng.core.roles import Role


def visible_townships(user: User) -> list[Organisation]:
    """County roles see every township of their county; a township clerk only their own."""
    org = user.organisation
    if org is None or user.role_enum is None:
        return []
    if user.role_enum == Role.TOWNSHIP_CLERK:
        return [org]
    if user.is_county_wide:
        return list(
            Organisation.objects.filter(
                county_id=user.county_id_value, kind=Organisation.Kind.TOWNSHIP
            ).order_by("name")
        )
    return []
