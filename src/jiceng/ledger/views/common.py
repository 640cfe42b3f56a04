"""Role groups and the signed-in user's county, shared by the ledger's pages."""

from __future__ import annotations

from jiceng.core.models import User
from jiceng.core.roles import Role

COUNTY_ROLES = (Role.COUNTY_ADMIN, Role.OBSERVER)
WRITERS = (Role.COUNTY_ADMIN, Role.TOWNSHIP_CLERK)
# Who may write to the work-group and signboard registers (the observer only reads).
REGISTER_WRITERS = (Role.COUNTY_ADMIN, Role.DEPARTMENT_CLERK, Role.TOWNSHIP_CLERK)


def user_county_id(user: User) -> int:
    org = user.organisation
    assert org is not None
    return org.county_id or org.pk
