"""Role checks for API routes (authentication itself is the session auth of the router)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest

from jiceng.core.roles import Role
from jiceng.errors import ForbiddenError


def require_roles(*roles: Role) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    def decorator(func: Callable[..., Any]) -> Callable[..., Any]:
        @wraps(func)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
            role = getattr(request.user, "role_enum", None)
            if role not in roles:
                raise ForbiddenError("您的角色无权调用此接口。")
            return func(request, *args, **kwargs)

        wrapped.allowed_roles = frozenset(roles)  # type: ignore[attr-defined]
        return wrapped

    return decorator
