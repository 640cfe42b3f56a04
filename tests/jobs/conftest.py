"""Tests of the real task queue: a Celery worker subprocess against the Redis broker, sharing a
file-based SQLite database with the test. Marked ``worker``; they run in ``make test``. Without a
reachable Redis they are skipped, unless JICENG_REQUIRE_REDIS=1 (CI), which makes that a failure.
"""

from __future__ import annotations

import os

import pytest

from tests.conftest import redis_or_skip


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "worker: runs a real Celery worker against the Redis broker")


@pytest.fixture(autouse=True)
def _fast_hashing() -> None:
    return None


@pytest.fixture(autouse=True)
def _data_dir() -> None:
    return None


def redis_url() -> str:
    return os.environ.get("JICENG_BROKER_URL", "redis://127.0.0.1:6379/0")


@pytest.fixture(scope="session")
def broker() -> str:
    return redis_or_skip(redis_url())
