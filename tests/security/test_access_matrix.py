"""The access matrix: every route (walked from the URL configuration and /api/openapi.json) ×
every role and anonymous × the user's own record, a sibling organisation's and the other
county's.

* anonymous → the login page (pages) or 401 (API);
* a role the view does not declare in ``allowed_roles`` → 403;
* an allowed role and a record outside its scope → 404, the same answer as a missing record;
* an allowed role and its own record → the page or JSON;
* every denied POST changes nothing in the database.

A new route is covered automatically: a route with path parameters missing from the registries
below, a view without ``allowed_roles`` that is not listed as public, or an API operation
without ``require_roles`` that is not listed as open to every signed-in role fails the test.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest
from django.db import connection
from django.test import Client

from tests.security import factories
from tests.security.routes import (
    CLERKS,
    ROLES,
    ApiOp,
    Page,
    api_operations,
    api_resolver_names,
    pages,
)

pytestmark = pytest.mark.django_db

ADMIN, OBSERVER, DEPT, TOWN = "county_admin", "observer", "department_clerk", "township_clerk"

# Reached without signing in, on purpose (each is safe for a stranger).
PUBLIC_PAGES = {
    "login",
    "logout",
    "favicon.ico",
    "ledger:report",  # the anonymous burden report: stores no identity by design
    "capacity:pulse_answer",  # the anonymous pulse survey, gated by a one-time code
    "help",  # the user guide (its anonymous-channel chapter is for everyone)
    "help_screenshot",  # the guide's screenshots, names checked against a strict pattern
}
PUBLIC_API_NAMES = {"api:openapi-json", "api:openapi-view", "api:api-root"}

# API reads open to every signed-in role: the rows are scoped by visible_to, so the role itself
# needs no gate. Listing them here is the decision; a new ungated operation fails the test.
OPEN_API = {
    ("GET", "/api/me"),
    ("GET", "/api/organisations"),
    ("GET", "/api/duties/lists"),
    ("GET", "/api/duties/lists/{list_id}/items"),
    ("GET", "/api/intake/tasks"),
    ("GET", "/api/intake/tasks/{task_id}"),
    ("GET", "/api/ledger/events"),
    ("GET", "/api/ledger/events/{event_id}"),
    ("GET", "/api/ledger/monthly"),
    ("GET", "/api/ledger/alerts"),
    ("GET", "/api/forms/forms"),
    ("GET", "/api/forms/forms/{form_id}"),
    ("GET", "/api/forms/forms/{form_id}/report"),
    ("GET", "/api/forms/elements"),
    ("GET", "/api/forms/measures"),
    ("GET", "/api/coordination/tickets"),
    ("GET", "/api/coordination/tickets/{ticket_id}"),
    ("GET", "/api/coordination/measures/departments"),
    ("GET", "/api/capacity/posts"),
    ("GET", "/api/capacity/secondments"),
    ("GET", "/api/capacity/secondments/{item_id}"),
    ("GET", "/api/capacity/powers"),
    ("GET", "/api/capacity/powers/{power_id}"),
    ("GET", "/api/procurement/catalogue"),
    ("GET", "/api/procurement/requests"),
    ("GET", "/api/procurement/requests/{request_id}"),
    ("GET", "/api/procurement/contracts"),
    ("GET", "/api/procurement/contracts/{contract_id}"),
}


@dataclass(frozen=True)
class Target:
    """What a route's path parameters name."""

    kind: str | None  # factory kind of the record in the path (None: no record)
    extra: dict[str, Any] = field(default_factory=dict)  # fixed non-record parameters
    # Roles for which record (0, 0) is their own (the others never see such a record).
    parties: frozenset[str] = frozenset(ROLES)
    # Clerk roles that may read a sibling organisation's record (published in the county).
    sibling_visible: frozenset[str] = frozenset()
    # Roles the view lets in but whose service refuses the action itself (403 from the service).
    refused: frozenset[str] = frozenset()
    query: dict[str, Any] = field(default_factory=dict)  # query string the page needs


COUNTY_ONLY = frozenset({ADMIN, OBSERVER})
TOWNSHIP_SIDE = frozenset({ADMIN, OBSERVER, TOWN})
DEPARTMENT_SIDE = frozenset({ADMIN, OBSERVER, DEPT})

PAGE_TARGETS: dict[str, Target] = {
    "duties:detail": Target("duty_list", sibling_visible=CLERKS),
    "duties:diff": Target("duty_list", sibling_visible=CLERKS, query={"from": 1, "to": 1}),
    "intake:detail": Target("task"),
    "intake:review": Target("task"),
    "intake:request_approval": Target("task"),
    "intake:decide_approval": Target("task"),
    "ledger:township": Target("township", parties=TOWNSHIP_SIDE),
    "ledger:department": Target("department", parties=DEPARTMENT_SIDE),
    "ledger:event": Target("event"),
    "ledger:group_update": Target("work_group"),
    "ledger:signboard_remove": Target("signboard"),
    "ledger:anonymous_review": Target("anonymous", parties=COUNTY_ONLY),
    "forms:detail": Target("form", sibling_visible=frozenset({TOWN})),
    # Reports carry personal data: only the sending department and the filling township.
    "forms:report": Target("form", sibling_visible=frozenset({TOWN}), refused=COUNTY_ONLY),
    "forms:element_action": Target("element", {"action": "accept"}),
    "forms:record_new": Target(None, {"kind": "person"}),
    "forms:record_import": Target(None, {"kind": "person"}),
    "forms:record_edit": Target("base_record", parties=frozenset({TOWN})),
    "forms:record_delete": Target("base_record", parties=frozenset({TOWN})),
    "coordination:attachment": Target("attachment"),
    "coordination:detail": Target("ticket"),
    "coordination:act": Target("ticket", {"action": "accept"}),
    "capacity:power": Target("power"),
    "capacity:survey": Target("survey", sibling_visible=CLERKS),
    "procurement:request": Target("purchase_request", parties=TOWNSHIP_SIDE),
    "procurement:decide": Target("purchase_request", parties=TOWNSHIP_SIDE),
    "procurement:contract": Target("contract", parties=TOWNSHIP_SIDE),
    "scorecard:township": Target("township", parties=TOWNSHIP_SIDE),
    "scorecard:job": Target("report_job", parties=COUNTY_ONLY),
    "scorecard:job_status": Target("report_job", parties=COUNTY_ONLY),
    "scorecard:download": Target("report_job", {"kind": "xlsx"}, parties=COUNTY_ONLY),
}

# Keyed by the path up to its parameter; an operation path starting with the key uses it.
API_TARGETS: dict[str, Target] = {
    "/api/duties/lists/{list_id}": Target("duty_list", sibling_visible=CLERKS),
    "/api/intake/tasks/{task_id}": Target("task"),
    "/api/ledger/events/{event_id}": Target("event"),
    "/api/forms/forms/{form_id}/report": Target(
        "form", sibling_visible=frozenset({TOWN}), refused=COUNTY_ONLY
    ),
    "/api/forms/forms/{form_id}": Target("form", sibling_visible=frozenset({TOWN})),
    "/api/forms/elements/{element_id}": Target("element"),
    "/api/forms/records/{record_id}": Target("base_record", parties=frozenset({TOWN})),
    "/api/coordination/tickets/{ticket_id}": Target("ticket"),
    "/api/capacity/secondments/{item_id}": Target("secondment"),
    "/api/capacity/powers/{power_id}": Target("power"),
    "/api/capacity/surveys/{survey_id}": Target("survey", sibling_visible=CLERKS),
    "/api/procurement/requests/{request_id}": Target("purchase_request", parties=TOWNSHIP_SIDE),
    "/api/procurement/contracts/{contract_id}": Target("contract", parties=TOWNSHIP_SIDE),
    "/api/scorecard/townships/{pk}": Target("township", parties=TOWNSHIP_SIDE),
    "/api/scorecard/reports/{pk}": Target("report_job", parties=COUNTY_ONLY),
}

VARIANTS = {"own": (0, 0), "sibling": (0, 1), "other": (1, 0)}
PAGE_OK = {200, 302, 405}  # 405: a POST-only action opened with GET by a role that may use it
POST_FORM = {"decision": "admit", "reason": "测试", "note": "测试", "accept": "1", "grant": "1"}


def _schema() -> dict[str, Any]:
    from jiceng.api.router import api

    return api.get_openapi_schema()


def _api_target(op: ApiOp) -> Target | None:
    for prefix, target in API_TARGETS.items():
        if op.path.startswith(prefix):
            return target
    return None


def _page_groups() -> list[str]:
    return sorted({p.name.split(":")[0] if ":" in p.name else "" for p in pages()})


def _api_groups() -> list[str]:
    return sorted({op.path.split("/")[2] for op in api_operations(_schema())})


# --- the registries are complete ------------------------------------------------------------


def test_every_page_declares_roles_or_is_listed_public():
    found = {p.name: p for p in pages()}
    problems = [
        f"{p.name} ({p.route}) has no allowed_roles"
        for p in found.values()
        if p.allowed is None and p.name not in PUBLIC_PAGES
    ]
    problems += [
        f"{name} is listed public but no longer routed" for name in PUBLIC_PAGES - set(found)
    ]
    problems += [
        f"public {name} also declares roles"
        for name in PUBLIC_PAGES & set(found)
        if found[name].allowed
    ]
    assert not problems, "\n".join(problems)


def test_every_parameterised_route_has_an_object_factory():
    routed = {p.name for p in pages() if p.params and p.name not in PUBLIC_PAGES}
    problems = [
        f"page {n}: add a Target to PAGE_TARGETS" for n in sorted(routed - set(PAGE_TARGETS))
    ]
    problems += [
        f"PAGE_TARGETS {n} is not routed any more" for n in sorted(set(PAGE_TARGETS) - routed)
    ]
    ops = api_operations(_schema())
    problems += [
        f"API {op.method} {op.path}: add a Target to API_TARGETS"
        for op in ops
        if op.params and _api_target(op) is None
    ]
    problems += [
        f"API_TARGETS {k} matches no operation"
        for k in API_TARGETS
        if not any(op.path.startswith(k) for op in ops)
    ]
    for target in [*PAGE_TARGETS.values(), *API_TARGETS.values()]:
        assert target.kind is None or target.kind in factories.FACTORIES
    assert not problems, "\n".join(problems)


def test_every_api_operation_declares_roles_or_is_listed_open():
    ops = api_operations(_schema())
    keys = {(op.method, op.path) for op in ops}
    problems = [
        f"{op.method} {op.path} has no require_roles"
        for op in ops
        if op.allowed is None and (op.method, op.path) not in OPEN_API
    ]
    problems += [f"OPEN_API {k} is not an operation any more" for k in OPEN_API - keys]
    problems += [
        f"OPEN_API {op.method} {op.path} declares roles: drop it from OPEN_API"
        for op in ops
        if op.allowed and (op.method, op.path) in OPEN_API
    ]
    # The ninja routes in the URL configuration are exactly the schema's operations and the docs.
    unlisted = {n for n in api_resolver_names() if n not in PUBLIC_API_NAMES}
    names = {f"api:{getattr(op.view_func, '__name__', '')}" for op in _ninja_ops()}
    problems += [f"{n} is routed but not an operation in the schema" for n in unlisted - names]
    assert not problems, "\n".join(problems)


def _ninja_ops() -> list[Any]:
    from jiceng.api.router import api

    return [
        op for _, r in api._routers for pv in r.path_operations.values() for op in pv.operations
    ]


# --- the matrix ------------------------------------------------------------------------------


class Recorder:
    def __init__(self, world: Any) -> None:
        self.world = world
        self.problems: list[str] = []
        self.checked = 0

    def check(self, ok: bool, message: str) -> None:
        self.checked += 1
        if not ok:
            self.problems.append(message)


def _tables() -> list[str]:
    return sorted(t for t in connection.introspection.table_names() if t != "django_session")


def _snapshot(obj: Any) -> tuple[Any, ...]:
    qn = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(f"(SELECT COUNT(*) FROM {qn(t)})" for t in _tables()))
        counts = tuple(cursor.fetchone())
    row = type(obj)._default_manager.filter(pk=obj.pk).values().first() if obj is not None else None
    return counts, repr(row)


def _users(world: Any) -> dict[str, Any]:
    return {role: world.user(role, 0, 0) for role in ROLES}


def _expected_denial(
    allowed: frozenset[str], role: str, variant: str, target: Target | None
) -> int | None:
    """403 / 404 when the request must be refused, None when it must succeed."""
    if role not in allowed:
        return 403
    if target is None or target.kind is None:
        return None
    if variant != "other" and role in target.refused:
        return 403
    if variant == "other" or role not in target.parties:
        return 404
    if variant == "sibling" and role in CLERKS and role not in target.sibling_visible:
        return 404
    return None


def _page_url(page: Page, target: Target | None, obj: Any) -> str:
    from django.urls import reverse

    kwargs = dict(target.extra) if target else {}
    for name in page.params:
        if name not in kwargs:
            kwargs[name] = obj.pk
    url = reverse(page.name, kwargs=kwargs) if ":" in page.name or kwargs else "/" + page.route
    return url + ("?" + _qs(target.query) if target and target.query else "")


def _cases(allowed: frozenset[str], variants: list[tuple[str, Any]]) -> list[tuple[str, str, Any]]:
    """The (role, variant, record) requests worth making: a role refused by the gate is refused
    whatever the record, and a county-wide role sees a sibling's record like its own."""
    cases = []
    for role in ROLES:
        for index, (variant, obj) in enumerate(variants):
            if role not in allowed and index > 0:
                continue
            if variant == "sibling" and role not in CLERKS:
                continue
            cases.append((role, variant, obj))
    return cases


def _variants(world: Any, target: Target | None) -> list[tuple[str, Any]]:
    if target is None or target.kind is None:
        return [("none", None)]
    return [(v, factories.make(world, target.kind, c, i)) for v, (c, i) in VARIANTS.items()]


def _run_pages(world: Any, group: str) -> Recorder:
    rec = Recorder(world)
    client = Client()
    users = _users(world)
    for page in pages():
        if (
            page.name in PUBLIC_PAGES
            or (page.name.split(":")[0] if ":" in page.name else "") != group
        ):
            continue
        if page.allowed is None:
            rec.check(False, f"{page.name}: no allowed_roles")
            continue
        target = PAGE_TARGETS.get(page.name) if page.params else None
        variants = _variants(world, target)
        url = _page_url(page, target, variants[0][1])
        client.logout()
        before = _snapshot(variants[0][1])
        get = client.get(url)
        post = client.post(url, POST_FORM)
        rec.check(
            get.status_code == 302 and get["Location"].startswith("/login/"),
            f"anonymous GET {url} ({page.name}): {get.status_code}",
        )
        rec.check(
            post.status_code == 302 and post["Location"].startswith("/login/"),
            f"anonymous POST {url} ({page.name}): {post.status_code}",
        )
        rec.check(_snapshot(variants[0][1]) == before, f"anonymous POST {url} changed the database")
        for role, variant, obj in _cases(page.allowed, variants):
            url = _page_url(page, target, obj)
            client.force_login(users[role])
            denial = _expected_denial(page.allowed, role, variant, target)
            get = client.get(url)
            if denial is None:
                rec.check(
                    get.status_code in PAGE_OK,
                    f"{role} GET {url} ({page.name}, {variant}): {get.status_code}, expected success",
                )
                continue
            rec.check(
                get.status_code == denial or (denial == 404 and get.status_code == 405),
                f"{role} GET {url} ({page.name}, {variant}): {get.status_code}, expected {denial}",
            )
            before = _snapshot(obj)
            post = client.post(url, POST_FORM)
            rec.check(
                post.status_code == denial or (denial == 404 and post.status_code == 405),
                f"{role} POST {url} ({page.name}, {variant}): {post.status_code}, expected {denial}",
            )
            rec.check(
                _snapshot(obj) == before,
                f"{role} POST {url} ({page.name}, {variant}) changed the database",
            )
    return rec


def _run_api(world: Any, group: str) -> Recorder:
    rec = Recorder(world)
    client = Client()
    users = _users(world)
    for op in api_operations(_schema()):
        if op.path.split("/")[2] != group:
            continue
        allowed = (
            op.allowed
            if op.allowed is not None
            else (frozenset(ROLES) if (op.method, op.path) in OPEN_API else None)
        )
        if allowed is None:
            rec.check(False, f"{op.method} {op.path}: no require_roles and not in OPEN_API")
            continue
        target = _api_target(op) if op.params else None
        variants = _variants(world, target)

        client.logout()
        before = _snapshot(variants[0][1])
        response = _api_call(client, op, _api_url(op, variants[0][1]))
        rec.check(
            response.status_code == 401, f"anonymous {op.method} {op.path}: {response.status_code}"
        )
        rec.check(
            _snapshot(variants[0][1]) == before,
            f"anonymous {op.method} {op.path} changed the database",
        )
        for role, variant, obj in _cases(allowed, variants):
            denial = _expected_denial(allowed, role, variant, target)
            if denial is None and op.method != "GET":
                continue  # allowed writes are the parts' own tests
            url = _api_url(op, obj)
            client.force_login(users[role])
            before = _snapshot(obj)
            response = _api_call(client, op, url)
            if denial is None:
                rec.check(
                    response.status_code == 200,
                    f"{role} GET {url} ({variant}): {response.status_code}, expected 200",
                )
                continue
            rec.check(
                response.status_code == denial,
                f"{role} {op.method} {url} ({variant}): {response.status_code} {response.content[:120]!r}, expected {denial}",
            )
            rec.check(
                _snapshot(obj) == before,
                f"{role} {op.method} {url} ({variant}) changed the database",
            )
    return rec


def _api_url(op: ApiOp, obj: Any) -> str:
    url = op.path
    for name in op.params:
        url = url.replace("{" + name + "}", str(obj.pk))
    return url


def _api_call(client: Client, op: ApiOp, url: str) -> Any:
    if op.method == "GET":
        return client.get(url, op.query)
    return client.generic(
        op.method,
        url,
        data=_json(op.body),
        content_type="application/json",
        QUERY_STRING=_qs(op.query),
    )


def _json(body: Any) -> str:
    import json

    return json.dumps(body if body is not None else {})


def _qs(query: dict[str, Any]) -> str:
    from urllib.parse import urlencode

    return urlencode(query)


@pytest.mark.parametrize("group", _page_groups())
def test_page_access_matrix(world, group):
    rec = _run_pages(world, group)
    assert rec.checked > 0
    assert not rec.problems, f"{len(rec.problems)} access problems:\n" + "\n".join(rec.problems)


@pytest.mark.parametrize("group", _api_groups())
def test_api_access_matrix(world, group):
    rec = _run_api(world, group)
    assert rec.checked > 0
    assert not rec.problems, f"{len(rec.problems)} access problems:\n" + "\n".join(rec.problems)


# --- the matrix can fail -------------------------------------------------------------------------


def test_matrix_reports_a_scoping_hole(world, monkeypatch):
    """Were every clerk to read the whole county, the matrix would say so."""
    from jiceng.core.scoping import ScopedQuerySet

    original = ScopedQuerySet.visible_to

    def county_wide(self: Any, user: Any) -> Any:
        qs = original(self, user)
        org = getattr(user, "organisation", None)
        return (
            self.filter(county=org.county_id or org.pk)
            if org is not None and hasattr(self.model, "county")
            else qs
        )

    monkeypatch.setattr(ScopedQuerySet, "visible_to", county_wide)
    problems = _run_pages(world, "coordination").problems + _run_api(world, "coordination").problems
    assert any("department_clerk GET /coordination/" in p and "sibling" in p for p in problems)
    assert any(
        "township_clerk GET /api/coordination/tickets/" in p and "sibling" in p for p in problems
    )


def test_matrix_reports_a_missing_role_gate(world, monkeypatch):
    """A view whose gate let every role in while it should not: the observer may POST a review."""
    page = next(p for p in pages() if p.name == "intake:review")
    monkeypatch.setattr(page.callback, "allowed_roles", frozenset(ROLES))
    monkeypatch.setattr("tests.security.test_access_matrix.pages", lambda: [page])
    problems = _run_pages(world, "intake").problems
    # The declared gate now admits the observer, but the view still refuses: the matrix notices
    # the declaration and the behaviour disagree.
    assert any(p.startswith("observer") and "intake:review" in p for p in problems)
