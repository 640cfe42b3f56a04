"""Real-browser end-to-end fixtures: one seeded demo county, one live server, one Chromium.

The demo county is seeded once per test run with ``jiceng demo --no-serve`` (the same command a
newcomer runs) into a temporary folder; under pytest-xdist the first worker seeds it behind a file
lock and every worker copies it, so each worker's server has its own data to change. The server is
``jiceng serve`` in demo mode (in-process background jobs) on a free loopback port. Chromium is
Debian's ``/usr/bin/chromium`` driven by Playwright; no browser is ever downloaded.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.browser import CHROMIUM, Browsing, launch_browser
from tests.e2e.server import seed_once, serve


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "e2e: real-browser end-to-end test (Chromium + live server)")


def _require_browser() -> None:
    """Skip without a browser on a laptop; in CI a missing browser is a failure, not a skip."""
    if Path(CHROMIUM).exists():
        return
    problem = f"未找到浏览器 {CHROMIUM}（apt-get install chromium fonts-noto-cjk）"
    if os.environ.get("CI"):
        pytest.fail(f"CI 环境必须运行浏览器端到端测试：{problem}")
    pytest.skip(f"跳过浏览器端到端测试：{problem}")


@pytest.fixture(scope="session")
def live_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    _require_browser()
    base = tmp_path_factory.getbasetemp()
    # xdist workers share their parent temp folder: the demo is seeded there once for all.
    shared = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    seeded = seed_once(shared)
    data_dir = base / "e2e-data"
    shutil.copytree(seeded, data_dir)
    with serve(data_dir, log=base / "e2e-server.log") as url:
        yield url


@pytest.fixture(scope="session")
def browsing(live_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browsing]:
    with launch_browser() as browser:
        yield Browsing(browser, live_url, tmp_path_factory.mktemp("e2e-states"))
