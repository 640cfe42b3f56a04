"""Login auditing and account lockout, wired to Django's auth signals."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db import transaction
from django.dispatch import receiver
from django.http import HttpRequest
from django.utils import timezone

from jiceng.core.audit import Action, record
from jiceng.core.models import User


def client_ip(request: HttpRequest | None) -> str:
    if request is None:
        return ""
    return str(request.META.get("REMOTE_ADDR", ""))[:45]


@receiver(user_logged_in)
def on_login(sender: Any, request: HttpRequest, user: User, **kwargs: Any) -> None:
    with transaction.atomic():
        User.objects.filter(pk=user.pk).update(failed_logins=0, locked_until=None)
        record(Action.LOGIN, actor=user, ip_address=client_ip(request))


@receiver(user_logged_out)
def on_logout(sender: Any, request: HttpRequest, user: User | None, **kwargs: Any) -> None:
    if user is not None:
        record(Action.LOGOUT, actor=user, ip_address=client_ip(request))


@receiver(user_login_failed)
def on_login_failed(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    username = str(credentials.get("username", ""))[:150]
    with transaction.atomic():
        user = User.objects.select_for_update().filter(username=username).first()
        note = "" if user is not None else "账号不存在"
        if user is not None and not user.is_locked():
            user.failed_logins += 1
            if user.failed_logins >= settings.LOGIN_MAX_FAILURES:
                user.locked_until = timezone.now() + timedelta(
                    minutes=settings.LOGIN_LOCKOUT_MINUTES
                )
                user.failed_logins = 0
                record(
                    Action.LOCKED,
                    actor_name=username,
                    obj=user,
                    note=f"连续 {settings.LOGIN_MAX_FAILURES} 次登录失败，锁定 {settings.LOGIN_LOCKOUT_MINUTES} 分钟",
                    ip_address=client_ip(request),
                    county=user.organisation.county if user.organisation else None,
                )
            User.objects.filter(pk=user.pk).update(
                failed_logins=user.failed_logins, locked_until=user.locked_until
            )
        record(
            Action.LOGIN_FAILED,
            actor_name=username,
            note=note,
            ip_address=client_ip(request),
            county=user.organisation.county if user is not None and user.organisation else None,
        )
