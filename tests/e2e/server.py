"""The demo county behind the browser tests and the screenshots: seeded once, served live.

``seed_once`` runs ``jiceng demo --no-serve`` (the newcomer's command) into a folder, guarded by a
file lock so that parallel test workers seed it only once; ``serve`` runs ``jiceng serve`` in demo
mode (background jobs in-process) on a free loopback port until the block ends.
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
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
JICENG = Path(sys.executable).with_name("jiceng")


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


def seed_once(root: Path) -> Path:
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


@contextmanager
def serve(data_dir: Path, *, log: Path) -> Iterator[str]:
    """Serve ``data_dir`` on a free loopback port; yields the base URL."""
    port = _free_port()
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
