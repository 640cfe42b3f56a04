"""Real-browser end-to-end fixtures: one seeded demo county, one live server, one Chromium.

The demo county is seeded once per test run with ``jiceng demo --no-serve`` (the same command a
newcomer runs) into a temporary folder; under pytest-xdist the first worker seeds it behind a file
lock and every worker copies it, so each worker's server has its own data to change. The server is
``jiceng serve`` in demo mode (in-process background jobs) on a free loopback port. Chromium is
Debian's ``/usr/bin/chromium`` driven by Playwright; no browser is ever downloaded.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.browser import CHROMIUM, DEMO_PASSWORD, Browsing, launch_browser

REPO = Path(__file__).resolve().parents[2]
JICENG = Path(sys.executable).with_name("jiceng")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "e2e: real-browser end-to-end test (Chromium + live server)")


def _require_browser() -> None:
    """Skip without a browser on a laptop; in CI a missing browser is a failure, not a skip."""
    problem = ""
    if not Path(CHROMIUM).exists():
        problem = f"未找到浏览器 {CHROMIUM}（apt-get install chromium fonts-noto-cjk）"
    else:
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError:
            problem = "未安装 playwright（pip install playwright==1.65.2）"
    if not problem:
        return
    if os.environ.get("CI"):
        pytest.fail(f"CI 环境必须运行浏览器端到端测试：{problem}")
    pytest.skip(f"跳过浏览器端到端测试：{problem}")


def _server_env(data_dir: Path) -> dict[str, str]:
    env = dict(os.environ)
    # The browser tests always run on their own SQLite file, whatever database the rest of the
    # suite uses: the pages and the engines are the same on PostgreSQL (covered by the Django
    # tests), and a private file lets every xdist worker change its data freely.
    for key in ("DATABASE_URL", "JICENG_PRODUCTION", "JICENG_DEBUG", "DJANGO_SETTINGS_MODULE"):
        env.pop(key, None)
    env.update(JICENG_DATA_DIR=str(data_dir), JICENG_DEMO="1", PYTHONUNBUFFERED="1")
    env.setdefault("JICENG_SESSION_SECONDS", str(4 * 3600))
    return env


def _seed_once(root: Path) -> Path:
    """Seed the demo county once for all workers of this run; return its data folder."""
    seeded = root / "e2e-seed"
    with (root / "e2e-seed.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (seeded / "done").exists():
            shutil.rmtree(seeded, ignore_errors=True)
            seeded.mkdir(parents=True)
            result = subprocess.run(
                [str(JICENG), "demo", "--no-serve", "--no-browser"],
                env=_server_env(seeded),
                cwd=REPO,
                capture_output=True,
                text=True,
                timeout=600,
            )
            if result.returncode != 0:
                raise RuntimeError(f"jiceng demo failed:\n{result.stdout}\n{result.stderr}")
            (seeded / "done").write_text(result.stdout, encoding="utf-8")
    return seeded


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_until_up(url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"jiceng serve exited:\n{log.read_text(errors='replace')}")
        try:
            with urllib.request.urlopen(url + "/login/", timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"jiceng serve did not answer at {url}:\n{log.read_text(errors='replace')}")


@pytest.fixture(scope="session")
def live_url(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> Iterator[str]:
    _require_browser()
    base = tmp_path_factory.getbasetemp()
    shared = base.parent if worker_id != "master" else base
    seeded = _seed_once(shared)
    data_dir = base / "e2e-data"
    shutil.copytree(seeded, data_dir)
    port = _free_port()
    log = base / "e2e-server.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [str(JICENG), "serve", "--host", "127.0.0.1", "--port", str(port)],
            env=_server_env(data_dir),
            cwd=REPO,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(url, process, log)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.fixture(scope="session")
def browsing(live_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browsing]:
    with launch_browser() as browser:
        yield Browsing(browser, live_url, tmp_path_factory.mktemp("e2e-states"))


@pytest.fixture(scope="session")
def demo_password() -> str:
    return DEMO_PASSWORD
