"""JICENG_CACHE_URL: the app workers of one deployment share one cache (real Redis)."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys

import pytest

from tests.conftest import redis_or_skip

REDIS_URL = os.environ.get("JICENG_CACHE_TEST_URL", "redis://127.0.0.1:6379/7")

SNIPPET = """
import os, sys
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jiceng.web.settings")
import django
django.setup()
from django.conf import settings
from django.core.cache import cache
print(settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1])
if sys.argv[1] == "write":
    cache.set(sys.argv[2], "seen", timeout=60)
print(cache.get(sys.argv[2]))
"""


@pytest.fixture(scope="module")
def redis_url() -> str:
    return redis_or_skip(REDIS_URL)


def worker(tmp_path, *args: str, cache_url: str = "") -> list[str]:
    env = {
        "PATH": os.environ["PATH"],
        "JICENG_DATA_DIR": str(tmp_path),
        **({"JICENG_CACHE_URL": cache_url} if cache_url else {}),
        **({"PYTHONPATH": os.environ["PYTHONPATH"]} if "PYTHONPATH" in os.environ else {}),
    }
    done = subprocess.run(
        [sys.executable, "-c", SNIPPET, *args], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.split()


def test_workers_share_one_cache_when_a_cache_url_is_set(tmp_path, redis_url):
    key = f"test:{secrets.token_hex(8)}"
    assert worker(tmp_path, "write", key, cache_url=redis_url) == ["RedisCache", "seen"]
    assert worker(tmp_path, "read", key, cache_url=redis_url) == ["RedisCache", "seen"]


def test_without_a_cache_url_each_process_has_its_own(tmp_path):
    key = f"test:{secrets.token_hex(8)}"
    assert worker(tmp_path, "write", key) == ["LocMemCache", "seen"]
    assert worker(tmp_path, "read", key) == ["LocMemCache", "None"]
