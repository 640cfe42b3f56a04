from datetime import timedelta

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from jiceng.core.models import AuditEntry, User
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def post_login(client, username, password):
    return client.post(reverse("login"), {"username": username, "password": password})


def test_login_success_is_audited_and_lands_on_home(client, world):
    user = world.user("township_clerk")
    response = post_login(client, user.username, PASSWORD)
    assert response.status_code == 302 and response["Location"] == reverse("home")
    entry = AuditEntry.objects.filter(action="login").latest("id")
    assert entry.actor == user and entry.county == world.counties[0]
    assert client.get(reverse("home")).status_code == 200


def test_login_failure_is_audited_with_chinese_message(client, world):
    user = world.user("department_clerk")
    response = post_login(client, user.username, "wrong-password")
    assert response.status_code == 200
    assert "用户名或密码不正确" in response.content.decode()
    entry = AuditEntry.objects.filter(action="login_failed").latest("id")
    assert entry.actor_name == user.username and entry.actor is None


def test_unknown_account_failure_is_audited(client, world):
    post_login(client, "nobody", "x")
    entry = AuditEntry.objects.filter(action="login_failed").latest("id")
    assert entry.actor_name == "nobody" and entry.note == "账号不存在"


@override_settings(LOGIN_MAX_FAILURES=3, LOGIN_LOCKOUT_MINUTES=15)
def test_lockout_after_repeated_failures_refuses_the_right_password(client, world):
    user = world.user("township_clerk")
    for _ in range(3):
        post_login(client, user.username, "wrong")
    user.refresh_from_db()
    assert user.is_locked()
    response = post_login(client, user.username, PASSWORD)
    assert response.status_code == 200
    assert "锁定" in response.content.decode()
    assert AuditEntry.objects.filter(action="locked", object_id=str(user.pk)).exists()


@override_settings(LOGIN_MAX_FAILURES=3)
def test_lock_expires_and_success_resets_the_counter(client, world):
    user = world.user("township_clerk")
    for _ in range(3):
        post_login(client, user.username, "wrong")
    User.objects.filter(pk=user.pk).update(locked_until=timezone.now() - timedelta(seconds=1))
    response = post_login(client, user.username, PASSWORD)
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.failed_logins == 0 and user.locked_until is None


@override_settings(LOGIN_MAX_FAILURES=3)
def test_failures_below_the_limit_do_not_lock(client, world):
    user = world.user("township_clerk")
    for _ in range(2):
        post_login(client, user.username, "wrong")
    assert post_login(client, user.username, PASSWORD).status_code == 302


def test_passwords_are_hashed_with_argon2(settings, world):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]
    user = world.user("observer")
    user.set_password("Another-Passw0rd!")
    user.save()
    assert user.password.startswith("argon2")
    assert user.check_password("Another-Passw0rd!")


@pytest.mark.parametrize(
    "weak", ["short1A!", "alllowercaseletters", "12345678901234", "password1234"]
)
def test_password_rules_reject_weak_passwords(weak):
    with pytest.raises(ValidationError):
        validate_password(weak)


def test_password_rules_accept_a_strong_password():
    validate_password("Zhen-Xiang-2026")


def test_sessions_expire(settings):
    from django.conf import settings as conf

    assert conf.SESSION_COOKIE_AGE <= 30 * 60
    assert conf.SESSION_EXPIRE_AT_BROWSER_CLOSE and conf.SESSION_SAVE_EVERY_REQUEST


def test_expired_session_goes_back_to_login(client, world):
    from django.contrib.sessions.models import Session

    user = world.user("observer")
    post_login(client, user.username, PASSWORD)
    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))
    response = client.get(reverse("home"))
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_logout_requires_post_and_is_audited(client, world):
    user = world.user("observer")
    post_login(client, user.username, PASSWORD)
    client.post(reverse("logout"))
    assert AuditEntry.objects.filter(action="logout", actor=user).exists()
    assert client.get(reverse("home")).status_code == 302
