"""CSRF on every write: a POST without the token is refused on every page route and every API
write (signed in with a role the route admits), every POST form in the templates carries
``{% csrf_token %}``, and HTMX requests send the token from the page body's ``hx-headers``."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from tests.security import factories
from tests.security.routes import api_operations, pages
from tests.security.test_access_matrix import (
    PAGE_TARGETS,
    POST_FORM,
    PUBLIC_PAGES,
    _api_target,
    _api_url,
    _json,
    _page_url,
    _schema,
    _snapshot,
)

SRC = Path(__file__).resolve().parents[2] / "src" / "jiceng"
FORM_POST = re.compile(r"<form\b[^>]*\bmethod\s*=\s*[\"']?post\b[^>]*>(.*?)</form>", re.I | re.S)
HX_WRITE = re.compile(r"\bhx-(post|put|patch|delete)\s*=", re.I)


def _user_for(world: Any, allowed: frozenset[str] | None) -> Any:
    for role in ("county_admin", "township_clerk", "department_clerk", "observer"):
        if allowed is None or role in allowed:
            return world.user(role, 0, 0)
    return None


@pytest.mark.django_db
def test_every_page_post_without_token_is_refused(world):
    client = Client(enforce_csrf_checks=True)
    checked = []
    for page in pages():
        if page.name in {"favicon.ico", "help_screenshot"}:
            continue
        target = PAGE_TARGETS.get(page.name) if page.params else None
        obj = factories.make(world, target.kind, 0, 0) if target and target.kind else None
        url = _page_url(page, target, obj)
        user = None if page.name in PUBLIC_PAGES else _user_for(world, page.allowed)
        client.logout()
        if user is not None:
            client.force_login(user)
        before = _snapshot(obj)
        response = client.post(url, POST_FORM)
        assert response.status_code == 403, (page.name, url, response.status_code)
        assert _snapshot(obj) == before, f"{url} wrote without a CSRF token"
        checked.append(page.name)
    assert {"login", "ledger:report", "capacity:pulse_answer", "intake:review"} <= set(checked)


@pytest.mark.django_db
def test_every_api_write_without_token_is_refused(world):
    client = Client(enforce_csrf_checks=True)
    writes = [op for op in api_operations(_schema()) if op.method != "GET"]
    assert writes
    for op in writes:
        target = _api_target(op) if op.params else None
        obj = factories.make(world, target.kind, 0, 0) if target and target.kind else None
        url = _api_url(op, obj) if obj is not None else op.path
        client.force_login(_user_for(world, op.allowed))
        before = _snapshot(obj)
        response = client.generic(
            op.method, url, data=_json(op.body), content_type="application/json"
        )
        assert response.status_code == 403, (
            op.method,
            url,
            response.status_code,
            response.content[:200],
        )
        assert _snapshot(obj) == before, f"{op.method} {url} wrote without a CSRF token"


@pytest.mark.django_db
def test_the_token_is_what_lets_a_post_through(world):
    """The refusals above are the CSRF check, not something else: with the token the same
    client's POST reaches the view."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.user("county_admin"))
    page = client.get(reverse("duties:import"))
    token = page.cookies["csrftoken"].value
    without = client.post(reverse("duties:copy_template"))
    with_token = client.post(reverse("duties:copy_template"), HTTP_X_CSRFTOKEN=token)
    assert without.status_code == 403 and with_token.status_code in {200, 302}


INCLUDE = re.compile(r"\{%\s*include\s+[\"']([^\"']+)[\"']")


def _templates() -> list[Path]:
    return sorted(SRC.glob("*/templates/**/*.html"))


def _expanded(text: str, depth: int = 0) -> str:
    """The text with its {% include %}s inlined (the token may sit in an included partial)."""

    def inline(match: re.Match[str]) -> str:
        found = list(SRC.glob(f"*/templates/{match.group(1)}"))
        return (
            _expanded(found[0].read_text("utf-8"), depth + 1)
            if found and depth < 5
            else match.group(0)
        )

    return INCLUDE.sub(inline, text)


def test_every_post_form_in_the_templates_has_a_token():
    templates = _templates()
    assert len(templates) > 20
    missing = []
    forms = 0
    for path in templates:
        for body in FORM_POST.findall(_expanded(path.read_text("utf-8"))):
            forms += 1
            if "{% csrf_token %}" not in body:
                missing.append(str(path.relative_to(SRC)))
    assert forms > 10
    assert not missing, f"POST forms without {{% csrf_token %}}: {missing}"


def test_htmx_writes_send_the_token():
    base = (SRC / "web" / "templates" / "web" / "base.html").read_text("utf-8")
    assert re.search(r"<body[^>]*hx-headers='\{\"X-CSRFToken\": \"\{\{ csrf_token \}\}\"\}'", base)
    # An HTMX write is only safe inside a page that extends the base (partials are swapped into
    # such a page); a standalone page with hx-post would send no token.
    for path in _templates():
        text = path.read_text("utf-8")
        if HX_WRITE.search(text) and "<html" in text:
            assert path.name == "base.html", f"{path}: standalone page with an HTMX write"
