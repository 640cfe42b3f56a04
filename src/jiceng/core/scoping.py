"""Row scoping in exactly one place (like NetBox's ``.restrict(user)``).

Every domain model uses ``ScopedQuerySet`` and declares:

* ``county_field`` — the path to its county (``"county"`` by default);
* ``scope_fields`` — the paths to the organisations that own or take part in the record
  (e.g. ``("township",)`` for a ledger event, ``("department", "township")`` for a ticket);
* ``public_in_county = True`` for published records every user of the county may read;
* or ``scope_condition(org) -> Q`` (a classmethod) when a party's view depends on the record's
  state.

County-wide roles (county admin, observer) see every record of their own county; a department or
township clerk sees a record only when their organisation is one of its ``scope_fields``. Views,
API routes and exports all go through ``visible_to`` / ``get_visible``: a record outside the
user's scope is simply not found (404), so its existence does not leak.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import models
from django.db.models import Q

from jiceng.errors import NotFoundError

if TYPE_CHECKING:
    from jiceng.core.models import User


class ScopedQuerySet(models.QuerySet):
    def visible_to(self, user: User | Any) -> ScopedQuerySet:
        if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
            return self.none()
        org = user.organisation
        if org is None or user.role_enum is None:
            return self.none()
        county_field = getattr(self.model, "county_field", "county")
        county_id = org.county_id or org.pk
        in_county = self.filter(**{county_field: county_id})
        if user.is_county_wide or getattr(self.model, "public_in_county", False):
            # Published documents (a duty list) are read by everyone in their county.
            return in_county
        scope_fields: tuple[str, ...] = getattr(self.model, "scope_fields", ())
        custom = getattr(self.model, "scope_condition", None)
        if custom is not None:
            # A model whose parties see it only in some states (a township sees a task only once
            # it is released) states that condition itself, still in this one place.
            return in_county.filter(custom(org)).distinct()
        if not scope_fields:
            return self.none()
        condition = Q()
        for field in scope_fields:
            condition |= Q(**{field: org})
        return (
            in_county.filter(condition).distinct()
            if _crosses_relations(scope_fields)
            else in_county.filter(condition)
        )


def _crosses_relations(fields: tuple[str, ...]) -> bool:
    # A many-to-many scope path can match one row several times; plain FKs cannot.
    return any("__" in f for f in fields)


def get_visible(queryset: models.QuerySet | type[models.Model], user: Any, **lookup: Any) -> Any:
    """The one way to fetch a single scoped record by id: not visible means not found."""
    qs = queryset._default_manager.all() if isinstance(queryset, type) else queryset
    try:
        return qs.visible_to(user).get(**lookup)
    except (qs.model.DoesNotExist, ValueError, TypeError):
        raise NotFoundError("未找到该记录，或您无权查看。") from None
