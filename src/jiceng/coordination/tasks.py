"""Celery tasks of the coordination part (discovered by ``jiceng.jobs``).

Both are idempotent, acknowledged late and retried with backoff; a job that still fails is not
lost either: its clock stays unfired, so the next sweep enqueues it again.
"""

from __future__ import annotations

from typing import Any

from celery import shared_task

RETRY: dict[str, Any] = {
    "bind": True,
    "acks_late": True,
    "reject_on_worker_lost": True,
    "autoretry_for": (Exception,),
    "retry_backoff": 2,
    "retry_backoff_max": 120,
    "retry_jitter": True,
    "max_retries": 10,
}


@shared_task(name="coordination.fire_clock", **RETRY)
def fire_clock(self: Any, clock_id: int, action: str, deadline: str) -> str:
    from jiceng.coordination.clocks import fire

    return fire(clock_id, action, deadline)


@shared_task(name="coordination.sweep", **RETRY)
def sweep(self: Any) -> dict[str, int]:
    from jiceng.coordination.clocks import sweep as run_sweep

    return run_sweep(
        enqueue=lambda clock_id, action, deadline: fire_clock.delay(clock_id, action, deadline)
    )
