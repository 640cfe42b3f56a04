"""Authentication: Django's model backend that also refuses locked accounts."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from jiceng.core.models import User


class LockoutBackend(ModelBackend):
    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> Any:
        user = User.objects.filter(username=username).first() if username else None
        if user is not None and user.is_locked():
            # PermissionDenied stops the other backends too; Django still sends user_login_failed.
            raise PermissionDenied("locked")
        return super().authenticate(request, username=username, password=password, **kwargs)


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": "用户名或密码不正确。连续失败多次后账户将被临时锁定。",
        "inactive": "该账户已停用。",
        "locked": "该账户因连续登录失败已被临时锁定，请稍后再试或联系县级管理员。",
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].label = "用户名"
        self.fields["password"].label = "密码"

    def clean(self) -> dict[str, Any]:
        username = self.cleaned_data.get("username")
        try:
            return super().clean()
        except forms.ValidationError:
            user = User.objects.filter(username=username).first() if username else None
            if user is not None and user.is_locked():
                raise forms.ValidationError(self.error_messages["locked"], code="locked") from None
            raise
