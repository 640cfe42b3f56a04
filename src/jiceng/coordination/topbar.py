"""The coordination part's item in the top bar: the notification bell with its unread count."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

TEMPLATE = "coordination/bell.html"


def context(request: HttpRequest) -> dict[str, Any]:
    from jiceng.coordination.queries import unread_count

    return {"unread": unread_count(request.user)}
