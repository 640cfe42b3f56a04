"""The demo's in-process scheduler: one daemon thread running the SLA sweep every minute.

Chosen over ``task_always_eager`` alone because eager mode only runs jobs that something
enqueues; clocks fall due with no request to trigger them, so something must look periodically.
The thread calls exactly the functions the Celery tasks call, so the demo exercises the same
code as production, minus the broker.
"""

from __future__ import annotations

import logging
import os
import sys
import threading

from jiceng.jobs import config

log = logging.getLogger(__name__)
_started = threading.Event()


def run_sweep_once() -> dict[str, int]:
    from jiceng.coordination.clocks import fire, sweep

    return sweep(enqueue=lambda clock_id, action, deadline: fire(clock_id, action, deadline))


def _loop(interval: float, stop: threading.Event) -> None:
    from django.db import close_old_connections

    while not stop.wait(interval):
        try:
            run_sweep_once()
        except Exception:  # the demo must keep serving; the next tick tries again
            log.warning("SLA 时限扫描失败，将在下一轮重试。", exc_info=True)
        finally:
            close_old_connections()


def start(interval: float | None = None) -> threading.Event:
    """Start the loop once per process; returns the event that stops it."""
    stop = threading.Event()
    if _started.is_set():
        return stop
    _started.set()
    thread = threading.Thread(
        target=_loop,
        args=(interval or config.sweep_seconds(), stop),
        name="jiceng-sla-sweep",
        daemon=True,
    )
    thread.start()
    return stop


def start_if_demo() -> None:
    """Called when Django starts: only the demo server (in-process mode, not tests) runs it."""
    if not config.in_process() or os.environ.get("JICENG_DEMO", "") != "1":
        return
    if "pytest" in sys.modules:
        return
    start()
