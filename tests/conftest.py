"""Shared fixtures: a small two-county world built through the models, one user per role."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

import pytest

PASSWORD = "Test-Passw0rd!"
# Fixtures that mean a test talks to the database.
DATABASE_FIXTURES = frozenset({"db", "transactional_db", "live_server", "django_db_setup", "world"})


def pytest_collection_modifyitems(config, items):
    """The PostgreSQL run (JICENG_DATABASE_TESTS_ONLY=1) repeats only the tests that use the
    database: pure engines, subprocess CLI runs on their own SQLite file and browser tests do not
    depend on the backend and already ran in the SQLite run."""
    if os.environ.get("JICENG_DATABASE_TESTS_ONLY") != "1":
        return
    selected, deselected = [], []
    for item in items:
        uses_db = item.get_closest_marker("django_db") is not None or bool(
            DATABASE_FIXTURES & set(getattr(item, "fixturenames", ()))
        )
        browser = item.get_closest_marker("e2e") is not None
        (selected if uses_db and not browser else deselected).append(item)
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = selected


@pytest.fixture(autouse=True)
def _fast_hashing(settings):
    # argon2 is the production hasher (tested in tests/core/test_auth.py); MD5 keeps the
    # many per-test logins fast.
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.MD5PasswordHasher",
        "django.contrib.auth.hashers.Argon2PasswordHasher",
    ]


@pytest.fixture(autouse=True)
def _data_dir(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "uploads"


@dataclass
class World:
    """Two counties, each with two departments and two townships, and a user of every role."""

    counties: list = field(default_factory=list)
    departments: list = field(default_factory=list)
    townships: list = field(default_factory=list)
    users: dict = field(default_factory=dict)  # (county index, role, org index) -> user

    def user(self, role: str, county: int = 0, org: int = 0):
        return self.users[(county, role, org)]


def make_user(username: str, role: str, org, password: str = PASSWORD):
    from jiceng.core.models import User

    user = User.objects.create_user(
        username=username, password=password, role=role, organisation=org, full_name=username
    )
    return user


def build_world() -> World:
    from jiceng.core.models import Organisation

    world = World()
    for c in range(2):
        county = Organisation.objects.create(kind="county", name=f"测试{c}县")
        world.counties.append(county)
        world.users[(c, "county_admin", 0)] = make_user(f"admin{c}", "county_admin", county)
        world.users[(c, "observer", 0)] = make_user(f"observer{c}", "observer", county)
        for d in range(2):
            dept = Organisation.objects.create(kind="department", name=f"县第{d}局", parent=county)
            world.departments.append(dept)
            world.users[(c, "department_clerk", d)] = make_user(
                f"dept{c}{d}", "department_clerk", dept
            )
        for t in range(2):
            town = Organisation.objects.create(
                kind="township", name=f"第{t}镇", parent=county, staff_size=40
            )
            Organisation.objects.create(kind="village", name=f"第{t}镇一村", parent=town)
            world.townships.append(town)
            world.users[(c, "township_clerk", t)] = make_user(f"town{c}{t}", "township_clerk", town)
    return world


@pytest.fixture
def world(db) -> World:
    return build_world()


def login(client, user) -> None:
    assert client.login(username=user.username, password=PASSWORD)


@pytest.fixture
def require_postgres() -> bool:
    return os.environ.get("JICENG_REQUIRE_POSTGRES", "") == "1"


def redis_or_skip(url: str) -> str:
    """``url`` when a Redis server answers there; otherwise skip, or fail under
    JICENG_REQUIRE_REDIS=1 (CI), where a missing service is an error, not a reason to skip."""
    import redis

    try:
        redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except Exception as exc:
        if os.environ.get("JICENG_REQUIRE_REDIS") == "1":
            pytest.fail(f"Redis not reachable at {url}: {exc}")
        pytest.skip(f"Redis not reachable at {url}")
    return url
