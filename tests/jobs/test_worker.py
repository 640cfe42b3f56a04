"""SLA jobs on the real worker and broker: sweep, reminders and escalations exactly once, and a
worker killed (SIGKILL) mid-job whose message is redelivered with the effect happening once."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from celery import Celery

ROOT = Path(__file__).resolve().parents[2]
CELERY = Path(sys.executable).with_name("celery")
pytestmark = pytest.mark.worker


class Harness:
    def __init__(self, tmp: Path, broker: str) -> None:
        self.tmp = tmp
        self.env = {
            **os.environ,
            "PYTHONPATH": f"{ROOT}{os.pathsep}{ROOT / 'src'}",
            "DJANGO_SETTINGS_MODULE": "jiceng.web.settings",
            "JICENG_DATA_DIR": str(tmp),
            "DATABASE_URL": f"sqlite:///{tmp / 'jobs.sqlite3'}",
            "JICENG_JOBS_MODE": "worker",
            "JICENG_BROKER_URL": broker,
            "JICENG_JOBS_QUEUE": f"jiceng-test-{uuid.uuid4().hex[:12]}",
            "JICENG_BROKER_VISIBILITY_TIMEOUT": "2",
        }
        self.env.pop("JICENG_DEMO", None)
        # A bare producer in the test process: messages go to the worker's private queue.
        self.producer = Celery("jiceng-test-producer", broker=broker)
        self.producer.conf.task_default_queue = self.env["JICENG_JOBS_QUEUE"]
        self.workers: list[subprocess.Popen[bytes]] = []

    def run(self, *args: str) -> Any:
        out = subprocess.run(
            [sys.executable, "-m", "tests.jobs.scenario", *args],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=180,
        )
        assert out.returncode == 0, out.stderr[-3000:]
        return json.loads(out.stdout.strip().splitlines()[-1])

    def send(self, name: str, *args: Any) -> None:
        self.producer.send_task(name, args=list(args), queue=self.env["JICENG_JOBS_QUEUE"])

    def state(self, ticket_id: int) -> dict[str, Any]:
        """Read the effects straight from the shared SQLite file (fast enough to poll)."""
        with sqlite3.connect(self.tmp / "jobs.sqlite3", timeout=20) as db:
            firings = db.execute(
                "SELECT c.clock || ':' || f.action FROM coordination_clockfiring f "
                "JOIN coordination_ticketclock c ON c.id = f.clock_id WHERE f.ticket_id = ? ORDER BY 1",
                (ticket_id,),
            ).fetchall()
            events = dict(
                db.execute(
                    "SELECT action, COUNT(*) FROM coordination_ticketevent WHERE ticket_id = ? GROUP BY action",
                    (ticket_id,),
                ).fetchall()
            )
            (escalated,) = db.execute(
                "SELECT escalated FROM coordination_ticket WHERE id = ?", (ticket_id,)
            ).fetchone()
            (notified,) = db.execute(
                "SELECT COUNT(*) FROM coordination_notification WHERE ticket_id = ? AND text LIKE ?",
                (ticket_id, "%已升级县级督办%"),
            ).fetchone()
        return {
            "firings": [f for (f,) in firings],
            "escalated": bool(escalated),
            "escalate_events": events.get("escalate", 0),
            "remind_events": events.get("remind", 0),
            "escalate_notifications": notified,
        }

    def start_worker(
        self, name: str, extra_env: dict[str, str] | None = None
    ) -> tuple[subprocess.Popen[bytes], Path]:
        log = self.tmp / f"{name}.log"
        cmd = [
            str(CELERY),
            "-A",
            "jiceng.jobs",
            "worker",
            "--pool=solo",
            "--concurrency=1",
            "-n",
            f"{name}@%h",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            "-l",
            "info",
            "-I",
            "tests.jobs.pause_hooks",
        ]
        proc = subprocess.Popen(
            cmd,
            cwd=ROOT,
            env={**self.env, **(extra_env or {})},
            stdout=log.open("wb"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.workers.append(proc)
        return proc, log

    def kill(self, proc: subprocess.Popen[bytes], sig: int = signal.SIGKILL) -> None:
        if proc.poll() is None:
            os.killpg(proc.pid, sig)
            proc.wait(timeout=30)

    def close(self) -> None:
        for proc in self.workers:
            if proc.poll() is None:
                self.kill(proc, signal.SIGTERM)


def wait_for(check: Callable[[], Any], timeout: float = 90, what: str = "") -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.5)
    raise AssertionError(f"timed out waiting for {what}")


@pytest.fixture(scope="module")
def harness(
    broker: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Harness, dict[str, Any]]]:
    h = Harness(tmp_path_factory.mktemp("jobs"), broker)
    first = h.run("setup")
    try:
        yield h, first
    finally:
        h.close()


def test_sweep_fires_each_due_clock_once_on_the_worker(
    harness: tuple[Harness, dict[str, Any]],
) -> None:
    h, ticket = harness
    proc, log = h.start_worker("sweeper")
    try:
        h.send("coordination.sweep")
        state = wait_for(
            lambda: (
                (s := h.state(ticket["ticket"]))["firings"]
                == ["resolution:remind", "response:escalate"]
                and s
            ),
            what="both firings",
        )
        assert state["escalated"] and state["escalate_events"] == 1 and state["remind_events"] == 1
        notified = state["escalate_notifications"]
        assert notified >= 2  # the responsible department, the township and the county admin
        # Two more sweeps and a doubled job change nothing.
        response = ticket["clocks"]["response"]
        h.send("coordination.sweep")
        h.send("coordination.sweep")
        h.send("coordination.fire_clock", response["id"], "escalate", response["due"])
        wait_for(
            lambda: log.read_text(errors="replace").count("'duplicate'") >= 1,
            what="the doubled job to run",
        )
        time.sleep(2)
        again = h.state(ticket["ticket"])
        assert again == state
    finally:
        h.kill(proc, signal.SIGTERM)


@pytest.mark.parametrize(
    "stage, effect_before_redelivery", [("committed", 1), ("before_commit", 0)]
)
def test_worker_killed_mid_job_is_redelivered_and_fires_exactly_once(
    harness: tuple[Harness, dict[str, Any]], stage: str, effect_before_redelivery: int
) -> None:
    h, _ = harness
    ticket = h.run("ticket")
    response = ticket["clocks"]["response"]
    marker = h.tmp / f"paused-{stage}"
    doomed, _ = h.start_worker(
        f"doomed-{stage}",
        {"JICENG_TEST_PAUSE_STAGE": stage, "JICENG_TEST_PAUSE_MARKER": str(marker)},
    )
    h.send("coordination.fire_clock", response["id"], "escalate", response["due"])
    wait_for(marker.exists, what="the worker to reach the pause point")
    h.kill(doomed)  # SIGKILL: no cleanup, no acknowledgement
    assert doomed.returncode == -signal.SIGKILL
    state = h.state(ticket["ticket"])
    assert state["escalate_events"] == effect_before_redelivery
    # A fresh worker gets the unacknowledged message again and finishes the job.
    rescuer, log = h.start_worker(f"rescuer-{stage}")
    try:
        expected = "'duplicate'" if stage == "committed" else "'fired'"
        wait_for(
            lambda: expected in log.read_text(errors="replace"), what=f"redelivery ({expected})"
        )
        final = h.state(ticket["ticket"])
        assert final["firings"] == ["response:escalate"]
        assert final["escalate_events"] == 1 and final["escalated"]
        assert (
            final["escalate_notifications"] == state["escalate_notifications"]
            or effect_before_redelivery == 0
        )
    finally:
        h.kill(rescuer, signal.SIGTERM)
