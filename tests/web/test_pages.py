"""Every page renders in Chinese for every role that may see it, with no external URL."""

import re
from pathlib import Path

import pytest
from django.urls import reverse

from tests.conftest import login

pytestmark = pytest.mark.django_db

EXTERNAL = re.compile(r"""(?:src|href|url)\s*[=(]\s*["']?(?:https?:)?//""", re.I)
PAGES_BY_ROLE = {
    "county_admin": ["home", "duties:list", "duties:import", "audit", "organisations"],
    "observer": ["home", "duties:list", "audit"],
    "department_clerk": ["home", "duties:list"],
    "township_clerk": ["home", "duties:list"],
}


@pytest.mark.parametrize("role", sorted(PAGES_BY_ROLE))
def test_pages_render_for_role_without_external_urls(client, world, role):
    login(client, world.user(role))
    for name in PAGES_BY_ROLE[role]:
        response = client.get(reverse(name))
        assert response.status_code == 200, name
        html = response.content.decode()
        assert 'lang="zh-CN"' in html and "基层赋能减负平台" in html
        assert not EXTERNAL.search(html), f"{name} references an external URL"


def test_navigation_differs_by_role(client, world):
    login(client, world.user("township_clerk"))
    html = client.get(reverse("home")).content.decode()
    assert reverse("audit") not in html
    client.logout()
    login(client, world.user("observer"))
    assert reverse("audit") in client.get(reverse("home")).content.decode()


def test_anonymous_is_sent_to_login(client, world):
    for name in ("home", "audit", "duties:list", "organisations"):
        response = client.get(reverse(name))
        assert response.status_code == 302 and reverse("login") in response["Location"]


def test_login_page_is_chinese_and_offline(client, db):
    html = client.get(reverse("login")).content.decode()
    assert "登录" in html and not EXTERNAL.search(html)


def test_error_pages_are_chinese(client, world):
    login(client, world.user("township_clerk"))
    assert "无权访问" in client.get(reverse("organisations")).content.decode()
    response = client.get("/no-such-page/")
    assert response.status_code == 404 and "未找到" in response.content.decode()


def test_server_error_page_is_chinese_without_trace(client, world, settings):
    from django.test import Client

    settings.DEBUG = False
    broken = Client(raise_request_exception=False)
    login(broken, world.user("county_admin"))
    from unittest import mock

    with mock.patch("jiceng.web.home_panels.panels_for", side_effect=RuntimeError("secret detail")):
        response = broken.get(reverse("home"))
    assert response.status_code == 500
    html = response.content.decode()
    assert "系统错误" in html and "secret detail" not in html and "Traceback" not in html


def test_security_headers(client, db):
    response = client.get(reverse("login"))
    csp = response["Content-Security-Policy"]
    assert (
        "script-src 'self'" in csp
        and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    )
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_templates_and_static_have_no_external_assets_or_inline_scripts():
    root = Path(__file__).resolve().parents[2] / "src" / "jiceng"
    for path in list(root.rglob("templates/**/*.html")):
        text = path.read_text(encoding="utf-8")
        assert not EXTERNAL.search(text), path
        # CSP forbids inline scripts: every <script> either has src or is a JSON data block.
        for tag in re.findall(r"<script\b[^>]*>", text):
            assert "src=" in tag or "application/json" in tag, f"inline script in {path}: {tag}"
        assert not re.search(r"\son[a-z]+\s*=", text), f"inline event handler in {path}"
    css = (root / "web" / "static" / "jiceng" / "css" / "app.css").read_text(encoding="utf-8")
    assert "http" not in css
