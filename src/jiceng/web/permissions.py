"""View guards: anonymous users go to the login page, a role without the right gets 403."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse

from jiceng.core.roles import Role
from jiceng.errors import ForbiddenError

View = Callable[..., HttpResponse]


def roles_required(*roles: Role) -> Callable[[View], View]:
    """Login required, and (if roles are given) one of them."""

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            user = request.user
            if not user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if user.role_enum is None or user.organisation_id is None:  # type: ignore[union-attr]
                raise ForbiddenError("您的账户未分配角色或单位，请联系县级管理员。")
            if roles and user.role_enum not in roles:  # type: ignore[union-attr]
                raise ForbiddenError("您的角色无权访问此页面。")
            return view(request, *args, **kwargs)

        wrapped.allowed_roles = frozenset(roles) if roles else frozenset(Role)  # type: ignore[attr-defined]
        return wrapped

    return decorator


login_required = roles_required()
