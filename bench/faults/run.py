"""Fault injection against the production setup on loopback; prints what survived.

    .venv/bin/python bench/faults/run.py [--burst 20] [--writers 8]

Scenarios (each with its own checks, exit code 1 if one fails):

1. **app server killed mid-request** — writers POST burden events through the API while the
   whole gunicorn (master and its 4 workers) is SIGKILLed and started again: every write that was
   acknowledged (201) is in the database exactly once; writes whose response was lost may or may
   not be there (counted), none is doubled.
2. **PostgreSQL restarted during a write burst** (``pg_ctlcluster … restart`` of a dedicated
   cluster, so nobody else's database blinks): no 500; requests during the outage get 503 with
   "数据库暂时不可用"; every acknowledged write is there exactly once; writes resume afterwards.
3. **worker killed mid-job** — report jobs are queued, the Celery worker is SIGKILLed while one is
   running, a new worker starts: every job ends "done" exactly once (redelivered after the broker's
   visibility timeout), with its files.

Needs root (pg_createcluster/pg_ctlcluster), PostgreSQL 15 binaries, Redis, gunicorn and celery in
.venv. Uses the PostgreSQL cluster ``15/jiceng_faults`` on port 5440 (created on first run) and
Redis database 6; starts and stops only its own processes.
"""

from __future__ import annotations

import argparse
import os
import secrets
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

import requests

ROOT = Path(__file__).resolve().parents[2]
BIN = ROOT / ".venv" / "bin"
PG_VERSION, CLUSTER, PG_PORT = "15", "jiceng_faults", 5440
APP_PORT = 8791
PASSWORD = "Fault-Test-Passw0rd!"
UNAVAILABLE = "数据库暂时不可用"


def sh(*cmd: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, check=check, text=True, capture_output=True)


def ensure_cluster() -> None:
    listed = sh("pg_lsclusters", "--no-header").stdout
    if f" {CLUSTER} " not in f" {listed} ".replace("\t", " "):
        sh(
            "pg_createcluster",
            PG_VERSION,
            CLUSTER,
            "-p",
            str(PG_PORT),
            "--",
            "--auth-local=trust",
            "--auth-host=trust",
        )
    sh("pg_ctlcluster", PG_VERSION, CLUSTER, "start", check=False)
    url = f"postgres://postgres@127.0.0.1:{PG_PORT}/postgres"
    for _ in range(30):
        if sh("psql", url, "-qc", "select 1", check=False).returncode == 0:
            break
        time.sleep(1)
    sh("psql", url, "-qc", "DROP DATABASE IF EXISTS jiceng_faults")
    sh("psql", url, "-qc", "CREATE DATABASE jiceng_faults")


def environment(data_dir: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=f"postgres://postgres@127.0.0.1:{PG_PORT}/jiceng_faults",
        DJANGO_SETTINGS_MODULE="jiceng.web.settings",
        JICENG_SECRET_KEY=secrets.token_urlsafe(48),
        JICENG_DATA_DIR=str(data_dir),
        JICENG_ALLOWED_HOSTS="127.0.0.1,localhost",
        JICENG_JOBS_MODE="worker",
        JICENG_BROKER_URL="redis://127.0.0.1:6379/6",
        JICENG_JOBS_QUEUE="jiceng-faults",
        JICENG_BROKER_VISIBILITY_TIMEOUT="15",
        JICENG_DB_CONN_MAX_AGE="60",
    )
    return env


SEED = f"""
import django; django.setup()
from jiceng.core.models import Organisation, User
county = Organisation.objects.create(kind="county", name="故障演练县")
Organisation.objects.create(kind="department", name="县演练局", parent=county)
town = Organisation.objects.create(kind="township", name="演练镇", parent=county, staff_size=30)
User.objects.create_user(username="fault_admin", password="{PASSWORD}", role="county_admin", organisation=county)
User.objects.create_user(username="fault_town", password="{PASSWORD}", role="township_clerk", organisation=town)
print(town.pk)
"""


class Processes:
    """The processes this script starts, each in its own session so it can be killed whole."""

    def __init__(self, env: dict[str, str], logs: Path) -> None:
        self.env, self.logs = env, logs
        self.running: dict[str, subprocess.Popen[bytes]] = {}

    def start(self, name: str, *cmd: str) -> None:
        log = (self.logs / f"{name}.log").open("ab")
        self.running[name] = subprocess.Popen(
            cmd, cwd=ROOT, env=self.env, stdout=log, stderr=log, start_new_session=True
        )

    def kill(self, name: str) -> None:
        proc = self.running.pop(name)
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()

    def stop_all(self) -> None:
        for name in list(self.running):
            self.kill(name)

    def gunicorn(self) -> None:
        self.start(
            "gunicorn",
            str(BIN / "gunicorn"),
            "jiceng.web.wsgi:application",
            "-w",
            "4",
            "-b",
            f"127.0.0.1:{APP_PORT}",
            "--timeout",
            "60",
        )
        wait_http(f"http://127.0.0.1:{APP_PORT}/login/")

    def worker(self) -> None:
        self.start(
            "worker",
            str(BIN / "celery"),
            "-A",
            "jiceng.jobs",
            "worker",
            "-Q",
            "jiceng-faults",
            "--concurrency",
            "1",
            "-l",
            "info",
        )


def wait_http(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            requests.get(url, timeout=2)
            return
        except requests.RequestException:
            time.sleep(0.3)
    raise RuntimeError(f"{url} did not come up")


def session(username: str) -> requests.Session:
    base = f"http://127.0.0.1:{APP_PORT}"
    s = requests.Session()
    s.get(f"{base}/login/", timeout=10)
    r = s.post(
        f"{base}/login/",
        data={
            "username": username,
            "password": PASSWORD,
            "csrfmiddlewaretoken": s.cookies["csrftoken"],
        },
        allow_redirects=False,
        timeout=30,
    )
    assert r.status_code == 302, r.text[:200]
    s.headers["X-CSRFToken"] = s.cookies["csrftoken"]
    return s


class Burst:
    """Writers posting burden events with unique titles; every outcome recorded."""

    def __init__(self, township_id: int, tag: str, writers: int) -> None:
        self.township_id, self.tag, self.writers = township_id, tag, writers
        self.acked: list[str] = []
        self.lost: list[str] = []  # sent, no answer (connection dropped): may or may not be saved
        self.codes: Counter[int | str] = Counter()
        self.unavailable_messages = 0
        self.stop = threading.Event()
        self.lock = threading.Lock()

    def writer(self, index: int) -> None:
        s = session("fault_town")
        n = 0
        while not self.stop.is_set():
            n += 1
            title = f"{self.tag}-{index}-{n}"
            payload = {
                "township_id": self.township_id,
                "date": "2026-03-03",
                "type": "meeting",
                "hours": 1,
                "title": title,
            }
            try:
                r = s.post(
                    f"http://127.0.0.1:{APP_PORT}/api/ledger/events", json=payload, timeout=30
                )
            except requests.RequestException:
                with self.lock:
                    self.codes["connection"] += 1
                    self.lost.append(title)
                time.sleep(0.2)
                continue
            with self.lock:
                self.codes[r.status_code] += 1
                if r.status_code == 201:
                    self.acked.append(title)
                elif r.status_code == 503 and UNAVAILABLE in r.json().get("detail", ""):
                    self.unavailable_messages += 1
                elif r.status_code in (401, 403):
                    s = session("fault_town")  # the session row may be gone with a lost write
            time.sleep(0.02)

    def run(self, seconds: float, fault_at: float, fault: Any) -> None:
        threads = [threading.Thread(target=self.writer, args=(i,)) for i in range(self.writers)]
        for t in threads:
            t.start()
        time.sleep(fault_at)
        fault()
        time.sleep(max(0.0, seconds - fault_at))
        self.stop.set()
        for t in threads:
            t.join()


def saved_titles(env: dict[str, str], tag: str) -> Counter[str]:
    code = (
        "import django, json; django.setup()\n"
        "from jiceng.ledger.models import BurdenEvent\n"
        f"print(json.dumps(list(BurdenEvent.objects.filter(title__startswith={tag!r}).values_list('title', flat=True))))"
    )
    out = subprocess.run(
        [str(BIN / "python"), "-c", code],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    import json

    return Counter(json.loads(out.strip().splitlines()[-1]))


def judge(name: str, burst: Burst, saved: Counter[str], extra: list[tuple[str, bool]]) -> bool:
    missing = [t for t in burst.acked if saved[t] != 1]
    doubled = [t for t, c in saved.items() if c > 1]
    unacked_saved = sum(1 for t in burst.lost if saved[t] == 1)
    checks = [
        ("every acknowledged write saved exactly once", not missing),
        ("no write saved twice", not doubled),
        ("no 500", burst.codes.get(500, 0) == 0),
        ("writes resumed after the fault", len(burst.acked) > 0),
        *extra,
    ]
    print(f"\n## {name}")
    print(f"responses: {dict(burst.codes)}; acknowledged {len(burst.acked)}, saved {sum(saved.values())}, "
          f"answer lost {len(burst.lost)} (of which saved {unacked_saved})")  # fmt: skip
    for label, ok in checks:
        print(f"  [{'ok' if ok else 'FAIL'}] {label}")
    return all(ok for _, ok in checks)


def job_states(env: dict[str, str]) -> list[tuple[int, str, str, str]]:
    code = (
        "import django; django.setup()\n"
        "from jiceng.scorecard.models import ReportJob\n"
        "for j in ReportJob.objects.order_by('pk'): print(j.pk, j.status, j.docx_name or '-', j.xlsx_name or '-')"
    )
    out = subprocess.run(
        [str(BIN / "python"), "-c", code],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return [tuple(line.split()) for line in out.strip().splitlines() if line.strip()]  # type: ignore[misc]


def worker_scenario(procs: Processes, env: dict[str, str], data_dir: Path) -> bool:
    procs.worker()
    admin = session("fault_admin")
    for month in ("2026-01", "2026-02", "2026-03"):
        r = admin.post(
            f"http://127.0.0.1:{APP_PORT}/api/scorecard/reports?month={month}", json={}, timeout=30
        )
        assert r.status_code in (200, 201), r.text[:200]
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not any(s[1] == "running" for s in job_states(env)):
        time.sleep(0.2)
    states_at_kill = job_states(env)
    procs.kill("worker")
    killed_at = time.monotonic()
    procs.worker()
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline and not all(s[1] == "done" for s in job_states(env)):
        time.sleep(1)
    states = job_states(env)
    files = sorted(
        p.name for p in (data_dir / "uploads").rglob("*") if p.suffix in {".docx", ".xlsx"}
    )
    expected_files = {name for s in states for name in s[2:] if name != "-"}
    checks = [
        (
            "a job was running when the worker was killed",
            any(s[1] == "running" for s in states_at_kill),
        ),
        ("every job finished 'done'", bool(states) and all(s[1] == "done" for s in states)),
        (
            "each job's two files exist",
            expected_files <= set(files) and len(expected_files) == 2 * len(states),
        ),
        ("no duplicate files from a second run", len(files) == len(expected_files)),
    ]
    print("\n## worker killed mid-job")
    print(f"jobs at kill: {states_at_kill}")
    print(
        f"jobs after: {states}; recovered in {time.monotonic() - killed_at:.0f} s (visibility timeout 15 s)"
    )
    for label, ok in checks:
        print(f"  [{'ok' if ok else 'FAIL'}] {label}")
    return all(ok for _, ok in checks)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--burst", type=float, default=20, help="seconds of writing per scenario")
    parser.add_argument("--writers", type=int, default=8)
    args = parser.parse_args()

    run_dir = ROOT / "var" / "faults" / time.strftime("%Y%m%d-%H%M%S")
    data_dir = run_dir / "data"
    data_dir.mkdir(parents=True)
    ensure_cluster()
    env = environment(data_dir)
    subprocess.run(
        [str(BIN / "python"), "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True
    )
    township_id = int(
        subprocess.run(
            [str(BIN / "python"), "-c", SEED],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout.split()[-1]
    )
    procs = Processes(env, run_dir)
    results = []
    try:
        procs.gunicorn()

        def restart_app() -> None:
            procs.kill("gunicorn")
            time.sleep(1)
            procs.gunicorn()

        burst = Burst(township_id, "故障A", args.writers)
        burst.run(args.burst, args.burst / 3, restart_app)
        results.append(
            judge(
                "app server (gunicorn master + workers) SIGKILLed mid-request",
                burst,
                saved_titles(env, "故障A"),
                [],
            )
        )

        def restart_db() -> None:
            sh("pg_ctlcluster", PG_VERSION, CLUSTER, "restart", "-m", "fast")

        burst = Burst(township_id, "故障B", args.writers)
        burst.run(args.burst, args.burst / 3, restart_db)
        results.append(
            judge(
                "PostgreSQL restarted during the write burst",
                burst,
                saved_titles(env, "故障B"),
                [
                    (
                        "refusals during the outage say 数据库暂时不可用 (503)",
                        burst.codes.get(503, 0) == burst.unavailable_messages,
                    )
                ],
            )
        )

        results.append(worker_scenario(procs, env, data_dir))
    finally:
        procs.stop_all()
    print(f"\nlogs in {run_dir}")
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
