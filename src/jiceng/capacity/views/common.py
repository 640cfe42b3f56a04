"""Who may read and write capacity pages, and the signed-in user's county and township."""

from __future__ import annotations

from django.http import HttpRequest

from jiceng.core.models import Organisation, User
from jiceng.core.roles import Role

READERS = (Role.COUNTY_ADMIN, Role.OBSERVER, Role.TOWNSHIP_CLERK)


def acting_user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def user_county(user: User) -> Organisation:
    org = user.organisation
    assert org is not None
    return org if org.kind == Organisation.Kind.COUNTY else org.county


def own_township(user: User) -> Organisation | None:
    return user.organisation if user.role_enum == Role.TOWNSHIP_CLERK else None


def can_write(user: User) -> bool:
    return user.role_enum in (Role.COUNTY_ADMIN, Role.TOWNSHIP_CLERK)
